"""Coverage and path discovery over 100,000 parsed rows of about 1 KB.

Targets (issue 5): coverage within 1.2x of a bare loop of compiled `search`; discovery in
2 s or less; memory for the rows within 2x of the parsed rows themselves.

    .venv/bin/python bench/bench_rows.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc

import jmespath
import orjson
from jmespath.visitor import TreeInterpreter
from payloads import rows as make_rows

from fieldmap.core.coverage import coverage
from fieldmap.core.discovery import discover_paths

EXPRESSIONS = {
    "simple": "employment.status",
    "projection": "phones[*].number",
    "filter": "phones[?type=='mobile'].number | [0]",
}


def best_of(runs: int, call) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    text = b"\n".join(orjson.dumps(r) for r in make_rows(args.rows))
    print(f"{args.rows} rows, {len(text) / 2**20:.1f} MiB of NDJSON")

    tracemalloc.start()
    rows = [orjson.loads(line) for line in text.splitlines()]
    parsed_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"parsed rows hold {parsed_bytes / 2**20:.0f} MiB")

    for name, expression in EXPRESSIONS.items():
        compiled = jmespath.compile(expression)

        def bare_loop(compiled=compiled):
            for row in rows:
                compiled.search(row)

        def one_interpreter_loop(parsed=compiled.parsed):
            visit = TreeInterpreter().visit  # the fastest bare loop: no interpreter per row
            for row in rows:
                visit(parsed, row)

        bare = best_of(3, bare_loop)
        fastest = best_of(3, one_interpreter_loop)
        ours = best_of(3, lambda expression=expression: coverage(expression, rows))
        print(
            f"coverage {name:<10} {ours:.3f} s   bare search loop {bare:.3f} s   "
            f"ratio {ours / bare:.2f}x   (one-interpreter loop {fastest:.3f} s: "
            f"{ours / fastest:.2f}x)"
        )

    discovery = best_of(3, lambda: discover_paths(rows))
    print(f"path discovery {discovery:.3f} s, {len(discover_paths(rows))} paths")

    tracemalloc.start()
    coverage(EXPRESSIONS["projection"], rows)
    discover_paths(rows)
    extra = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"peak extra memory for coverage + discovery {extra / 2**20:.1f} MiB "
        f"({extra / parsed_bytes:.2f}x of the parsed rows); rows + work "
        f"{(parsed_bytes + extra) / parsed_bytes:.2f}x"
    )


if __name__ == "__main__":
    main()
