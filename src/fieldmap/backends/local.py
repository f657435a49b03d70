"""The `Backend` over the local engine; blocking SQLite calls run in a worker thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from fieldmap.core.engine import Engine
from fieldmap.core.models import (
    Category,
    Connector,
    Coverage,
    CoverageRequest,
    CustomField,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldSource,
    FieldUpdate,
    Integration,
    Mapping,
    Model,
    NewConnector,
    NewCustomField,
    NewMapping,
    PathDiscovery,
    PreviewRequest,
    PreviewResult,
    RawData,
    RowsQuery,
    SyncedRows,
    build,
)

T = TypeVar("T")


class LocalBackend:
    """Serves the contract from an `Engine`, in-process."""

    lists_connectors = True
    waiting = None  # an engine in-process never waits to retry
    lists_lookups = True

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.waiting_changed: Callable[[], None] | None = None

    @property
    def description(self) -> str:
        return f"local: {self.engine.store.path or 'in memory'}"

    async def _run(self, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(call, *args)

    async def list_models(self, category: Category | None = None) -> list[Model]:
        return await self._run(self.engine.list_models, category)

    async def list_integrations(self, category: Category | None = None) -> list[Integration]:
        return await self._run(self.engine.list_integrations, category)

    async def list_connectors(self) -> list[Connector]:
        return await self._run(self.engine.list_connectors)

    async def create_connector(self, integration_slug: str, name: str) -> Connector:
        new = build(NewConnector, integration_slug=integration_slug, name=name)
        return await self._run(self.engine.create_connector, new)

    async def remember_connector(self, token: str, category: Category, model: str) -> Connector:
        # The local engine lists every connector already: remembering is only checking.
        return await self._run(self.engine.connector, token)

    async def append_rows(
        self, connector_token: str, category: Category, model: str, rows: list[dict[str, Any]]
    ) -> int:
        synced = build(SyncedRows, category=category, model=model, rows=rows)
        return await self._run(self.engine.append_rows, connector_token, synced)

    async def raw_data(
        self,
        category: Category,
        model: str,
        *,
        connector_token: str | None = None,
        integration_slug: str | None = None,
        row: int | None = None,
    ) -> RawData:
        return await self._run(
            self.engine.raw_data, category, model, connector_token, integration_slug, row
        )

    async def preview(self, request: PreviewRequest) -> PreviewResult:
        return await self._run(self.engine.preview, request)

    async def coverage(self, request: CoverageRequest) -> Coverage:
        return await self._run(self.engine.coverage, request)

    async def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        return await self._run(self.engine.discover_paths, query)

    async def list_fields(
        self,
        category: Category | None = None,
        model: str | None = None,
        source: FieldSource | None = None,
    ) -> list[CustomField]:
        return await self._run(self.engine.list_fields, category, model, source)

    async def get_field(self, field_id: UUID) -> CustomFieldDetail:
        return await self._run(self.engine.get_field, field_id)

    async def create_field(self, field: NewCustomField) -> UUID:
        return (await self._run(self.engine.create_field, field)).id

    async def update_field(self, field_id: UUID, update: FieldUpdate) -> CustomFieldDetail:
        return await self._run(self.engine.update_field, field_id, update)

    async def delete_field(self, field_id: UUID) -> None:
        await self._run(self.engine.delete_field, field_id)

    async def list_mappings(
        self, *, integration_slug: str | None = None, connector_token: str | None = None
    ) -> list[Mapping]:
        return await self._run(self.engine.list_mappings, integration_slug, connector_token)

    async def create_mapping(self, mapping: NewMapping) -> UUID:
        return (await self._run(self.engine.create_mapping, mapping)).id

    async def update_mapping(self, mapping_id: UUID, json_path: str) -> None:
        await self._run(self.engine.update_mapping, mapping_id, json_path)

    async def delete_mapping(self, mapping_id: UUID) -> None:
        await self._run(self.engine.delete_mapping, mapping_id)

    async def configuration(
        self, connector_token: str, category: Category, model: str
    ) -> EffectiveConfiguration:
        return await self._run(self.engine.configuration, connector_token, category, model)

    async def aclose(self) -> None:
        await self._run(self.engine.store.close)
