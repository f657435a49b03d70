"""The impact of a mapping change and the overrides report on the demo's 5,000-row connector.

.venv/bin/python bench/bench_impact.py

The peer is a bare loop of the jmespath package's own `search` over the same rows and the
same expressions: what evaluating them costs at the least, without budgets or comparisons.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jmespath

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldmap.core.columns import Work
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID, WORKDAY_COST_CENTER
from fieldmap.core.impact import (
    ConnectorState,
    DeleteField,
    IntegrationState,
    SetOrganizationMapping,
    impact,
)
from fieldmap.core.models import Category
from fieldmap.core.overrides import overrides_report
from tests.core.demo_state import demo_state, field_id

HRIS = Category.HRIS
NEW_BADGE_PATH = (
    "Worker_Data.Personal_Data.Identification_Data.Custom_ID"
    "[?Custom_ID_Data.ID_Type_Reference.ID[0].value == 'BADGE'].Custom_ID_Data.ID | [0]"
)


def best_of(runs: int, call) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def bare(expressions: list[str], state: IntegrationState) -> None:
    for expression in expressions:
        compiled = jmespath.compile(expression)
        for connector in state.connectors:
            for row in connector.rows:
                compiled.search(row)


def main() -> None:
    state = demo_state("workday", HRIS, "employee")
    rows = sum(len(c.rows) for c in state.connectors)
    badge, cost_center = (
        field_id(HRIS, "employee", "badge_id"),
        field_id(HRIS, "employee", "cost_center"),
    )
    print(f"workday employee: {len(state.connectors)} connectors, {rows:,} rows")

    change = SetOrganizationMapping(badge, NEW_BADGE_PATH)
    ours = best_of(3, lambda: impact(state, change))
    peer = best_of(3, lambda: bare([WORKDAY_BADGE_ID, NEW_BADGE_PATH], state))
    print(
        f"impact of changing badge_id's mapping: {ours:.3f} s vs bare {peer:.3f} s: {ours / peer:.2f}x"
    )

    ours = best_of(3, lambda: impact(state, DeleteField(cost_center)))
    print(f"impact of deleting cost_center: {ours:.3f} s")

    ours = best_of(3, lambda: overrides_report(state))
    override = state.connectors[1].configuration.fields
    path = next(f.json_path for f in override if f.name == "cost_center")
    small = IntegrationState([state.connectors[1]], state.organization_paths)
    peer = best_of(3, lambda: bare([path, WORKDAY_COST_CENTER], small))
    print(f"overrides report (1 override, 180 rows): {ours:.3f} s vs bare {peer:.3f} s")

    acme = state.connectors[0]
    many = IntegrationState(
        [ConnectorState(acme.configuration, list(acme.rows) * 20, name=acme.name)],
        state.organization_paths,
    )
    reports = []
    start = time.perf_counter()
    impact(many, change, work=_progress(reports))
    print(
        f"impact on 100,000 rows: {time.perf_counter() - start:.2f} s,"
        f" {len(reports)} progress reports"
    )


def _progress(reports: list) -> Work:
    return Work(progress=lambda done, total: reports.append(done))


if __name__ == "__main__":
    main()
