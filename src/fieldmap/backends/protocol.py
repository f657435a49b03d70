"""The one interface the TUI and the tests talk to: a Custom Fields API, local or remote."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Protocol
from uuid import UUID

from fieldmap.core.columns import Work
from fieldmap.core.find_operations import (
    FallbacksRequest,
    FallbackSuggestions,
    RecordRequest,
    RecordResult,
    SearchRequest,
    SearchResult,
    UnifiedOutput,
    UnifiedOutputRequest,
)
from fieldmap.core.models import (
    Category,
    Connector,
    CustomField,
    CustomFieldDetail,
    EffectiveConfiguration,
    Integration,
    Mapping,
    Model,
    NewConnector,
    NewCustomField,
    NewMapping,
)
from fieldmap.core.operations import (
    EVERY_FIELD,
    ConfigurationRequest,
    Conversions,
    ConversionsRequest,
    FieldChange,
    FieldsQuery,
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    MappingChange,
    NewRows,
    RawDataRequest,
    RowCount,
    Scope,
    SetMapping,
    SetMappingResult,
)
from fieldmap.core.operations_impact import (
    ImpactRequest,
    ImpactResult,
    OverridesReport,
    OverridesRequest,
)
from fieldmap.core.row_models import (
    Coverage,
    CoverageRequest,
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

    @property
    def types_kept_in(self) -> str | None:
        """Where fields' types and options live when the server does not keep them (the
        config file, for a server of the published routes only); None: with the fields."""
        ...

    async def list_models(self, category: Category | None = None) -> list[Model]: ...

    async def list_integrations(self, category: Category | None = None) -> list[Integration]: ...

    async def list_connectors(self) -> list[Connector]: ...

    async def create_connector(self, new: NewConnector) -> Connector: ...

    async def remember_connector(self, request: ConfigurationRequest) -> Connector:
        """Check a connector token a person typed (with its configuration of the request's
        model) and keep it among the known connectors (what servers without connector
        listing need); raises `NotFoundError` if unknown."""
        ...

    async def append_rows(self, rows: NewRows) -> RowCount:
        """Append synced rows (the last becomes the latest); answers the connector's row count."""
        ...

    async def raw_data(self, request: RawDataRequest) -> RawData:
        """The connector's synced row `row` (default: the latest), else the integration sample."""
        ...

    async def count_rows(self, query: RowsQuery) -> RowCount:
        """How many synced rows the context has, without reading one (an extension)."""

    async def preview(self, request: PreviewRequest) -> PreviewResult: ...

    async def coverage(self, request: CoverageRequest) -> Coverage:
        """How `json_path` fares across the context's rows; servers without the coverage
        extension give the figures of the one raw row, with `only_latest_row` set."""
        ...

    async def conversions(self, request: ConversionsRequest) -> Conversions:
        """Conversions of `json_path` that make more values fit `type`; servers without
        the extension give those of the one raw row, with `only_latest_row` set."""
        ...

    async def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        """Every leaf path of the context's rows; servers without the extension give the
        paths of the one raw row, with `only_latest_row` set."""
        ...

    async def list_fields(self, query: FieldsQuery = EVERY_FIELD) -> list[CustomField]: ...

    async def get_field(self, field_id: UUID) -> CustomFieldDetail: ...

    async def create_field(self, new: NewCustomField) -> CustomField: ...

    async def update_field(self, change: FieldChange) -> CustomFieldDetail:
        """Change the keys the update has; the category and model only while the field has
        no mappings (`ConflictError` otherwise). Answers the field's detail."""
        ...

    async def delete_field(self, field_id: UUID) -> None: ...

    async def list_mappings(self, scope: Scope) -> list[Mapping]:
        """The mappings of one scope: an integration's organization mappings, or one
        connector's overrides."""
        ...

    async def create_mapping(self, new: NewMapping) -> Mapping: ...

    async def set_mapping(self, request: SetMapping) -> SetMappingResult:
        """Create the field's mapping at the scope, or replace the one it has there, or
        leave it when its path is the same; the outcome says which."""
        ...

    async def update_mapping(self, change: MappingChange) -> Mapping: ...

    async def delete_mapping(self, mapping_id: UUID) -> None: ...

    async def configuration(self, request: ConfigurationRequest) -> EffectiveConfiguration: ...

    async def integration_configuration(
        self, request: IntegrationConfigurationRequest
    ) -> IntegrationConfiguration:
        """Every known connector's effective configuration of the model, the organization's
        mappings of the integration, and every field's mapping counts."""
        ...

    async def search(self, request: SearchRequest) -> SearchResult:
        """Search keys and values of every row of the connectors and samples asked for;
        servers without the extension give the latest row of each known connector and the
        samples, with `only_latest_row` set on those connectors."""
        ...

    async def find_record(self, request: RecordRequest) -> RecordResult:
        """The context's rows holding an identifying value (latest row only, said, on a
        server without the extension)."""
        ...

    async def suggest_fallbacks(self, request: FallbacksRequest) -> FallbackSuggestions:
        """`A || B` fallbacks for the rows `json_path` leaves null, best first."""
        ...

    async def unified_output(self, request: UnifiedOutputRequest) -> UnifiedOutput:
        """A row's `custom_fields` as the unified API returns it, and the rows' completeness."""

    async def impact(self, request: ImpactRequest, work: Work | None = None) -> ImpactResult:
        """What a change would do to every connector it reaches, before it is made; a
        server without the extension gives each known connector's latest row only, with
        `only_latest_row` set. `work` reports progress and can cancel (`Cancelled`)."""
        ...

    async def overrides(
        self, request: OverridesRequest, work: Work | None = None
    ) -> OverridesReport:
        """Every connector override of an integration's model next to its organization's
        mapping, flagged; the same fallback as `impact`."""
        ...

    async def aclose(self) -> None: ...


OPERATIONS = frozenset(
    name
    for name, member in vars(Backend).items()
    if inspect.iscoroutinefunction(member) and name not in {"aclose", "remember_connector"}
)
"""The operations every backend serves the same way (what the local backend runs on its
engine as they are): all the coroutines but closing and remembering a connector."""
