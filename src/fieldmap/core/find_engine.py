"""The engine's operations of finding the data: search every row and connector, go to a
record, suggest fallbacks, and the unified API's `custom_fields` of a row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from fieldmap.core import find_results
from fieldmap.core import search as rows_search
from fieldmap.core.errors import NoRawDataError, NotFoundError
from fieldmap.core.find_operations import (
    FallbacksRequest,
    FallbackSuggestions,
    RecordRequest,
    RecordResult,
    SearchRequest,
    SearchResult,
    SourceHits,
    UnifiedOutput,
    UnifiedOutputRequest,
)
from fieldmap.core.models import Category, Model, RawDataSource
from fieldmap.core.operations import ConfigurationRequest
from fieldmap.core.row_models import RowsQuery

if TYPE_CHECKING:
    from fieldmap.core.engine import Engine


class FindOperations:
    """Mixed into `Engine`: every method reads rows through its `context_rows`."""

    def search(self: Engine, request: SearchRequest) -> SearchResult:
        """Every source's hits, connectors first, then the integration samples."""
        searching = rows_search.Search(request.query)
        sources = list(search_sources(self, request, searching))
        return SearchResult(query=request.query, sources=sources, stopped=searching.stopped)

    def find_record(self: Engine, request: RecordRequest) -> RecordResult:
        rows, source = self.context_rows(request)
        return find_results.record_result(request.value, rows, source, only_latest_row=False)

    def suggest_fallbacks(self: Engine, request: FallbacksRequest) -> FallbackSuggestions:
        rows, source = self.context_rows(request)
        return find_results.fallback_suggestions(
            request.json_path, rows, source, only_latest_row=False
        )

    def unified_output(self: Engine, request: UnifiedOutputRequest) -> UnifiedOutput:
        configuration = self.configuration(
            ConfigurationRequest(
                connector_token=request.connector_token,
                category=request.category,
                model=request.model,
            )
        )
        rows, source = self.context_rows(
            RowsQuery(
                connector_token=request.connector_token,
                category=request.category,
                model=request.model,
            )
        )
        row = row_of(request.row, len(rows), source)
        return find_results.unified_output(
            request, configuration.fields, rows, row, source, only_latest_row=False
        )


def search_sources(
    engine: Engine, request: SearchRequest, searching: rows_search.Search
) -> Iterator[SourceHits]:
    """The hits of each source in turn, as each is searched (what streams to a screen)."""
    for model in _models(engine, request):
        for source, rows in _sources(engine, request, model):
            found = searching.run(source, rows)
            yield find_results.source_hits(model.category, model.slug, found)
            if searching.stopped:
                return


def row_of(row: int | None, count: int, source: RawDataSource) -> int | None:
    """The 0-based row `row` names (None: the latest; negative: from the end); None for a
    sample, which has no position."""
    if source is not RawDataSource.CONNECTOR_SYNC:
        if row is not None:
            raise NotFoundError(f"no row {row}: there are no synced rows, only a sample")
        return None
    index = count - 1 if row is None else row + count if row < 0 else row
    if not 0 <= index < count:
        raise NotFoundError(f"no row {row}: the connector has {count} rows")
    return index


def _models(engine: Engine, request: SearchRequest) -> list[Model]:
    models = engine.list_models(request.category)
    if request.model is not None:
        models = [m for m in models if m.slug == request.model]
        if not models:
            where = f" in category {request.category}" if request.category else ""
            raise NotFoundError(f"no model {request.model!r}{where}")
    return models


def _sources(
    engine: Engine, request: SearchRequest, model: Model
) -> Iterator[tuple[rows_search.RowSource, list[Any]]]:
    category: Category = model.category
    if request.integration_slug is None:
        if request.connector_token is not None:
            connectors = [engine.connector(request.connector_token)]
        else:
            connectors = engine.list_connectors()
        for connector in connectors:
            if category not in connector.categories:
                continue
            rows = engine.synced_rows(connector.token, category, model.slug)
            if rows:
                yield (
                    rows_search.RowSource(
                        connector.integration_slug,
                        RawDataSource.CONNECTOR_SYNC,
                        connector.token,
                        connector.name,
                    ),
                    rows,
                )
    if request.connector_token is not None:
        return
    if request.integration_slug is not None:
        integrations = [engine._integration(request.integration_slug)]
    else:
        integrations = engine.list_integrations(category)
    for integration in integrations:
        if category not in integration.categories:
            continue
        try:
            sample = engine._sample(integration.slug, category, model.slug)
        except NoRawDataError:
            continue
        yield (
            rows_search.RowSource(
                integration.slug, RawDataSource.INTEGRATION_SAMPLE, name=integration.display_name
            ),
            [sample],
        )
