"""What a server with only the published routes cannot do in one call, made of the calls
it has: figures of the latest raw row, set_mapping as list-then-create-or-PATCH, and an
integration's configuration as one `configuration` call per known connector."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fieldmap.core import coverage as rows_coverage
from fieldmap.core import discovery
from fieldmap.core.conversions import conversions_of
from fieldmap.core.errors import ConflictError, NotFoundError
from fieldmap.core.field_types import require_sound, spec_of
from fieldmap.core.models import NewMapping, build
from fieldmap.core.operations import (
    ConfigurationRequest,
    Conversions,
    ConversionsRequest,
    FieldsQuery,
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    MappingChange,
    RawDataRequest,
    Scope,
    SetMapping,
    SetMappingOutcome,
    SetMappingResult,
    effective_field,
)
from fieldmap.core.revisions import require_absent
from fieldmap.core.row_models import Coverage, CoverageRequest, PathDiscovery, RawData, RowsQuery

if TYPE_CHECKING:
    from fieldmap.backends.remote import RemoteBackend


async def latest_row_coverage(backend: RemoteBackend, request: CoverageRequest) -> Coverage:
    raw = await latest_row(backend, request)
    spec = spec_of(request.type, request.options)
    require_sound(spec)
    one_row = rows_coverage.coverage(request.json_path, [raw.data], raw.source, spec)
    return one_row.model_copy(update={"only_latest_row": True})


async def latest_row_conversions(
    backend: RemoteBackend, request: ConversionsRequest
) -> Conversions:
    raw = await latest_row(backend, request)
    one_row = conversions_of(request, [raw.data], raw.source)
    return one_row.model_copy(update={"only_latest_row": True})


async def latest_row_paths(backend: RemoteBackend, query: RowsQuery) -> PathDiscovery:
    raw = await latest_row(backend, query)
    return PathDiscovery(
        rows=1,
        raw_data_source=raw.source,
        only_latest_row=True,
        paths=discovery.discover_paths([raw.data]),
    )


async def latest_row(backend: RemoteBackend, query: RowsQuery) -> RawData:
    """What a server without the across-rows extensions can give: the one raw row."""
    return await backend.raw_data(
        build(
            RawDataRequest,
            category=query.category,
            model=query.model,
            connector_token=query.connector_token,
            integration_slug=query.integration_slug,
        )
    )


async def set_mapping(backend: RemoteBackend, request: SetMapping) -> SetMappingResult:
    """The scope's mappings, then a POST when the field has none there, else a PATCH of
    the one it has (unless its path is the same)."""
    mappings = await backend.list_mappings(request.scope)
    existing = next((m for m in mappings if m.custom_field_id == request.field_id), None)
    if existing is None:
        new = NewMapping(
            custom_field_id=request.field_id,
            integration_slug=request.scope.integration_slug,
            connector_token=request.scope.connector_token,
            json_path=request.json_path,
        )
        try:
            created = await backend.create_mapping(new)
        except ConflictError:  # created by someone else between the list and the POST
            if not request.expected_absent:
                raise
            mappings = await backend.list_mappings(request.scope)
            require_absent(next(m for m in mappings if m.custom_field_id == request.field_id))
        return SetMappingResult(outcome=SetMappingOutcome.CREATED, mapping=created)
    if request.expected_absent:
        require_absent(existing)
    if existing.json_path == request.json_path:
        return SetMappingResult(outcome=SetMappingOutcome.UNCHANGED, mapping=existing)
    change = MappingChange(
        mapping_id=existing.id,
        json_path=request.json_path,
        expected_revision=request.expected_revision,
    )
    replaced = await backend.update_mapping(change)
    return SetMappingResult(outcome=SetMappingOutcome.REPLACED, mapping=replaced)


async def integration_configuration(
    backend: RemoteBackend, request: IntegrationConfigurationRequest
) -> IntegrationConfiguration:
    """The fields and the integration's mappings, each known connector's configuration,
    and each field's detail for its mapping counts (the published API has no other way)."""
    category, model = request.category, request.model
    models = await backend.list_models(category)  # the built-in catalogue, on such a server
    if model not in {m.slug for m in models}:
        raise NotFoundError(f"no model {model!r} in category {category}")
    connectors = [
        c for c in await backend.list_connectors() if c.integration_slug == request.integration
    ]
    fields, organization, configurations = await asyncio.gather(
        backend.list_fields(FieldsQuery(category=category, model=model)),
        backend.list_mappings(Scope(integration_slug=request.integration)),
        asyncio.gather(
            *(
                backend.configuration(
                    ConfigurationRequest(connector_token=c.token, category=category, model=model)
                )
                for c in connectors
            )
        ),
    )
    fields = sorted(fields, key=lambda f: f.name)  # the engine's order
    details = await asyncio.gather(*(backend.get_field(f.id) for f in fields))
    by_field = {m.custom_field_id: m for m in organization}
    return IntegrationConfiguration(
        integration_slug=request.integration,
        category=category,
        model=model,
        organization=[effective_field(f, by_field.get(f.id)) for f in fields],
        connectors=list(configurations),
        mapping_counts={d.id: d.mapping_counts for d in details},
    )
