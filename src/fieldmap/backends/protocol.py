"""The one interface the TUI and the tests talk to: a Custom Fields API, local or remote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

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
    NewCustomField,
    NewMapping,
    PathDiscovery,
    PreviewRequest,
    PreviewResult,
    RawData,
    RowsQuery,
)


class Backend(Protocol):
    """Every operation of the custom-fields contract, as coroutines.

    Failures raise the `fieldmap.core.errors` tree, whichever implementation is behind.
    """

    @property
    def description(self) -> str:
        """Where the data lives, for a person (a path or a URL; never a secret)."""
        ...

    @property
    def lists_connectors(self) -> bool:
        """Whether `list_connectors` is served; otherwise tokens come from the user."""
        ...

    waiting: str | None
    """Why the backend is waiting before it tries a request again, for a person (None:
    it is not waiting)."""
    waiting_changed: Callable[[], None] | None
    """Called, on the event loop, whenever `waiting` changes; the UI sets it."""

    @property
    def lists_lookups(self) -> bool:
        """Whether models and integrations come from the backend; otherwise from fieldmap's
        built-in catalogue (a server without the lookup extension)."""
        ...

    async def list_models(self, category: Category | None = None) -> list[Model]: ...

    async def list_integrations(self, category: Category | None = None) -> list[Integration]: ...

    async def list_connectors(self) -> list[Connector]: ...

    async def create_connector(self, integration_slug: str, name: str) -> Connector: ...

    async def remember_connector(self, token: str, category: Category, model: str) -> Connector:
        """Check a connector token a person typed and keep it among the known connectors
        (what servers without connector listing need); raises `NotFoundError` if unknown."""
        ...

    async def append_rows(
        self, connector_token: str, category: Category, model: str, rows: list[dict[str, Any]]
    ) -> int:
        """Append synced rows (the last becomes the latest); returns the connector's row count."""
        ...

    async def raw_data(
        self,
        category: Category,
        model: str,
        *,
        connector_token: str | None = None,
        integration_slug: str | None = None,
        row: int | None = None,
    ) -> RawData:
        """The connector's synced row `row` (default: the latest), else the integration sample."""
        ...

    async def preview(self, request: PreviewRequest) -> PreviewResult: ...

    async def coverage(self, request: CoverageRequest) -> Coverage:
        """How `json_path` fares across the context's rows; servers without the coverage
        extension give the figures of the one raw row, with `only_latest_row` set."""
        ...

    async def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        """Every leaf path of the context's rows; servers without the extension give the
        paths of the one raw row, with `only_latest_row` set."""
        ...

    async def list_fields(
        self,
        category: Category | None = None,
        model: str | None = None,
        source: FieldSource | None = None,
    ) -> list[CustomField]: ...

    async def get_field(self, field_id: UUID) -> CustomFieldDetail: ...

    async def create_field(self, field: NewCustomField) -> UUID: ...

    async def update_field(self, field_id: UUID, update: FieldUpdate) -> CustomFieldDetail:
        """Change the keys `update` has; the category and model only while the field has no
        mappings (`ConflictError` otherwise). Returns the field's detail."""
        ...

    async def delete_field(self, field_id: UUID) -> None: ...

    async def list_mappings(
        self, *, integration_slug: str | None = None, connector_token: str | None = None
    ) -> list[Mapping]:
        """The mappings of exactly one scope: an integration's organization mappings, or one
        connector's overrides."""
        ...

    async def create_mapping(self, mapping: NewMapping) -> UUID: ...

    async def update_mapping(self, mapping_id: UUID, json_path: str) -> None: ...

    async def delete_mapping(self, mapping_id: UUID) -> None: ...

    async def configuration(
        self, connector_token: str, category: Category, model: str
    ) -> EffectiveConfiguration: ...

    async def aclose(self) -> None: ...
