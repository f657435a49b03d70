"""Reading a connector's latest row (what preview and the workbench read) on 100,000 rows,
against the same read as the first row (the cheapest a read by position can be).

    .venv/bin/python bench/bench_latest_row.py [--rows 100000] [--reads 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from payloads import rows as make_rows

from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import NewRows, RawDataRequest
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store


def median_ms(read, reads: int) -> float:
    times = []
    for _ in range(reads):
        start = time.perf_counter()
        read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        store = Store.open(Path(data_dir), on_create=lambda s: insert_catalogue(Engine(s), builtin_catalogue()))
        engine = Engine(store)
        token = engine.create_connector(NewConnector(integration_slug="workday", name="Big")).token
        engine.append_rows(
            NewRows(
                connector_token=token,
                category=Category.HRIS,
                model="employee",
                rows=make_rows(args.rows),
            )
        )
        first = median_ms(
            lambda: engine.raw_data(
                build(
                    RawDataRequest,
                    category=Category.HRIS,
                    model="employee",
                    connector_token=token,
                    row=0,
                )
            ),
            args.reads,
        )
        latest = median_ms(
            lambda: engine.raw_data(
                build(
                    RawDataRequest, category=Category.HRIS, model="employee", connector_token=token
                )
            ),
            args.reads,
        )
        middle = median_ms(
            lambda: engine.raw_data(
                build(
                    RawDataRequest,
                    category=Category.HRIS,
                    model="employee",
                    connector_token=token,
                    row=args.rows // 2,
                )
            ),
            20,
        )
    print(
        f"{args.rows:,} rows: first row {first:.2f} ms, latest row {latest:.2f} ms "
        f"({latest / first:.2f}x), middle row {middle:.2f} ms"
    )


if __name__ == "__main__":
    main()
