"""The requests and results of the impact of a change and of the overrides report (part of
the contract, as `operations.py`): the same at engine, `Backend`, routes and remote client."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field

from fieldmap.core.models import Category, Contract, JsonPath


class OrganizationMappingChange(Contract):
    """The organization's mapping of a field for an integration set (created or changed),
    or deleted (`json_path` None)."""

    kind: Literal["organization_mapping"] = "organization_mapping"
    field_id: UUID
    integration_slug: str
    json_path: JsonPath | None = None


class ConnectorOverrideChange(Contract):
    """A connector's override of a field set, or deleted (`json_path` None: the
    organization's mapping wins again)."""

    kind: Literal["connector_override"] = "connector_override"
    field_id: UUID
    connector_token: str
    json_path: JsonPath | None = None


class FieldDeletion(Contract):
    """A field deleted with its mappings: it reaches every connector serving its category."""

    kind: Literal["field_deletion"] = "field_deletion"
    field_id: UUID


ImpactChange = Annotated[
    OrganizationMappingChange | ConnectorOverrideChange | FieldDeletion,
    Field(discriminator="kind"),
]


class ImpactRequest(Contract):
    change: ImpactChange


class FillFigures(Contract):
    """On how many of `rows` a path gives a value, and on how many it fails."""

    rows: int
    filled: int
    errors: int

    @property
    def rate(self) -> float:
        return self.filled / self.rows if self.rows else 0.0


class LatestValue(Contract):
    """A path's outcome on a connector's latest row: its value, or its error."""

    value: Any = None
    error: str | None = None


class ConnectorImpactFigures(Contract):
    """What one connector's field becomes. `path_*` None: unmapped; `unaffected`: an
    override wins over the organization's mapping that changes; `removed`: the field goes.
    `changed_rows` counts the rows whose value changes (None: no rows known)."""

    connector_token: str
    connector_name: str | None
    integration_slug: str
    path_before: str | None
    path_after: str | None
    unaffected: bool
    removed: bool
    rows: int
    only_latest_row: bool
    latest_before: LatestValue | None = None
    latest_after: LatestValue | None = None
    fill_before: FillFigures | None = None
    fill_after: FillFigures | None = None
    changed_rows: int | None = None

    @property
    def fill_change(self) -> float | None:
        if self.fill_before is None:
            return None
        after = self.fill_after.rate if self.fill_after is not None else 0.0
        return after - self.fill_before.rate


class ImpactResult(Contract):
    """Every connector the change reaches, the largest change first. `only_latest_row`:
    computed by the client from each known connector's latest row (a server without the
    impact extension), not across all rows."""

    change: ImpactChange
    field_name: str
    category: Category
    model: str
    connectors: list[ConnectorImpactFigures]
    only_latest_row: bool = False

    @property
    def affected(self) -> list[ConnectorImpactFigures]:
        """The connectors with rows whose value changes."""
        return [c for c in self.connectors if c.changed_rows]


class OverridesRequest(Contract):
    integration: str
    category: Category
    model: str


class Flag(StrEnum):
    BROKEN = "broken"
    STALE = "stale"
    BETTER = "better"
    REDUNDANT = "redundant"


class OverrideFindingFigures(Contract):
    """One override next to the organization's mapping on the same rows (see
    `core/overrides.py` for the flags, in their order of precedence, and the verdict);
    `*_rows` are 0-based examples; `mapping_id` is the override's."""

    connector_token: str
    connector_name: str | None
    field_id: UUID
    field_name: str
    mapping_id: UUID | None
    override_path: str
    organization_path: str | None
    rows: int
    only_latest_row: bool
    same: int
    override_only: int
    organization_only: int
    both_differ: int
    override_errors: int
    flags: list[Flag]
    verdict: str
    broken_rows: tuple[int, ...] = ()
    better_rows: tuple[int, ...] = ()


class OverridesReport(Contract):
    """Every connector override of the integration's model, by connector then field.
    `only_latest_row` as in `ImpactResult`."""

    integration_slug: str
    category: Category
    model: str
    findings: list[OverrideFindingFigures]
    only_latest_row: bool = False
