"""What the evaluation budgets cost on ordinary expressions, and how fast they stop attacks.

.venv/bin/python bench/bench_budget.py
"""

from __future__ import annotations

import time

import jmespath
from payloads import rows as make_rows

from fieldmap.core import jmes
from fieldmap.core.coverage import coverage
from fieldmap.core.errors import InvalidJsonPathError

ORDINARY = {
    "simple": "employment.status",
    "projection": "phones[*].number",
    "filter": "phones[?type=='mobile'].number | [0]",
    "function": "sort_by(phones, &type)[0].number",
}
EXPONENTIAL = ("[" + ",".join(["@"] * 16) + "][]") * 7  # 245 characters, 16**7 values
HEAVY_PER_ROW = "items | " + "[*].[@,@,@,@,@,@,@,@,@,@] | [] | " * 2 + "length(@)"
CALLS = 20_000


def per_call_us(call, calls: int = CALLS) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, time.perf_counter() - start)
    return best / calls * 1e6


def main() -> None:
    row = make_rows(1)[0]
    print("one row (the editor's and preview's path), best of 3, µs per evaluation")
    for name, expression in ORDINARY.items():
        compiled = jmespath.compile(expression)
        bare = per_call_us(lambda compiled=compiled: compiled.search(row))
        ours = per_call_us(lambda compiled=compiled: jmes.search(compiled, row))
        print(f"  {name:<10} bare search {bare:6.1f}   budgeted jmes.search {ours:6.1f}")

    start = time.perf_counter()
    outcome = jmes.evaluate(EXPONENTIAL, [1])
    print(
        f"exponential preview ({len(EXPONENTIAL)} chars): {time.perf_counter() - start:.2f} s"
        f" to {outcome}"
    )

    rows = [{"items": list(range(50))} for _ in range(50_000)]
    start = time.perf_counter()
    try:
        coverage(HEAVY_PER_ROW, rows)
    except InvalidJsonPathError as error:
        print(
            f"heavy coverage on 50,000 rows: {time.perf_counter() - start:.2f} s to "
            f"{error.message!r}"
        )


if __name__ == "__main__":
    main()
