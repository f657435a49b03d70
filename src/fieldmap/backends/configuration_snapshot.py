"""The configuration a backend holds, read through the `Backend` protocol alone (so from the
local engine, `fieldmap serve` or a server of the published routes only), with the ids
that applying a plan to it needs.

The fields come from the paginated list; each field's mappings and declared type from its
detail (a remote without extensions puts back the type kept in the config dir). The detail
holds the mappings at every scope: a server without connector listing names no connector
tokens, and a field's detail is the one published call that has its overrides all the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

from fieldmap.backends.protocol import Backend
from fieldmap.core.config_document import Configuration, FieldKey, configuration_from
from fieldmap.core.field_types import spec_of
from fieldmap.core.models import Category, CustomFieldDetail, build
from fieldmap.core.operations import FieldsQuery
from fieldmap.core.plan import CONNECTOR, ORGANIZATION, Scope

DETAILS_AT_ONCE = 8  # field details asked at once: a remote answers faster, not flooded


@dataclass(frozen=True)
class Snapshot:
    """A backend's configuration, and the ids of its fields and mappings by key."""

    configuration: Configuration
    field_ids: dict[FieldKey, UUID]
    mapping_ids: dict[tuple[FieldKey, Scope], UUID]


async def read_snapshot(
    backend: Backend, category: Category | None = None, model: str | None = None
) -> Snapshot:
    """The fields of `category` and `model` (None: all) and their mappings."""
    fields = await backend.list_fields(build(FieldsQuery, category=category, model=model))
    limit = asyncio.Semaphore(DETAILS_AT_ONCE)

    async def detail(field_id: UUID) -> CustomFieldDetail:
        async with limit:
            return await backend.get_field(field_id)

    details = await asyncio.gather(*(detail(f.id) for f in fields))
    mappings = [mapping for d in details for mapping in d.mappings]
    types = {d.id: spec_of(d.type, d.options) for d in details}
    configuration = configuration_from(details, mappings, types, category, model)
    keys = {d.id: FieldKey(d.category, d.model, d.name) for d in details}
    mapping_ids = {}
    for mapping in mappings:
        if mapping.connector_token is not None:
            scope = Scope(CONNECTOR, mapping.connector_token)
        else:
            scope = Scope(ORGANIZATION, mapping.integration_slug or "")
        mapping_ids[keys[mapping.custom_field_id], scope] = mapping.id
    return Snapshot(configuration, {key: i for i, key in keys.items()}, mapping_ids)
