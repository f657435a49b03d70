"""What `fieldmap apply` would change on the connectors' rows, shown before it asks: for
each organization mapping the plan creates, changes or deletes on a field that exists, the
connectors it reaches (the latest row's value before and after, the fill before and after),
from the backend's `impact` (the engine's, or a remote's: each connector's latest row only
on a server without the impact extension, which the text says)."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from uuid import UUID

from fieldmap.backends.configuration_snapshot import Snapshot
from fieldmap.backends.protocol import Backend
from fieldmap.cli_find import _printable
from fieldmap.core.errors import FieldmapError
from fieldmap.core.ids import short_token
from fieldmap.core.operations_impact import (
    ConnectorImpactFigures,
    FillFigures,
    ImpactRequest,
    ImpactResult,
    LatestValue,
    OrganizationMappingChange,
)
from fieldmap.core.plan import ORGANIZATION, Action, Plan, Step
from fieldmap.core.wording import count_of

MAPPING_ACTIONS = frozenset({Action.CREATE_MAPPING, Action.UPDATE_MAPPING, Action.DELETE_MAPPING})
IMPACTS_AT_ONCE = 4  # each reads every row of the connectors it reaches
CONNECTORS_SHOWN = 8  # per change, the largest changes first (the result's order)
WIDTH = 80
VALUE_WIDTH = 24


async def connector_impact(backend: Backend, plan: Plan, snapshot: Snapshot) -> str | None:
    """The text (lines of at most 80 columns), or None when no step changes an
    organization mapping."""
    steps = [
        s
        for s in plan.steps
        if s.action in MAPPING_ACTIONS and s.scope is not None and s.scope.kind == ORGANIZATION
    ]
    if not steps:
        return None
    known = [s for s in steps if s.field in snapshot.field_ids]
    limit = asyncio.Semaphore(IMPACTS_AT_ONCE)

    async def impact(step: Step) -> ImpactResult | FieldmapError:
        async with limit:
            try:
                return await backend.impact(_request(step, snapshot.field_ids[step.field]))
            except FieldmapError as error:
                return error

    results = await asyncio.gather(*(impact(step) for step in known))
    lines = ["", "Impact on connectors:"]
    if any(isinstance(r, ImpactResult) and r.only_latest_row for r in results):
        lines.append("  (the server has no impact extension: each connector's latest row only)")
    for step, result in zip(known, results, strict=True):
        lines += _change_lines(step, result)
    if new := len(steps) - len(known):
        lines.append(
            f"  {count_of(new, 'organization mapping')} of fields this run creates: "
            "no connector has them yet."
        )
    return "\n".join(_cut(_printable(line), WIDTH) for line in lines) + "\n"


def _request(step: Step, field_id: UUID) -> ImpactRequest:
    assert step.scope is not None
    change = OrganizationMappingChange(
        field_id=field_id,
        integration_slug=step.scope.name,
        json_path=None if step.action is Action.DELETE_MAPPING else step.after,
    )
    return ImpactRequest(change=change)


def _change_lines(step: Step, result: ImpactResult | FieldmapError) -> list[str]:
    head = f"  {step.field} · {step.scope}"
    if isinstance(result, FieldmapError):
        return [f"{head}: impact unknown: {result.message}"]
    reached, changed = len(result.connectors), len(result.affected)
    lines = [f"{head}: {count_of(reached, 'connector')}, {changed} with values that change"]
    for figures in result.connectors[:CONNECTORS_SHOWN]:
        lines += _connector_lines(figures)
    if reached > CONNECTORS_SHOWN:
        lines.append(f"    … and {count_of(reached - CONNECTORS_SHOWN, 'more connector')}")
    return lines


def _connector_lines(c: ConnectorImpactFigures) -> list[str]:
    name = f"    {c.connector_name or 'connector'} ({short_token(c.connector_token)})"
    if c.unaffected:
        return [f"{name}: its override wins, unaffected"]
    if c.fill_before is None and c.fill_after is None:
        return [f"{name}: no rows synced"]
    rows = f"{c.changed_rows or 0:,} of {count_of(c.rows, 'row')} change"
    if c.only_latest_row:
        rows = "latest row " + ("changes" if c.changed_rows else "unchanged")
    return [
        f"{name}: {rows}, fill {_rate(c.fill_before)} -> {_rate(c.fill_after)}",
        f"      latest: {_value(c.latest_before)} -> {_value(c.latest_after)}",
    ]


def _rate(fill: FillFigures | None) -> str:
    return "-" if fill is None else f"{fill.rate:.0%}"


def _value(latest: LatestValue | None) -> str:
    if latest is None:
        return "(none)"
    if latest.error is not None:
        return _cut(f"error: {latest.error}", VALUE_WIDTH)
    return _cut(_json(latest.value), VALUE_WIDTH)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
