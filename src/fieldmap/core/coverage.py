"""How one expression fares across many rows: filled, null, failing, types, frequent values.

`CoverageCounter` takes rows in chunks so that a caller can show progress and stop early;
its inner loop stays close to a bare loop of compiled `search` calls.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson
from jmespath.parser import ParsedResult

from fieldmap.core import jmes
from fieldmap.core.models import Coverage, FailingRow, RawDataSource, ValueCount

SAMPLE_LIMIT = 10
FAILING_ROW_LIMIT = 100


class CoverageCounter:
    """Accumulates the coverage of one compiled expression over rows fed in order."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self._compiled: ParsedResult = jmes.compile_path(expression)
        self.rows = 0
        self.null = 0
        self.errors = 0
        self._types: Counter[str] = Counter()
        self._values: Counter[Any] = Counter()
        self._failing: list[FailingRow] = []

    def add(self, rows: Iterable[Any]) -> None:
        search = self._compiled.search
        values, types = self._values, self._types
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
                    types[jmes.json_type(value)] += 1
                    values[_hashable(value)] += 1
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
            types=dict((self._types + Counter(null=self.null)).most_common()),
            samples=[
                ValueCount(value=_unhashable(value), count=count)
                for value, count in self._values.most_common(SAMPLE_LIMIT)
            ],
            failing_rows=self._failing,
        )

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


class _Serialized(bytes):
    """An object or array value, serialized so that equal values count together."""


def _hashable(value: Any) -> Any:
    if isinstance(value, dict | list):
        return _Serialized(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    if isinstance(value, bool):
        return (bool, value)  # keeps True apart from 1 in the counter
    return value


def _unhashable(value: Any) -> Any:
    if isinstance(value, _Serialized):
        return orjson.loads(bytes(value))
    if isinstance(value, tuple):
        return value[1]
    return value
