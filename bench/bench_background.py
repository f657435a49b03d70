"""Cheap calls while a background pass runs, and a big pass over both cores (issue 16).

    .venv/bin/python bench/bench_background.py [--rows 100000]

On a store of `--rows` rows of `payloads.rows` in a temp dir: path discovery in one process
(the old way) against `Engine.discover_paths` (split across processes from 100,000 rows);
then the latency of a raw row by position (the latest, and one in the middle) alone, while
a one-process discovery runs in a thread, and while the engine's discovery runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import threading
import time
from pathlib import Path

import orjson
from payloads import rows

from fieldmap.core import discovery
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector
from fieldmap.core.operations import NewRows, RawDataRequest
from fieldmap.core.row_models import RowsQuery
from fieldmap.core.row_texts import object_texts
from fieldmap.core.workspace import open_store


def latencies(call, stop: threading.Event | None, count: int = 40) -> float:
    """Median ms of `call` (while `stop` is not set, when given)."""
    taken = []
    while len(taken) < count and not (stop is not None and stop.is_set()):
        start = time.perf_counter()
        call()
        taken.append((time.perf_counter() - start) * 1000)
    return statistics.median(taken)


def during(pass_, call) -> tuple[float, float]:
    """The median latency of `call` while `pass_` runs in a thread, and the pass's time."""
    stop = threading.Event()
    took = []

    def run() -> None:
        start = time.perf_counter()
        pass_()
        took.append(time.perf_counter() - start)
        stop.set()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.2)  # the pass under way
    median = latencies(call, stop)
    thread.join()
    return median, took[0]


def timed(pass_) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        pass_()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rows:,} rows")
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(Path(directory))
        engine = Engine(store)
        token = engine.create_connector(NewConnector(integration_slug="workday", name="A")).token
        texts = object_texts([orjson.dumps(row) for row in rows(args.rows)], "rows")
        engine.append_rows(
            NewRows.model_construct(
                connector_token=token, category=Category.HRIS, model="employee", rows=texts
            )
        )
        query = RowsQuery(connector_token=token, category=Category.HRIS, model="employee")

        def one_process() -> None:
            discovery.discover_paths(engine.synced_rows(token, Category.HRIS, "employee"))

        def no_yields() -> None:
            discovery.ROWS_BETWEEN_YIELDS = 10**9  # the walk as it was: the GIL held
            try:
                one_process()
            finally:
                discovery.ROWS_BETWEEN_YIELDS = yields

        yields = discovery.ROWS_BETWEEN_YIELDS

        def engine_pass() -> None:
            engine.discover_paths(query)

        for name, row in (("latest", None), ("middle", args.rows // 2)):
            request = RawDataRequest(
                connector_token=token, category=Category.HRIS, model="employee", row=row
            )

            def call(request=request) -> None:
                engine.raw_data(request)

            alone = latencies(call, None)
            held = during(no_yields, call)[0]
            yielding = during(one_process, call)[0]
            new = during(engine_pass, call)[0]
            print(
                f"raw row ({name}): alone {alone:.2f} ms; during a one-process discovery "
                f"holding the GIL {held:.2f} ms ({held / alone:.1f}x), yielding it "
                f"{yielding:.2f} ms ({yielding / alone:.1f}x); during the engine's "
                f"{new:.2f} ms ({new / alone:.1f}x)"
            )
        old_took, new_took = timed(one_process), timed(engine_pass)
        cores = len(os.sched_getaffinity(0))
        print(
            f"discovery alone: one process {old_took:.2f} s, the engine's {new_took:.2f} s: "
            f"{old_took / new_took:.2f}x faster on {cores} cores"
        )
        start, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
        one_process()
        serial_cpu = time.process_time() - start
        engine_pass()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        print(
            f"CPU: one process {serial_cpu:.2f} s; the engine's workers {workers_cpu:.2f} s "
            f"in all, {workers_cpu / cores:.2f} s each (the wall time on an idle machine)"
        )
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
        store.close()


if __name__ == "__main__":
    main()
