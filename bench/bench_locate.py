"""Locating the tree's marks after a value (issue 16): `core/locate.py` against the
evaluation of the same expression, on a 20 MB and a 200 MB document, in one run.

    .venv/bin/python bench/bench_locate.py [--size-mb 20 200]
    env PYTHONPATH=/work/main/src .venv/bin/python bench/bench_locate.py   # before

The limit is the evaluation itself (the marks' walk covers at most the nodes it selects).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench_explore_document import write_document

from fieldmap.core import jmes
from fieldmap.core.inputs import open_rows
from fieldmap.core.locate import locate

MIB = 2**20
EXPRESSIONS = (
    "report.workers[0].name",
    "report.workers[*].id",
    "report.workers[?employment.status=='active'].employment.status",
    "report.workers[].employment",
)


def best_of(work, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, nargs="+", default=[20, 200])
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as directory:
        for size in args.size_mb:
            path = Path(directory, f"{size}.json")
            write_document(path, size * MIB)
            document = open_rows(str(path)).rows[0]
            print(f"{size} MB document:")
            for expression in EXPRESSIONS:
                evaluated = best_of(lambda e=expression, d=document: jmes.evaluate(e, d))
                located = best_of(lambda e=expression, d=document: locate(e, d))
                print(
                    f"  {expression}: evaluation {evaluated * 1000:.1f} ms, marks "
                    f"{located * 1000:.1f} ms ({located / evaluated:.1f}x)"
                )
            document = None  # the next size is parsed without this one held
            path.unlink()


if __name__ == "__main__":
    main()
