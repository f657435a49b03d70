"""Search, go-to-record and fallback suggestions through the engine's operations (what the
local backend and `fieldmap serve` run), on the demo data and on 100,000 stored rows.

Targets (issue 15): the demo's connectors (up to 5,000 rows each) searched in under
300 ms; 100,000 rows in under 2 s. Each figure is the best of 3 runs, with a peer measured
in the same run: path discovery over the same rows (the walk the paths pane does anyway),
or the coverage of the expression (one evaluation per row).

    .venv/bin/python bench/bench_find.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_rows import best_of
from payloads import rows as make_rows

from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.engine import Engine
from fieldmap.core.find_operations import FallbacksRequest, RecordRequest, SearchRequest
from fieldmap.core.models import Category, NewConnector
from fieldmap.core.operations import NewRows
from fieldmap.core.row_models import CoverageRequest, RowsQuery
from fieldmap.core.workspace import open_store

HRIS = Category.HRIS
DEMO_QUERIES = {
    "an employee id": "25999",
    "a word": "guardian",
    "a regex": r"/^B-0\d{4}$/",
    "one letter (matches nearly every row)": "e",
}
LARGE_QUERIES = {
    "an email": "user99999@example.com",
    "a word": "guardian",
    "a regex": r"/^\+33 6 0000\d{4}$/",
    "one letter (matches nearly every row)": "e",
}
LARGE_PARTIAL = "guardian.mobile"  # a quarter of the rows have it
APPEND_AT_ONCE = 5_000


def report_search(title: str, engine: Engine, queries: dict[str, str], **scope) -> None:
    requests = [SearchRequest(query=q, **scope) for q in queries.values()]
    first = engine.search(requests[0])
    sources = [s for s in first.sources if s.raw_data_source.value == "connector_sync"]
    queries_rows = [
        RowsQuery(connector_token=s.connector_token, category=s.category, model=s.model)
        for s in sources
    ]
    peer = best_of(3, lambda: [engine.discover_paths(q) for q in queries_rows])
    rows = sum(s.rows for s in first.sources)
    print(
        f"{title}: {rows:,} rows in {len(first.sources)} sources; "
        f"path discovery {peer * 1000:.0f} ms"
    )
    for name, request in zip(queries, requests, strict=True):
        took = best_of(3, lambda request=request: engine.search(request))
        hits = sum(len(s.hits) for s in engine.search(request).sources)
        print(
            f"  search {name:<40} {took * 1000:7.0f} ms  ({took / peer:.2f}x discovery)"
            f"  {hits} hits"
        )


def report_rows_work(title: str, engine: Engine, token: str, expression: str, record: str):
    context = {"connector_token": token, "category": HRIS, "model": "employee"}
    peer = best_of(3, lambda: engine.coverage(CoverageRequest(json_path=expression, **context)))
    request = FallbacksRequest(json_path=expression, **context)
    fallbacks = best_of(3, lambda: engine.suggest_fallbacks(request))
    best = engine.suggest_fallbacks(request).suggestions[0]
    print(
        f"{title}: coverage of {expression[:40]}… {peer * 1000:.0f} ms; fallbacks "
        f"{fallbacks * 1000:.0f} ms ({fallbacks / peer:.2f}x coverage): "
        f"{best.filled_before / best.rows:.1%} -> {best.coverage:.1%}"
    )
    look_up = RecordRequest(value=record, **context)
    found = best_of(3, lambda: engine.find_record(look_up))
    print(
        f"  go to record {record!r}: {found * 1000:.0f} ms ({found / peer:.2f}x coverage), "
        f"rows {engine.find_record(look_up).rows[:3]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(Path(directory) / "data")
        engine = Engine(store)
        report_search("demo, every connector and model", engine, DEMO_QUERIES)
        report_search(
            "demo, the employee model", engine, DEMO_QUERIES, category=HRIS, model="employee"
        )
        acme = next(c for c in engine.list_connectors() if c.integration_slug == "workday")
        report_rows_work(
            "demo Acme Workday employees", engine, acme.token, WORKDAY_BADGE_ID, "25999"
        )

        large = engine.create_connector(NewConnector(integration_slug="workday", name="Large"))
        rows = make_rows(args.rows)
        for start in range(0, len(rows), APPEND_AT_ONCE):
            chunk = rows[start : start + APPEND_AT_ONCE]
            engine.append_rows(
                NewRows(connector_token=large.token, category=HRIS, model="employee", rows=chunk)
            )
        title = f"{args.rows:,} stored rows"
        report_search(title, engine, LARGE_QUERIES, connector_token=large.token, model="employee")
        report_rows_work(title, engine, large.token, LARGE_PARTIAL, "user77777@example.com")
        store.close()


if __name__ == "__main__":
    main()
