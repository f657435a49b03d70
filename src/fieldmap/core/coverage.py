"""How one expression fares across many rows: filled, null, failing, types, frequent values.

`CoverageCounter` takes rows in chunks so that a caller can show progress and stop early;
its inner loop stays close to a bare loop of compiled `search` calls.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, BudgetedInterpreter, Limits, RequestTooExpensive
from fieldmap.core.errors import InvalidJsonPathError
from fieldmap.core.field_types import TypeSpec, misfit
from fieldmap.core.lazy_json import LazyArray, LazyObject
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_models import Coverage, FailingRow, MisfitRow, TypeFit, ValueCount

SAMPLE_LIMIT = 10
# Frequent values are counted exactly among the first distinct values met; later new
# values are not tracked, which bounds memory on columns of unique ids.
DISTINCT_VALUE_LIMIT = 10_000
FAILING_ROW_LIMIT = 100


class CoverageCounter:
    """Accumulates the coverage of one compiled expression over rows fed in order, within
    the budgets of one request (`InvalidJsonPathError` "too expensive" past them)."""

    def __init__(
        self,
        expression: str,
        limits: Limits = DEFAULT_LIMITS,
        spec: TypeSpec | None = None,
        start: int = 0,
        distinct_values: float | None = None,
    ) -> None:
        """`spec`: a declared type whose misfits are counted too (`Coverage.fit`). A part
        of a pass split across processes starts at row `start`; a part after the first
        counts every distinct value (`distinct_values` inf; default the limit), so that `absorb` can keep
        exactly the values one pass would have kept."""
        self.expression = expression
        self._distinct_values = DISTINCT_VALUE_LIMIT if distinct_values is None else distinct_values
        self._spec = spec if spec is not None and spec.type is not None else None
        self._fitting = 0
        self._reasons: Counter[str] = Counter()
        self._misfit_rows: list[MisfitRow] = []
        self._parsed = jmes.compile_path(expression).parsed
        self._interpreter = BudgetedInterpreter(limits)
        self.rows = start
        self.null = 0
        self.errors = 0
        self._python_types: dict[type, int] = {}
        self._values: dict[Any, int] = {}
        self._failing: list[FailingRow] = []

    def add(self, rows: Iterable[Any]) -> None:
        # The hot loop: local names, one interpreter for every row, and tallies keyed by
        # Python type rather than by JSON type name keep it near a bare loop of `search`.
        parsed, interpreter = self._parsed, self._interpreter
        visit, new_row = interpreter.visit, interpreter.new_row
        values, python_types = self._values, self._python_types
        distinct_values, index = self._distinct_values, self.rows
        for row in rows:
            try:
                new_row()
                value = visit(parsed, row)
            except RequestTooExpensive as error:
                self.rows = index
                raise InvalidJsonPathError(
                    f"{error}; stopped at row {index + 1:,}", self.expression
                ) from None
            except jmes.FAILURES as error:
                self.errors += 1
                self._note_failure(index, "error", jmes.runtime_message(error))
            else:
                if value is None:
                    self.null += 1
                    self._note_failure(index, "null")
                else:
                    if self._spec is not None:
                        self._check_fit(index, value)
                    kind = type(value)
                    python_types[kind] = python_types.get(kind, 0) + 1
                    if kind is list:
                        key = tuple(value)  # a projection of scalars: cheaper than JSON
                    elif kind is dict:
                        key = _serialized(value)
                    elif kind is bool:
                        key = _Boolean((value,))
                    else:
                        key = value
                    try:
                        seen = values.get(key)
                    except TypeError:  # a list holding objects or arrays
                        key = _serialized(value)
                        seen = values.get(key)
                    if key is None:
                        pass  # beyond what JSON text can hold: counted, not among the values
                    elif seen is not None:
                        values[key] = seen + 1
                    elif len(values) < distinct_values:
                        values[key] = 1
            index += 1
        self.rows = index

    @property
    def spent(self) -> int:
        """The evaluation units spent so far (against the request's `units_per_request`)."""
        return self._interpreter.spent

    def part(self) -> CoveragePart:
        """What this counter tallied, to be absorbed by the counter of the rows before."""
        return CoveragePart(
            self.rows, self.null, self.errors, self.spent, self._python_types, self._values,
            self._failing, self._fitting, self._reasons, self._misfit_rows,
        )  # fmt: skip

    def absorb(self, part: CoveragePart) -> None:
        """Count the rows that follow this counter's, tallied by another one (another
        process): the result is the one this counter would give had it read them too."""
        self.rows, self.null, self.errors = (
            part.rows,
            self.null + part.null,
            self.errors + part.errors,
        )
        for kind, count in part.python_types.items():
            self._python_types[kind] = self._python_types.get(kind, 0) + count
        values = self._values
        for key, count in part.values.items():
            if key in values:
                values[key] += count
            elif len(values) < self._distinct_values:
                values[key] = count
        self._failing.extend(part.failing[: FAILING_ROW_LIMIT - len(self._failing)])
        self._fitting += part.fitting
        self._reasons.update(part.reasons)
        self._misfit_rows.extend(part.misfit_rows[: FAILING_ROW_LIMIT - len(self._misfit_rows)])

    def result(self, source: RawDataSource = RawDataSource.INLINE) -> Coverage:
        return Coverage(
            json_path=self.expression,
            raw_data_source=source,
            rows=self.rows,
            non_null=self.rows - self.null - self.errors,
            null=self.null,
            errors=self.errors,
            types=dict((self._json_types() + Counter(null=self.null)).most_common()),
            samples=[
                ValueCount(value=_original(value), count=count)
                for value, count in Counter(self._values).most_common(SAMPLE_LIMIT)
            ],
            failing_rows=self._failing,
            fit=self._fit(),
        )

    def _check_fit(self, index: int, value: Any) -> None:
        assert self._spec is not None
        reason = misfit(self._spec, value)
        if reason is None:
            self._fitting += 1
            return
        self._reasons[reason] += 1
        if len(self._misfit_rows) < FAILING_ROW_LIMIT:
            self._misfit_rows.append(MisfitRow(row=index, reason=reason))

    def _fit(self) -> TypeFit | None:
        if self._spec is None or self._spec.type is None:
            return None
        return TypeFit(
            type=self._spec.type,
            fitting=self._fitting,
            misfits=self._reasons.total(),
            reasons=dict(self._reasons.most_common()),
            misfit_rows=self._misfit_rows,
        )

    def _json_types(self) -> Counter[str]:
        types: Counter[str] = Counter()
        for kind, count in self._python_types.items():
            types[_JSON_TYPE_NAMES.get(kind, "number")] += count
        return types

    def _note_failure(self, index: int, outcome: str, message: str | None = None) -> None:
        if len(self._failing) < FAILING_ROW_LIMIT:
            self._failing.append(FailingRow(row=index, outcome=outcome, message=message))


def coverage(
    expression: str,
    rows: Iterable[Any],
    source: RawDataSource = RawDataSource.INLINE,
    spec: TypeSpec | None = None,
) -> Coverage:
    """The coverage of `expression` over `rows`, in one go (with the fit to `spec`)."""
    counter = CoverageCounter(expression, spec=spec)
    counter.add(rows)
    return counter.result(source)


@dataclass(frozen=True)
class CoveragePart:
    """A counter's tallies, sent from the process that counted them (`CoverageCounter.part`)."""

    rows: int  # the index after the last row counted
    null: int
    errors: int
    spent: int
    python_types: dict[type, int]
    values: dict[Any, int]
    failing: list[FailingRow]
    fitting: int
    reasons: Counter[str]
    misfit_rows: list[MisfitRow]


_JSON_TYPE_NAMES = {
    str: "string",
    bool: "boolean",
    list: "array",
    dict: "object",
    LazyArray: "array",
    LazyObject: "object",
}


class _Serialized(bytes):
    """An object or array value, serialized so that equal values count together."""


class _Boolean(tuple):
    """A boolean kept apart from 1 and 0, which equal True and False as dict keys."""


class _SerializedSlowly(bytes):
    """A value orjson cannot write (an integer past 64 bits, a lone surrogate, nesting past
    254 levels), written by the standard library instead."""


def _serialized(value: Any) -> _Serialized | _SerializedSlowly | None:
    """`value` as JSON text with sorted keys; None when even the standard library cannot
    write it (nested deeper than Python recurses) or when it is part of a lazy document,
    too large to be a sample (core/lazy_json.py)."""
    try:
        return _Serialized(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    except orjson.JSONEncodeError:
        pass
    try:
        return _SerializedSlowly(json.dumps(value, sort_keys=True).encode())
    except (RecursionError, ValueError, TypeError):
        return None


def _original(value: Any) -> Any:
    if isinstance(value, _Serialized):
        return orjson.loads(bytes(value))
    if isinstance(value, _SerializedSlowly):
        return json.loads(value)
    if isinstance(value, _Boolean):
        return value[0]
    if isinstance(value, tuple):
        return list(value)
    return value
