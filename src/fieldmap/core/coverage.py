"""How one expression fares across many rows: filled, null, failing, types, frequent values.

`CoverageCounter` takes rows in chunks so that a caller can show progress and stop early;
its inner loop stays close to a bare loop of compiled `search` calls.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson
from jmespath.parser import ParsedResult

from fieldmap.core import jmes
from fieldmap.core.models import Coverage, FailingRow, RawDataSource, ValueCount

SAMPLE_LIMIT = 10
# Frequent values are counted exactly among the first distinct values met; later new
# values are not tracked, which bounds memory on columns of unique ids.
DISTINCT_VALUE_LIMIT = 10_000
FAILING_ROW_LIMIT = 100


class CoverageCounter:
    """Accumulates the coverage of one compiled expression over rows fed in order."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self._compiled: ParsedResult = jmes.compile_path(expression)
        self.rows = 0
        self.null = 0
        self.errors = 0
        self._python_types: dict[type, int] = {}
        self._values: dict[Any, int] = {}
        self._failing: list[FailingRow] = []

    def add(self, rows: Iterable[Any]) -> None:
        # The hot loop: local names, and tallies keyed by Python type rather than by
        # JSON type name, keep it near a bare loop of `search` calls.
        search = self._compiled.search
        values, python_types = self._values, self._python_types
        index = self.rows
        for row in rows:
            try:
                value = search(row)
            except jmes.RUNTIME_ERRORS as error:
                self.errors += 1
                self._note_failure(index, "error", jmes.runtime_message(error))
            else:
                if value is None:
                    self.null += 1
                    self._note_failure(index, "null")
                else:
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
                    if seen is not None:
                        values[key] = seen + 1
                    # A key of None: nested too deeply to tell apart, so not counted.
                    elif key is not None and len(values) < DISTINCT_VALUE_LIMIT:
                        values[key] = 1
            index += 1
        self.rows = index

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
    expression: str, rows: Iterable[Any], source: RawDataSource = RawDataSource.INLINE
) -> Coverage:
    """The coverage of `expression` over `rows`, in one go."""
    counter = CoverageCounter(expression)
    counter.add(rows)
    return counter.result(source)


_JSON_TYPE_NAMES = {str: "string", bool: "boolean", list: "array", dict: "object"}


class _Serialized(bytes):
    """An object or array value, serialized so that equal values count together."""


class _SerializedByJson(_Serialized):
    """One orjson cannot write (an integer past 64 bits, a lone surrogate, nesting past
    254 levels), written by `json` instead, which `orjson` could not read back either."""


class _Boolean(tuple):
    """A boolean kept apart from 1 and 0, which equal True and False as dict keys."""


def _serialized(value: Any) -> _Serialized | None:
    """`value` as a key that counts equal values together; None for one nothing can
    serialize (nested past the interpreter's stack, an integer of thousands of digits)."""
    try:
        return _Serialized(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    except orjson.JSONEncodeError:
        try:
            return _SerializedByJson(json.dumps(value, sort_keys=True).encode())
        except (RecursionError, ValueError):
            return None


def _original(value: Any) -> Any:
    if isinstance(value, _SerializedByJson):
        return json.loads(bytes(value))
    if isinstance(value, _Serialized):
        return orjson.loads(bytes(value))
    if isinstance(value, _Boolean):
        return value[0]
    if isinstance(value, tuple):
        return list(value)
    return value
