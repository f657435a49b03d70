"""Typed custom fields: what a declared type accepts, and how values fare across rows.

A field may declare a type (none: anything fits, as in Bindbee's contract); `select` and
`multiselect` carry options (value and label). Null always fits: a missing value is the
coverage's concern, not the type's. A failure to evaluate is not a misfit either; it is
counted apart, as coverage does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fieldmap.core.columns import Failed
from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.models import MAX_OPTIONS, OPTION_LENGTH, FieldOption, FieldType

FAILING_ROW_LIMIT = 100


WITH_OPTIONS = frozenset({FieldType.SELECT, FieldType.MULTISELECT})
SINGLE_VALUED = frozenset(FieldType) - {FieldType.MULTISELECT, FieldType.OBJECT, FieldType.ARRAY}


@dataclass(frozen=True, order=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class TypeSpec:
    """A field's declared type (None: any) and, for select and multiselect, its options."""

    type: FieldType | None = None
    options: tuple[Option, ...] = ()

    def problems(self) -> list[str]:
        """What makes this declaration unusable; empty when it is sound."""
        found = []
        if self.type in WITH_OPTIONS and not self.options:
            found.append(f"a {self.type} field needs at least one option")
        if self.options and self.type not in WITH_OPTIONS:
            found.append("only select and multiselect fields have options")
        if len(self.options) > MAX_OPTIONS:
            found.append(f"at most {MAX_OPTIONS} options")
        values = [option.value for option in self.options]
        repeated = sorted(value for value, count in Counter(values).items() if count > 1)
        if repeated:
            found.append(f"option values must differ: {', '.join(map(repr, repeated))}")
        for option in self.options:
            if not option.value or not option.label:
                found.append("an option's value and label are not empty")
                break
            if len(option.value) > OPTION_LENGTH or len(option.label) > OPTION_LENGTH:
                found.append(f"an option's value and label have at most {OPTION_LENGTH} characters")
                break
        return found

    @property
    def option_values(self) -> frozenset[str]:
        return frozenset(option.value for option in self.options)


ANY = TypeSpec()


def spec_of(kind: FieldType | None, options: Iterable[FieldOption] = ()) -> TypeSpec:
    """The declaration a field (or a request) carries, as a `TypeSpec`."""
    return TypeSpec(kind, tuple(Option(option.value, option.label) for option in options))


def options_of(spec: TypeSpec) -> list[FieldOption]:
    return [FieldOption(value=option.value, label=option.label) for option in spec.options]


def require_sound(spec: TypeSpec) -> None:
    """Raise `RuleViolation` (at the body's `options`) when the declaration is unusable."""
    problems = spec.problems()
    if problems:
        raise RuleViolation([Violation(("body", "options"), problem) for problem in problems])


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)


def misfit(spec: TypeSpec, value: Any) -> str | None:
    """Why `value` does not fit `spec`, or None when it does (null always fits)."""
    kind = spec.type
    if value is None or kind is None:
        return None
    if kind in SINGLE_VALUED and isinstance(value, list):
        return "a list for a single value"
    check = _CHECKS[kind]
    return check(spec, value)


def _text(spec: TypeSpec, value: Any) -> str | None:
    return None if isinstance(value, str) else f"{_a(value)} where text is declared"


def _number(spec: TypeSpec, value: Any) -> str | None:
    if _is_number(value):
        return None
    return f"{_a(value)} where a number is declared"


def _integer(spec: TypeSpec, value: Any) -> str | None:
    if _is_number(value):
        return None if float(value).is_integer() else "a fraction where an integer is declared"
    return f"{_a(value)} where an integer is declared"


def _boolean(spec: TypeSpec, value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{_a(value)} where a boolean is declared"


def _date(spec: TypeSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"{_a(value)} where a date is declared"
    return None if _parses(_DATE, date.fromisoformat, value) else "a date that does not parse"


def _datetime(spec: TypeSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"{_a(value)} where a date and time is declared"
    if _parses(_DATETIME, datetime.fromisoformat, value):
        return None
    return "a date and time that does not parse"


def _select(spec: TypeSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"{_a(value)} where one of the options is declared"
    return None if value in spec.option_values else "a value outside the options"


def _multiselect(spec: TypeSpec, value: Any) -> str | None:
    if not isinstance(value, list):
        return f"{_a(value)} where a list of options is declared"
    if not all(isinstance(item, str) and item in spec.option_values for item in value):
        return "a value outside the options"
    return None


def _object(spec: TypeSpec, value: Any) -> str | None:
    return None if isinstance(value, dict) else f"{_a(value)} where an object is declared"


def _array(spec: TypeSpec, value: Any) -> str | None:
    return None if isinstance(value, list) else f"{_a(value)} where a list is declared"


_CHECKS = {
    FieldType.TEXT: _text,
    FieldType.NUMBER: _number,
    FieldType.INTEGER: _integer,
    FieldType.BOOLEAN: _boolean,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.SELECT: _select,
    FieldType.MULTISELECT: _multiselect,
    FieldType.OBJECT: _object,
    FieldType.ARRAY: _array,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parses(shape: re.Pattern[str], parse: Any, text: str) -> bool:
    if not shape.fullmatch(text):
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True


def _a(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if _is_number(value):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


@dataclass(frozen=True)
class MisfitRow:
    row: int
    reason: str


@dataclass(frozen=True)
class Fit:
    """How the values of one column fit a declared type; `failing_rows` are the first
    misfits (0-based rows), as coverage lists the first null rows."""

    rows: int
    fitting: int
    null: int
    errors: int
    misfits: int
    reasons: dict[str, int]
    failing_rows: tuple[MisfitRow, ...]

    @property
    def rate(self) -> float:
        """The share of the rows with a value whose value fits."""
        with_value = self.fitting + self.misfits
        return self.fitting / with_value if with_value else 1.0


def fit(spec: TypeSpec, values: Iterable[Any]) -> Fit:
    """The fit of a column of values (`columns.Failed` for a row that failed)."""
    rows = fitting = null = errors = 0
    reasons: Counter[str] = Counter()
    failing: list[MisfitRow] = []
    for row, value in enumerate(values):
        rows += 1
        if value is None:
            null += 1
        elif isinstance(value, Failed):
            errors += 1
        elif (reason := misfit(spec, value)) is None:
            fitting += 1
        else:
            reasons[reason] += 1
            if len(failing) < FAILING_ROW_LIMIT:
                failing.append(MisfitRow(row, reason))
    return Fit(
        rows=rows,
        fitting=fitting,
        null=null,
        errors=errors,
        misfits=sum(reasons.values()),
        reasons=dict(reasons.most_common()),
        failing_rows=tuple(failing),
    )
