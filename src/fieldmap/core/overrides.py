"""The overrides report: every connector override next to what the organization mapping
would give on the same rows.

Flags, each counted on the connector's rows (an error counts as no value):
- **broken**: the override gives no value on a row where the organization mapping does;
- **stale**: the override gives no value on any row (the rows no longer have its path);
- **better**: the override fills a row the organization mapping leaves without a value;
- **redundant**: both give the same value on every row.

Several can hold at once (an override null everywhere while the organization mapping is too
is stale and redundant). The verdict is the first that holds in that order, which puts what
loses values first, then what does nothing at all, then what adds values, then what changes
nothing; none holding is "differs" (the override gives other values: it is doing its job),
and a connector without rows gives "no rows".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from fieldmap.core.columns import Work, evaluate_columns, is_filled, same_value
from fieldmap.core.impact import ConnectorState, IntegrationState
from fieldmap.core.models import EffectiveField, MappingScope

EXAMPLE_ROW_LIMIT = 5


class Flag(StrEnum):
    BROKEN = "broken"
    STALE = "stale"
    BETTER = "better"
    REDUNDANT = "redundant"


PRECEDENCE = (Flag.BROKEN, Flag.STALE, Flag.BETTER, Flag.REDUNDANT)
DIFFERS = "differs"
NO_ROWS = "no rows"


@dataclass(frozen=True)
class OverrideFinding:
    """One override, its organization counterpart (None: the integration has none), and how
    they compare row by row; `*_rows` hold the first few rows (0-based) of each kind."""

    connector_token: str
    connector_name: str | None
    field_id: UUID
    field_name: str
    override_path: str
    organization_path: str | None
    rows: int
    only_latest_row: bool
    same: int
    override_only: int
    organization_only: int
    both_differ: int
    override_errors: int
    flags: frozenset[Flag]
    broken_rows: tuple[int, ...] = ()
    better_rows: tuple[int, ...] = ()

    @property
    def verdict(self) -> str:
        if not self.rows:
            return NO_ROWS
        return next((flag.value for flag in PRECEDENCE if flag in self.flags), DIFFERS)


def overrides_report(state: IntegrationState, work: Work | None = None) -> list[OverrideFinding]:
    """Every override of every connector of `state`, by connector name then field name."""
    work = work if work is not None else Work()
    overrides = [
        (connector, field)
        for connector in state.connectors
        for field in connector.configuration.fields
        if field.source is MappingScope.CONNECTOR and field.json_path is not None
    ]
    work.total = sum(len(connector.rows or ()) * 2 for connector, _ in overrides)
    findings = [
        _finding(connector, field, state.organization_paths.get(field.custom_field_id), work)
        for connector, field in overrides
    ]
    return sorted(findings, key=lambda f: (f.connector_name or "", f.connector_token, f.field_name))


def _finding(
    connector: ConnectorState, field: EffectiveField, organization_path: str | None, work: Work
) -> OverrideFinding:
    override_path = field.json_path or ""  # the report keeps mapped overrides only
    rows = connector.rows or ()
    columns = evaluate_columns([p for p in (override_path, organization_path) if p], rows, work)
    ours = columns[override_path]
    theirs = columns[organization_path] if organization_path else [None] * len(rows)
    comparison = _compare(ours, theirs)
    return OverrideFinding(
        connector_token=connector.token,
        connector_name=connector.name,
        field_id=field.custom_field_id,
        field_name=field.name,
        override_path=override_path,
        organization_path=organization_path,
        rows=len(rows),
        only_latest_row=connector.only_latest_row,
        **comparison,
    )


def _compare(ours: list[Any], theirs: list[Any]) -> dict[str, Any]:
    same = both_null = override_only = organization_only = both_differ = errors = 0
    broken_rows: list[int] = []
    better_rows: list[int] = []
    for row, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
        mine_filled, other_filled = is_filled(mine), is_filled(other)
        if mine is not None and not mine_filled:
            errors += 1
        if mine_filled and other_filled:
            if same_value(mine, other):
                same += 1
            else:
                both_differ += 1
        elif mine_filled:
            override_only += 1
            if len(better_rows) < EXAMPLE_ROW_LIMIT:
                better_rows.append(row)
        elif other_filled:
            organization_only += 1
            if len(broken_rows) < EXAMPLE_ROW_LIMIT:
                broken_rows.append(row)
        elif mine is None and other is None:
            same += 1
            both_null += 1
    rows = len(ours)
    override_filled = same - both_null + override_only + both_differ
    flags = set()
    if organization_only:
        flags.add(Flag.BROKEN)
    if rows and not override_filled:
        flags.add(Flag.STALE)
    if override_only:
        flags.add(Flag.BETTER)
    if rows and same == rows:
        flags.add(Flag.REDUNDANT)
    return {
        "same": same,
        "override_only": override_only,
        "organization_only": organization_only,
        "both_differ": both_differ,
        "override_errors": errors,
        "flags": frozenset(flags),
        "broken_rows": tuple(broken_rows),
        "better_rows": tuple(better_rows),
    }
