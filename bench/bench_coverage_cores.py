"""Coverage of 100,000 stored rows over both cores (issue 16).

    .venv/bin/python bench/bench_coverage_cores.py [--rows 100000] [--runs 2]

On a store of `--rows` rows of `payloads.rows` in a temp dir, for a few expressions: the
coverage in one process (`coverage.coverage` over the stored texts, as the engine did)
against `Engine.coverage` (split across forked processes from 100,000 rows), the results
checked equal. Wall time is the best of `--runs`; CPU time is this process's for the one
pass and the workers' (children's) for the split one, per worker: on a shared machine the
CPU per worker is what the wall time is on an idle one.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path
from tempfile import TemporaryDirectory

import orjson
from payloads import rows

from fieldmap.core import coverage
from fieldmap.core.engine import Engine
from fieldmap.core.field_types import spec_of
from fieldmap.core.models import Category, FieldType, NewConnector
from fieldmap.core.models import RawDataSource as Source
from fieldmap.core.operations import NewRows
from fieldmap.core.row_models import CoverageRequest
from fieldmap.core.row_texts import object_texts
from fieldmap.core.workspace import open_store

EXPRESSIONS = [
    ("employment.status", None),
    ("phones[?type=='mobile'].number", None),
    ("employment.start_date", FieldType.DATE),
]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rows:,} rows; {cores} cores")
    with TemporaryDirectory() as directory:
        engine = Engine(open_store(Path(directory)))
        token = engine.create_connector(NewConnector(integration_slug="workday", name="A")).token
        texts = object_texts([orjson.dumps(row) for row in rows(args.rows)], "rows")
        engine.append_rows(
            NewRows.model_construct(
                connector_token=token, category=Category.HRIS, model="employee", rows=texts
            )
        )
        stored = engine.synced_rows(token, Category.HRIS, "employee")
        for expression, kind in EXPRESSIONS:
            spec = spec_of(kind) if kind else None
            typed = {"type": kind} if kind else {}
            request = CoverageRequest(
                connector_token=token, category=Category.HRIS, model="employee",
                json_path=expression, **typed,
            )  # fmt: skip
            one_wall, split_wall, one_cpu, split_cpu = [], [], [], []
            for _ in range(args.runs):
                start, cpu = time.perf_counter(), time.process_time()
                one = coverage.coverage(expression, stored, Source.CONNECTOR_SYNC, spec)
                one_wall.append(time.perf_counter() - start)
                one_cpu.append(time.process_time() - cpu)
                start, cpu = time.perf_counter(), children_cpu()
                split = engine.coverage(request)
                split_wall.append(time.perf_counter() - start)
                split_cpu.append(children_cpu() - cpu)
            assert split == one, expression
            wall, cpu = min(one_wall), min(one_cpu)
            print(
                f"{expression}{f' ({kind})' if kind else ''}: one process {wall:.2f} s wall, "
                f"{cpu:.2f} s CPU; split {min(split_wall):.2f} s wall "
                f"({wall / min(split_wall):.2f}x), workers' CPU {min(split_cpu):.2f} s in all, "
                f"{min(split_cpu) / cores:.2f} s each ({cpu / (min(split_cpu) / cores):.2f}x)"
            )
        print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
