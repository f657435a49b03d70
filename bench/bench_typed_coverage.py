"""What checking a declared type costs a coverage, and what the conversion suggestions cost,
on the demo's 5,000 Acme employee rows and on 100,000 (those rows × 20).

.venv/bin/python bench/bench_typed_coverage.py

The peer is the same coverage without a type, measured in the same run: the type check is
one `misfit` call per filled value, inside the coverage's own loop.
"""

from __future__ import annotations

import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldmap.core.conversions import suggest_conversions
from fieldmap.core.coverage import coverage
from fieldmap.core.demo import demo_content
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.engine import Engine
from fieldmap.core.field_types import FieldType, TypeSpec
from fieldmap.core.models import Category
from fieldmap.core.workspace import open_store

HIRE_DATE = "Worker_Data.Employment_Data.Worker_Status_Data.Hire_Date"


def best_of(runs: int, call) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    acme_token = demo_content().connectors[0].token  # Acme Corp's Workday
    with tempfile.TemporaryDirectory() as data_dir:
        store = open_store(Path(data_dir) / "data")
        acme = list(Engine(store).synced_rows(acme_token, Category.HRIS, "employee"))
        store.close()
    for rows in (acme, acme * 20):
        print(f"{len(rows):,} rows")
        for label, path, spec in (
            ("badge_id as integer", WORKDAY_BADGE_ID, TypeSpec(FieldType.INTEGER)),
            ("hire date as date", HIRE_DATE, TypeSpec(FieldType.DATE)),
        ):
            untyped = best_of(3, partial(coverage, path, rows))
            typed = best_of(3, partial(coverage, path, rows, spec=spec))
            result = coverage(path, rows, spec=spec)
            assert result.fit is not None
            print(
                f"  coverage of {label}: {typed:.3f} s vs untyped {untyped:.3f} s:"
                f" {typed / untyped:.2f}x ({result.fit.misfits:,} misfits)"
            )
        spec = TypeSpec(FieldType.INTEGER)
        suggested = best_of(3, partial(suggest_conversions, spec, WORKDAY_BADGE_ID, rows))
        untyped = best_of(3, partial(coverage, WORKDAY_BADGE_ID, rows))
        found = suggest_conversions(spec, WORKDAY_BADGE_ID, rows)
        print(
            f"  conversions of badge_id to integer: {suggested:.3f} s vs one coverage"
            f" {untyped:.3f} s: {suggested / untyped:.2f}x"
            f" ({', '.join(s.expression for s in found) or 'none'})"
        )


if __name__ == "__main__":
    main()
