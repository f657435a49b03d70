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

from typing import Any

from fieldmap.core.columns import Work, evaluate_columns, is_filled, same_value
from fieldmap.core.impact import ConnectorState, IntegrationState
from fieldmap.core.models import EffectiveField, MappingScope
from fieldmap.core.operations_impact import Flag, OverrideFindingFigures

EXAMPLE_ROW_LIMIT = 5
PRECEDENCE = (Flag.BROKEN, Flag.STALE, Flag.BETTER, Flag.REDUNDANT)
DIFFERS = "differs"
NO_ROWS = "no rows"


def overrides_report(
    state: IntegrationState, work: Work | None = None
) -> list[OverrideFindingFigures]:
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
) -> OverrideFindingFigures:
    override_path = field.json_path or ""  # the report keeps mapped overrides only
    rows = connector.rows or ()
    columns = evaluate_columns([p for p in (override_path, organization_path) if p], rows, work)
    ours = columns[override_path]
    theirs = columns[organization_path] if organization_path else [None] * len(rows)
    comparison = _compare(ours, theirs)
    return OverrideFindingFigures(
        connector_token=connector.token,
        connector_name=connector.name,
        field_id=field.custom_field_id,
        field_name=field.name,
        mapping_id=field.mapping_id,
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
    holding = {
        Flag.BROKEN: bool(organization_only),
        Flag.STALE: bool(rows and not override_filled),
        Flag.BETTER: bool(override_only),
        Flag.REDUNDANT: bool(rows and same == rows),
    }
    flags = [flag for flag in PRECEDENCE if holding[flag]]
    return {
        "same": same,
        "override_only": override_only,
        "organization_only": organization_only,
        "both_differ": both_differ,
        "override_errors": errors,
        "flags": flags,
        "verdict": (flags[0].value if flags else DIFFERS) if rows else NO_ROWS,
        "broken_rows": tuple(broken_rows),
        "better_rows": tuple(better_rows),
    }
