"""The impact of a mapping change before it is saved: every connector's value and fill rate,
before and after.

A change is one of: an organization mapping set (created or changed) or deleted, a connector
override set or deleted, or a field deleted. For every connector of the integration the
answer gives the path that wins before and after, the value on its latest row (the last of its
rows) before and after, and its fill rate across its rows before and after; a connector whose
override wins is unaffected by an organization mapping's change. Each distinct expression is
evaluated once per row of a connector (`columns`), within the budgets of a coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from fieldmap.core.columns import Work, evaluate_columns, is_filled, same_value
from fieldmap.core.models import EffectiveConfiguration, MappingScope


@dataclass(frozen=True)
class ConnectorState:
    """One connector as the impact sees it: its effective configuration now, and its rows
    (all of them, only the latest when `only_latest_row`, or none known)."""

    configuration: EffectiveConfiguration
    rows: Sequence[Any] | None = None
    only_latest_row: bool = False
    name: str | None = None

    @property
    def token(self) -> str:
        return self.configuration.connector_token


@dataclass(frozen=True)
class IntegrationState:
    """An integration's connectors for one (category, model), and its organization
    mappings (field id -> JMESPath), which an override gives way to when deleted."""

    connectors: Sequence[ConnectorState]
    organization_paths: dict[UUID, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SetOrganizationMapping:
    field_id: UUID
    json_path: str | None
    """None deletes the organization mapping."""


@dataclass(frozen=True)
class SetConnectorOverride:
    field_id: UUID
    connector_token: str
    json_path: str | None
    """None deletes the override: the organization mapping wins again."""


@dataclass(frozen=True)
class DeleteField:
    field_id: UUID


Change = SetOrganizationMapping | SetConnectorOverride | DeleteField


@dataclass(frozen=True)
class Fill:
    rows: int
    filled: int
    errors: int

    @property
    def rate(self) -> float:
        return self.filled / self.rows if self.rows else 0.0


@dataclass(frozen=True)
class ConnectorImpact:
    """What one connector's field becomes. `path_*` None: unmapped; `removed`: the field
    itself goes (its values after are None). `changed_rows` counts rows whose value
    differs; None when no row is known."""

    connector_token: str
    connector_name: str | None
    path_before: str | None
    path_after: str | None
    unaffected: bool
    removed: bool
    rows: int
    only_latest_row: bool
    latest_before: Any = None
    latest_after: Any = None
    fill_before: Fill | None = None
    fill_after: Fill | None = None
    changed_rows: int | None = None

    @property
    def fill_change(self) -> float:
        if self.fill_before is None or self.fill_after is None:
            return 0.0
        return self.fill_after.rate - self.fill_before.rate

    @property
    def magnitude(self) -> tuple[float, float]:
        """The sort key of "sorted by change": the share of rows that change, then the
        change of fill rate; connectors without rows come last."""
        if self.changed_rows is None or not self.rows:
            return (-1.0, 0.0)
        return (self.changed_rows / self.rows, abs(self.fill_change))


@dataclass(frozen=True)
class Impact:
    change: Change
    connectors: list[ConnectorImpact]

    def by_change(self) -> list[ConnectorImpact]:
        """Largest change first; ties by connector name, then token."""
        return sorted(
            self.connectors,
            key=lambda c: (
                tuple(-part for part in c.magnitude),
                c.connector_name or "",
                c.connector_token,
            ),
        )


def impact(state: IntegrationState, change: Change, work: Work | None = None) -> Impact:
    """The impact of `change` on every connector it can reach (only the overridden one for
    a connector override). Raises `columns.Cancelled` when `work.cancelled()` says so."""
    work = work if work is not None else Work()
    reached = [
        connector
        for connector in state.connectors
        if not isinstance(change, SetConnectorOverride) or connector.token == change.connector_token
    ]
    plans = [(connector, *_paths(state, connector, change)) for connector in reached]
    work.total = sum(
        len(connector.rows or ()) * len({before, after} - {None})
        for connector, before, after, unaffected, _ in plans
        if not unaffected
    )
    return Impact(change, [_connector_impact(*plan, work) for plan in plans])


def _paths(
    state: IntegrationState, connector: ConnectorState, change: Change
) -> tuple[str | None, str | None, bool, bool]:
    """(path before, path after, unaffected because an override wins, field removed)."""
    current = next(
        (f for f in connector.configuration.fields if f.custom_field_id == change.field_id), None
    )
    before = current.json_path if current else None
    overridden = current is not None and current.source is MappingScope.CONNECTOR
    if isinstance(change, DeleteField):
        return before, None, False, True
    if isinstance(change, SetOrganizationMapping):
        if overridden:
            return before, before, True, False
        return before, change.json_path, False, False
    after = change.json_path
    if after is None:
        after = state.organization_paths.get(change.field_id)
    return before, after, False, False


def _connector_impact(
    connector: ConnectorState,
    before: str | None,
    after: str | None,
    unaffected: bool,
    removed: bool,
    work: Work,
) -> ConnectorImpact:
    rows = connector.rows or ()
    common = {
        "connector_token": connector.token,
        "connector_name": connector.name,
        "path_before": before,
        "path_after": after,
        "unaffected": unaffected,
        "removed": removed,
        "rows": len(rows),
        "only_latest_row": connector.only_latest_row,
    }
    if unaffected or not rows:
        return ConnectorImpact(**common, changed_rows=0 if unaffected and rows else None)
    columns = evaluate_columns([p for p in (before, after) if p is not None], rows, work)
    unmapped = [None] * len(rows)
    values_before = columns[before] if before is not None else unmapped
    values_after = columns[after] if after is not None else unmapped
    return ConnectorImpact(
        **common,
        latest_before=values_before[-1],
        latest_after=values_after[-1],
        fill_before=_fill(values_before),
        fill_after=None if removed else _fill(values_after),
        changed_rows=sum(
            1
            for old, new in zip(values_before, values_after, strict=True)
            if not same_value(old, new)
        ),
    )


def _fill(values: list[Any]) -> Fill:
    filled = sum(1 for value in values if is_filled(value))
    errors = sum(1 for value in values if value is not None and not is_filled(value))
    return Fill(rows=len(values), filled=filled, errors=errors)
