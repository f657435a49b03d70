"""Budgets on what evaluating an expression may cost: work and time per row, and per request.

The jmespath package bounds nothing: `[@,@][]` doubles its input at every repetition, so a
few hundred characters ask for gigabytes. `BudgetedInterpreter` is the package's own
interpreter with the visits that loop or build (projections, flattening, multi-selects,
functions) counting what they touch and produce in *units* (an element, or 16 characters
of a string a function makes); plain fields and indices count nothing, so ordinary paths
cost what they did. Past a budget it raises `TooExpensive`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from jmespath.visitor import TreeInterpreter

from fieldmap.core.lazy_json import ARRAY_TYPES, LAZY_TYPES, LazyArray, materialized

UNITS_PER_ROW = 1_000_000
SECONDS_PER_ROW = 2.0
UNITS_PER_REQUEST = 5_000_000
SECONDS_PER_REQUEST = 10.0
CHARACTERS_PER_UNIT = 16
# The clock is read once per this many units: reading it on every count would cost the
# projections of the coverage loop more than the counting itself.
UNITS_BETWEEN_CLOCK_READS = 4_096


@dataclass(frozen=True, slots=True)
class Limits:
    units_per_row: int = UNITS_PER_ROW
    seconds_per_row: float = SECONDS_PER_ROW
    units_per_request: int = UNITS_PER_REQUEST
    seconds_per_request: float = SECONDS_PER_REQUEST


DEFAULT_LIMITS = Limits()


class TooExpensive(Exception):
    """The evaluation of one row went past its budget."""

    def __init__(self, what: str) -> None:
        super().__init__(f"too expensive: {what}")


class RequestTooExpensive(TooExpensive):
    """The evaluation of all the rows of a request went past its budget."""


class BudgetedInterpreter(TreeInterpreter):
    """One interpreter for every row of a request: call `new_row()` before each row."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__()
        self.limits = limits
        self.spent = 0
        self._row_start_units = 0
        self._row_started: float | None = None
        self._started = time.monotonic()
        self._next_clock_read = UNITS_BETWEEN_CLOCK_READS

    def new_row(self) -> None:
        self._row_start_units = self.spent
        self._row_started = None  # read at the row's first clock read: one read less per row

    def spend(self, units: int) -> None:
        self.spent += units
        limits = self.limits
        if self.spent - self._row_start_units > limits.units_per_row:
            raise TooExpensive(f"more than {limits.units_per_row:,} values made or visited")
        if self.spent >= self._next_clock_read:
            self._next_clock_read = self.spent + UNITS_BETWEEN_CLOCK_READS
            self._read_clock()

    def _read_clock(self) -> None:
        limits, now = self.limits, time.monotonic()
        if self.spent > limits.units_per_request:
            raise RequestTooExpensive(
                f"more than {limits.units_per_request:,} values made or visited in all"
            )
        if now - self._started > limits.seconds_per_request:
            raise RequestTooExpensive(f"more than {limits.seconds_per_request:g} s in all")
        if self._row_started is None:
            self._row_started = now
        elif now - self._row_started > limits.seconds_per_row:
            raise TooExpensive(f"more than {limits.seconds_per_row:g} s on one row")

    # -- the visits that loop or build: what they touch or make is counted first ---------------

    def visit_projection(self, node: dict, value: Any) -> Any:
        base = self.visit(node["children"][0], value)
        if not isinstance(base, ARRAY_TYPES):
            return None
        return self._project(base, node["children"][1])

    def visit_value_projection(self, node: dict, value: Any) -> Any:
        base = self.visit(node["children"][0], value)
        if not isinstance(base, dict):
            return None
        return self._project(base.values(), node["children"][1])

    def visit_filter_projection(self, node: dict, value: Any) -> Any:
        base = self.visit(node["children"][0], value)
        if not isinstance(base, ARRAY_TYPES):
            return None
        self.spend(len(base))
        condition, visit, is_true = node["children"][2], self.visit, self._is_true
        kept = [item for item in base if is_true(visit(condition, item))]
        return self._project(kept, node["children"][1])

    def _project(self, items: Any, right: dict) -> list[Any]:
        """The package's projections, with the elements they visit counted first."""
        self.spend(len(items))
        visit = self.visit
        return [result for item in items if (result := visit(right, item)) is not None]

    def visit_flatten(self, node: dict, value: Any) -> Any:
        base = self.visit(node["children"][0], value)
        if not isinstance(base, ARRAY_TYPES):
            return None
        if isinstance(base, LazyArray):
            base = list(base)  # read once: the count and the merge walk the same elements
        self.spend(sum(len(item) if isinstance(item, ARRAY_TYPES) else 1 for item in base))
        merged: list[Any] = []
        for item in base:
            if isinstance(item, ARRAY_TYPES):
                merged.extend(item)
            else:
                merged.append(item)
        return merged

    # A lazy document's arrays are indexed and sliced as lists are (the package's visits
    # take only lists); a slice stays lazy.
    def visit_index(self, node: dict, value: Any) -> Any:
        if isinstance(value, LazyArray):
            index = node["value"]
            return value[index] if -len(value) <= index < len(value) else None
        return super().visit_index(node, value)

    def visit_slice(self, node: dict, value: Any) -> Any:
        if isinstance(value, LazyArray):
            return value[slice(*node["children"])]
        return super().visit_slice(node, value)

    def visit_multi_select_list(self, node: dict, value: Any) -> Any:
        self.spend(len(node["children"]))
        return super().visit_multi_select_list(node, value)

    def visit_multi_select_dict(self, node: dict, value: Any) -> Any:
        self.spend(len(node["children"]))
        return super().visit_multi_select_dict(node, value)

    def visit_function_expression(self, node: dict, value: Any) -> Any:
        arguments = [self.visit(child, value) for child in node["children"]]
        if any(isinstance(argument, LAZY_TYPES) for argument in arguments):
            if (
                node["value"] == "length"
                and len(arguments) == 1
                and isinstance(arguments[0], LazyArray)
            ):
                return len(arguments[0])  # not worth reading every element
            arguments = [materialized(argument) for argument in arguments]
        # sort_by, map, max_by… evaluate their expression once per element of a list.
        self.spend(1 + sum(_size(argument) for argument in arguments))
        result = self._functions.call_function(node["value"], arguments)
        self.spend(_size(result))
        return result


def _size(value: Any) -> int:
    if isinstance(value, list | dict | LazyArray):
        return len(value)
    if isinstance(value, str):
        return len(value) // CHARACTERS_PER_UNIT
    return 0
