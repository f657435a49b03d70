"""Search, go-to-record and fallback suggestions on the demo data and on 100,000 rows.

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

from fieldmap.core.coverage import coverage
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.discovery import discover_paths
from fieldmap.core.engine import Engine
from fieldmap.core.fallbacks import suggest_fallbacks
from fieldmap.core.models import RawDataSource
from fieldmap.core.record import find_record
from fieldmap.core.search import RowSource, Search
from fieldmap.core.workspace import open_store

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


def search_all(query: str, sources) -> int:
    search = Search(query)
    for source, rows in sources:
        search.run(source, rows)
    return sum(len(result.hits) for result in search.results)


def demo_sources(engine: Engine, only_model: str | None = None):
    """Every connector's synced rows of every model (what `fieldmap find` searches), or of
    `only_model`."""
    sources = []
    for connector in engine.list_connectors():
        for model in engine.list_models():
            if model.category not in connector.categories or only_model not in (None, model.slug):
                continue
            rows = engine.synced_rows(connector.token, model.category, model.slug)
            if rows:
                source = RowSource(
                    connector.integration_slug, RawDataSource.CONNECTOR_SYNC, connector.token
                )
                sources.append((source, rows))
    return sources


def report_search(title: str, queries: dict[str, str], sources) -> None:
    rows = sum(len(r) for _, r in sources)
    peer = best_of(3, lambda: [discover_paths(r) for _, r in sources])
    print(f"{title}: {rows:,} rows in {len(sources)} sources; path discovery {peer * 1000:.0f} ms")
    for name, query in queries.items():
        took = best_of(3, lambda query=query: search_all(query, sources))
        hits = search_all(query, sources)
        print(
            f"  search {name:<40} {took * 1000:7.0f} ms  ({took / peer:.2f}x discovery)"
            f"  {hits} hits"
        )


def report_rows_work(title: str, rows, expression: str, record: str) -> None:
    peer = best_of(3, lambda: coverage(expression, rows))
    fallbacks = best_of(3, lambda: suggest_fallbacks(expression, rows))
    best = suggest_fallbacks(expression, rows)[0]
    print(
        f"{title}: coverage of {expression[:40]}… {peer * 1000:.0f} ms; fallbacks "
        f"{fallbacks * 1000:.0f} ms ({fallbacks / peer:.2f}x coverage): "
        f"{best.filled_before / best.rows:.1%} -> {best.coverage:.1%}"
    )
    found = best_of(3, lambda: find_record(record, rows))
    print(
        f"  go to record {record!r}: {found * 1000:.0f} ms ({found / peer:.2f}x coverage), "
        f"rows {find_record(record, rows).rows[:3]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(Path(directory) / "data")
        engine = Engine(store)
        sources = demo_sources(engine)
        report_search("demo, every connector and model", DEMO_QUERIES, sources)
        employees = demo_sources(engine, "employee")
        report_search("demo, the employee model", DEMO_QUERIES, employees)
        acme = max((rows for _, rows in employees), key=len)
        report_rows_work("demo Acme Workday employees", acme, WORKDAY_BADGE_ID, "25999")
        store.close()

    rows = make_rows(args.rows)
    large = [(RowSource("bench", RawDataSource.INLINE), rows)]
    report_search(f"{args.rows:,} generated rows", LARGE_QUERIES, large)
    report_rows_work(f"{args.rows:,} generated rows", rows, LARGE_PARTIAL, "user77777@example.com")


if __name__ == "__main__":
    main()
