"""Finding the data on a server with only the published routes: what one raw row per
request allows. Search reads the latest row of each known connector and the integration
samples; a record, fallbacks and the unified output are of the one latest row. Every
result says so (`only_latest_row`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldmap.backends.remote_fallbacks import latest_row
from fieldmap.core import find_operations as find
from fieldmap.core import find_results
from fieldmap.core import search as rows_search
from fieldmap.core.errors import NoRawDataError, NotFoundError
from fieldmap.core.models import Model, RawDataSource
from fieldmap.core.operations import ConfigurationRequest, RawDataRequest
from fieldmap.core.row_models import RawData

if TYPE_CHECKING:
    from fieldmap.backends.remote import RemoteBackend


async def latest_rows_search(
    backend: RemoteBackend, request: find.SearchRequest
) -> find.SearchResult:
    searching = rows_search.Search(request.query)
    sources: list[find.SourceHits] = []
    connectors = await backend.list_connectors()
    integrations = await backend.list_integrations(request.category)
    for model in await _models(backend, request):
        category = model.category
        if request.integration_slug is None:
            for connector in connectors:
                wanted = request.connector_token in (None, connector.token)
                if not wanted or category not in connector.categories:
                    continue
                raw = await _raw(backend, model, connector_token=connector.token)
                if raw is None or raw.source is not RawDataSource.CONNECTOR_SYNC:
                    continue  # no synced row: its sample is searched as the integration's
                source = rows_search.RowSource(
                    connector.integration_slug, raw.source, connector.token, connector.name, True
                )
                found = searching.run(source, [raw.data])
                sources.append(find_results.source_hits(category, model.slug, found))
        if request.connector_token is not None:
            continue
        for integration in integrations:
            if request.integration_slug not in (None, integration.slug):
                continue
            if category not in integration.categories:
                continue
            raw = await _raw(backend, model, integration_slug=integration.slug)
            if raw is None:
                continue
            source = rows_search.RowSource(
                integration.slug, raw.source, name=integration.display_name
            )
            found = searching.run(source, [raw.data])
            sources.append(find_results.source_hits(category, model.slug, found))
    return find.SearchResult(query=request.query, sources=sources, stopped=searching.stopped)


async def latest_row_record(
    backend: RemoteBackend, request: find.RecordRequest
) -> find.RecordResult:
    raw = await latest_row(backend, request)
    return find_results.record_result(request.value, [raw.data], raw.source, only_latest_row=True)


async def latest_row_fallbacks(
    backend: RemoteBackend, request: find.FallbacksRequest
) -> find.FallbackSuggestions:
    raw = await latest_row(backend, request)
    return find_results.fallback_suggestions(
        request.json_path, [raw.data], raw.source, only_latest_row=True
    )


async def latest_row_unified_output(
    backend: RemoteBackend, request: find.UnifiedOutputRequest
) -> find.UnifiedOutput:
    configuration = await backend.configuration(
        ConfigurationRequest(
            connector_token=request.connector_token,
            category=request.category,
            model=request.model,
        )
    )
    raw = await backend.raw_data(
        RawDataRequest(
            connector_token=request.connector_token,
            category=request.category,
            model=request.model,
            row=request.row,
        )
    )
    synced = raw.source is RawDataSource.CONNECTOR_SYNC
    output = find_results.unified_output(
        request, configuration.fields, [raw.data], 0 if synced else None, raw.source, True
    )
    return output.model_copy(update={"row": raw.row_index}) if synced else output


async def _models(backend: RemoteBackend, request: find.SearchRequest) -> list[Model]:
    models = await backend.list_models(request.category)
    if request.model is None:
        return models
    chosen = [m for m in models if m.slug == request.model]
    if not chosen:
        where = f" in category {request.category}" if request.category else ""
        raise NotFoundError(f"no model {request.model!r}{where}")
    return chosen


async def _raw(backend: RemoteBackend, model: Model, **source: str) -> RawData | None:
    try:
        return await backend.raw_data(
            RawDataRequest(category=model.category, model=model.slug, **source)
        )
    except (NotFoundError, NoRawDataError):
        return None
