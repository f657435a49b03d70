"""The impact screen's figures as the engine computes them (`Engine.impact`, one call:
configurations and rows read from the store of a fresh demo data dir), and the overrides
report, on Workday's 5,000 + 180 rows, then with a connector of 100,000 stored rows added.
The target: within a second on the demo; larger work shows progress and can be cancelled.

The peer, measured in the same run, is the bare-loop limit: each stored row's text parsed
once by orjson and the jmespath package's `search` of the same expressions on it, nothing
kept (no budgets, no comparisons, no figures).

.venv/bin/python bench/bench_impact_engine.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import jmespath
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_impact import NEW_BADGE_PATH, best_of
from fieldmap.core.columns import Cancelled, Work
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector
from fieldmap.core.operations import FieldsQuery, NewRows
from fieldmap.core.operations_impact import (
    FieldDeletion,
    ImpactRequest,
    OrganizationMappingChange,
    OverridesRequest,
)
from fieldmap.core.workspace import open_store

HRIS = Category.HRIS
APPEND_AT_ONCE = 5_000


def bare(engine: Engine, expressions: list[str]) -> int:
    """Every Workday employee row parsed once, each expression searched on it; the rows."""
    compiled = [jmespath.compile(e) for e in expressions]
    count = 0
    for connector in engine.list_connectors():
        if connector.integration_slug != "workday":
            continue
        for text in engine.synced_rows(connector.token, HRIS, "employee").texts:
            row = orjson.loads(text)
            for expression in compiled:
                expression.search(row)
            count += 1
    return count


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(engine: Engine, request: ImpactRequest, title: str) -> None:
    rows = bare(engine, [WORKDAY_BADGE_ID, NEW_BADGE_PATH])
    runs = 3 if rows < 20_000 else 1
    ours = best_of(runs, lambda: engine.impact(request))
    peer = best_of(runs, lambda: bare(engine, [WORKDAY_BADGE_ID, NEW_BADGE_PATH]))
    print(
        f"{title}: Engine.impact of badge_id's new path on {rows:,} rows: {ours:.3f} s vs the"
        f" bare loop {peer:.3f} s: {ours / peer:.2f}x"
    )


def add_large_connector(engine: Engine, count: int) -> None:
    acme = next(c for c in engine.list_connectors() if c.integration_slug == "workday")
    texts = engine.synced_rows(acme.token, HRIS, "employee").texts
    large = engine.create_connector(NewConnector(integration_slug="workday", name="Large"))
    for start in range(0, count, APPEND_AT_ONCE):
        chunk = [orjson.loads(texts[i % len(texts)]) for i in range(start, start + APPEND_AT_ONCE)]
        engine.append_rows(
            NewRows(connector_token=large.token, category=HRIS, model="employee", rows=chunk)
        )


def progress_and_cancellation(engine: Engine, request: ImpactRequest) -> None:
    reports: list[int] = []
    before = max_rss_mib()
    start = time.perf_counter()
    engine.impact(request, Work(progress=lambda done, total: reports.append(done)))
    took = time.perf_counter() - start
    print(
        f"  {len(reports)} progress reports in {took:.2f} s (every {took / len(reports) * 1000:.0f}"
        f" ms); peak RSS {before:.0f} -> {max_rss_mib():.0f} MiB"
    )
    asked = []

    def cancelled() -> bool:
        asked.append(time.perf_counter())
        return len(asked) > 3

    start = time.perf_counter()
    try:
        engine.impact(request, Work(cancelled=cancelled))
    except Cancelled:
        print(
            f"  cancelled at the 4th check: stopped {time.perf_counter() - asked[-1]:.4f} s after"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        engine = Engine(open_store(Path(directory) / "data"))
        badge = next(
            f.id
            for f in engine.list_fields(FieldsQuery(category=HRIS, model="employee"))
            if f.name == "badge_id"
        )
        change = OrganizationMappingChange(
            field_id=badge, integration_slug="workday", json_path=NEW_BADGE_PATH
        )
        request = ImpactRequest(change=change)
        first = time.perf_counter()
        engine.impact(request)
        print(f"demo: Engine.impact, first call: {time.perf_counter() - first:.3f} s")
        report(engine, request, "demo")
        deletion = ImpactRequest(change=FieldDeletion(field_id=badge))
        ours = best_of(3, lambda: engine.impact(deletion))
        print(f"demo: Engine.impact of deleting badge_id (every HRIS integration): {ours:.3f} s")
        overrides = OverridesRequest(integration="workday", category=HRIS, model="employee")
        ours = best_of(3, lambda: engine.overrides(overrides))
        print(f"demo: Engine.overrides of workday employee: {ours:.3f} s")

        add_large_connector(engine, args.rows)
        report(engine, request, f"with a connector of {args.rows:,} stored rows")
        progress_and_cancellation(engine, request)
        engine.store.close()


if __name__ == "__main__":
    main()
