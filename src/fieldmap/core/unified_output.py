"""What the unified API would return for a connector's rows: each row's `custom_fields`
object under the effective configuration, and how many rows have every mapped field.

A mapping that fails on a row gives Bindbee's error marker in place of the value,
`{"error": "INVALID_JSON_PATH", "message": ...}`; an unmapped field is null.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, Limits
from fieldmap.core.models import EffectiveField
from fieldmap.core.row_evaluator import FAILED, RowEvaluator
from fieldmap.core.row_models import FieldValueError
from fieldmap.core.values import mapped_values


def custom_fields(fields: Sequence[EffectiveField], row: Any) -> dict[str, Any]:
    """The `custom_fields` object for one raw row, as JSON (the error marker a dict)."""
    return {
        name: value.model_dump() if isinstance(value, FieldValueError) else value
        for name, value in mapped_values(fields, row).items()
    }


@dataclass(frozen=True, slots=True)
class Completeness:
    """Across rows: how many have every mapped field filled, and each field's fill."""

    rows: int
    complete_rows: int
    mapped_fields: tuple[str, ...]
    filled: dict[str, int]
    """Rows where each mapped field has a value (not null, not an error)."""
    first_incomplete_row: int | None

    @property
    def complete_share(self) -> float:
        return self.complete_rows / self.rows if self.rows else 0.0


def completeness(
    fields: Sequence[EffectiveField], rows: Sequence[Any], limits: Limits = DEFAULT_LIMITS
) -> Completeness:
    """How many of `rows` the mapped `fields` fill entirely, within one request's budget
    (`InvalidJsonPathError` past it). A mapping that does not compile fills no row."""
    mapped = [(f.name, f.json_path) for f in fields if f.json_path is not None]
    compiling = [(name, path) for name, path in mapped if jmes.check(path) is None]
    evaluator = RowEvaluator(limits)
    filled = dict.fromkeys((name for name, _ in mapped), 0)
    complete, first_incomplete = 0, None
    for index, row in enumerate(rows):
        row_complete = len(compiling) == len(mapped)
        for name, path in compiling:
            value = evaluator.value(path, row, index)
            if value is None or value is FAILED:
                row_complete = False
            else:
                filled[name] += 1
        if row_complete:
            complete += 1
        elif first_incomplete is None:
            first_incomplete = index
    return Completeness(
        rows=len(rows),
        complete_rows=complete,
        mapped_fields=tuple(name for name, _ in mapped),
        filled=filled,
        first_incomplete_row=first_incomplete,
    )
