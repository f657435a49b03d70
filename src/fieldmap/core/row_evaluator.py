"""Evaluating expressions row after row within the budgets of one request."""

from __future__ import annotations

from typing import Any

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, BudgetedInterpreter, Limits, RequestTooExpensive
from fieldmap.core.errors import InvalidJsonPathError

FAILED = object()
"""The value of an expression that failed on a row."""


class RowEvaluator:
    """One interpreter, and one request's budget, for every row and expression evaluated."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._interpreter = BudgetedInterpreter(limits)

    def value(self, expression: str, row: Any, index: int) -> Any:
        """`expression` on `row` (the `index`-th), or `FAILED`; `InvalidJsonPathError` when
        the request's budget is spent."""
        parsed = jmes.compile_path(expression).parsed  # cached
        try:
            self._interpreter.new_row()
            return self._interpreter.visit(parsed, row)
        except RequestTooExpensive as error:
            raise InvalidJsonPathError(f"{error}; stopped at row {index + 1:,}", expression)
        except jmes.FAILURES:
            return FAILED
