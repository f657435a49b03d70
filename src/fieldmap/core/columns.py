"""Evaluate a few expressions across a connector's rows: each distinct expression once per row.

Impact, the overrides report and the typed-field checks compare what two or more expressions
give on the same rows. A *column* is one expression's outcome on every row, in row order: the
value, or a `Failed` standing in for an error. Each column spends its own request budget (as
a coverage does), so one costly expression cannot starve the others; a column that spends it
fails on the rows it did not reach. Work is counted in rows for a progress callback, and
`cancelled()` is asked between chunks of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, BudgetedInterpreter, Limits, RequestTooExpensive

CHUNK_ROWS = 512
"""Rows evaluated between two progress reports and cancellation checks."""

Progress = Callable[[int, int], None]
"""Called with (rows evaluated, rows to evaluate) across every column of a call."""


@dataclass(frozen=True, slots=True)
class Failed:
    """An expression's error on one row, in place of its value."""

    message: str


class Cancelled(Exception):
    """The caller asked to stop (`cancelled()` answered True)."""


@dataclass(slots=True)
class Work:
    """What a long computation reports to and asks of its caller."""

    progress: Progress | None = None
    cancelled: Callable[[], bool] | None = None
    limits: Limits = DEFAULT_LIMITS
    total: int = 0
    done: int = 0

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()


def is_filled(value: Any) -> bool:
    """True for a value: neither null nor a failure."""
    return value is not None and not isinstance(value, Failed)


def same_value(left: Any, right: Any) -> bool:
    """JSON equality: `true` is not `1`, as Python's `==` would have it."""
    if left is right:
        return True
    try:
        return _same(left, right)
    except RecursionError:  # nested deeper than Python recurses: compare as Python does
        return bool(left == right)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, list):
        return (
            isinstance(right, list)
            and len(left) == len(right)
            and all(_same(a, b) for a, b in zip(left, right, strict=True))
        )
    if isinstance(left, dict):
        return (
            isinstance(right, dict)
            and left.keys() == right.keys()
            and all(_same(value, right[key]) for key, value in left.items())
        )
    return bool(left == right)


def evaluate_columns(
    expressions: Iterable[str], rows: Sequence[Any], work: Work | None = None
) -> dict[str, list[Any]]:
    """`{expression: column}` for each distinct expression; a syntax error fails every row.
    Each row is read once and serves every column before the next is read: rows parsed
    when read (a store's) are parsed once, and each dies as soon as it has gone by. Kept
    alive a chunk at a time, parsed rows survived into the collector's older generations,
    whose passes over the whole heap took most of an impact's time (6x the parsing)."""
    work = work if work is not None else Work()
    columns = [_Column(e, work.limits) for e in dict.fromkeys(expressions)]
    total, read = len(rows), iter(rows)
    for start in range(0, total, CHUNK_ROWS):
        count = min(CHUNK_ROWS, total - start)
        for row in islice(read, count):
            for column in columns:
                column.add(row)
        work.advance(count * len(columns))
    return {column.expression: column.values for column in columns}


class _Column:
    """One expression's outcomes, row after row, within its own request budget: once that
    is spent, the rows it did not reach fail without running."""

    def __init__(self, expression: str, limits: Limits) -> None:
        self.expression = expression
        self.values: list[Any] = []
        problem = jmes.check(expression)
        self.failure: Failed | None = Failed(problem.message) if problem is not None else None
        if problem is None:
            self.parsed = jmes.compile_path(expression).parsed
            self.interpreter = BudgetedInterpreter(limits)

    def add(self, row: Any) -> None:
        if self.failure is not None:
            self.values.append(self.failure)
            return
        try:
            self.interpreter.new_row()
            self.values.append(self.interpreter.visit(self.parsed, row))
        except RequestTooExpensive as error:
            self.failure = Failed(f"{error}; stopped at row {len(self.values) + 1:,}")
            self.values.append(self.failure)
        except jmes.FAILURES as error:
            self.values.append(Failed(jmes.runtime_message(error)))
