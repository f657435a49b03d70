"""Fallbacks for an expression that leaves rows null: `A || B`, and `A || B || C`, from the
paths the rows have, chosen greedily by the rows they fill.

JMESPath's `||` takes its right side wherever the left is null *or false, empty* (`""`,
`[]`, `{}`), so the coverage a fallback reaches is counted as JMESPath will give it: a row
is filled when A is truthy there, or else when the fallback gives a value. Only rows A
does not fill truthily are looked at again, and only their paths are candidates: that is
the work of a path discovery over those rows (the first `CANDIDATES_FROM_ROWS` of them),
plus the best candidates' values on all of them, every candidate on a row once it is read
(plain paths run as Python functions, `path_getters`, not through the interpreter).

A candidate is compatible when its values have the JSON type A's values have (any scalar
type when A has no value at all); a path through an array is offered as `path | [0]`, a
scalar, unless A's values are arrays themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, Limits
from fieldmap.core.discovery import discover_paths
from fieldmap.core.path_getters import getter
from fieldmap.core.row_evaluator import FAILED, RowEvaluator

MAX_SUGGESTIONS = 5
MAX_TERMS = 3  # A || B || C
# Candidates are the paths of the first open rows; their figures are then counted on all.
CANDIDATES_FROM_ROWS = 5_000
_SCALAR_TYPES = ("string", "number", "boolean")


@dataclass(frozen=True, slots=True)
class Fallback:
    """`expression` (A with its fallbacks) and what it would fill."""

    expression: str
    fallbacks: tuple[str, ...]
    rows: int
    filled_before: int
    filled: int
    sample: Any
    sample_row: int
    """A row the fallbacks rescue (0-based), and the value they give it."""

    @property
    def coverage(self) -> float:
        return self.filled / self.rows if self.rows else 0.0

    @property
    def rows_gained(self) -> int:
        return self.filled - self.filled_before


def suggest_fallbacks(
    expression: str, rows: Sequence[Any], limits: Limits = DEFAULT_LIMITS
) -> list[Fallback]:
    """Single fallbacks `A || B`, most rows gained first (among equals, those whose values
    look like A's), then the greedy chain `A || B || C` when a third term still fills
    rows; empty when A fills every row. Raises `InvalidJsonPathError` for an A that does
    not compile or costs too much."""
    if not len(rows):
        return []
    evaluator = RowEvaluator(limits)
    a_values = _a_values(expression, rows, evaluator)
    filled_before = sum(1 for value in a_values.values() if _is_value(value))
    open_rows = [i for i, value in a_values.items() if not _truthy(value) and value is not FAILED]
    if not open_rows:
        return []
    wanted = _wanted_types(a_values.values())
    shapes = Counter(_shape(v) for v in a_values.values() if _is_value(v))
    truthy_a = len(rows) - len(open_rows) - sum(1 for v in a_values.values() if v is FAILED)
    ranked = sorted(
        _candidates(expression, rows, open_rows, wanted),
        key=lambda c: (-c[1], _shape(c[2]) not in shapes, c[0]),
    )[:MAX_SUGGESTIONS]
    evaluated = _candidate_values([path for path, _, _ in ranked], rows, open_rows, evaluator)
    singles = [
        _fallback(expression, (path,), truthy_a, filled_before, evaluated, open_rows, rows)
        for path, _, _ in ranked
    ]
    singles = [f for f in singles if f.rows_gained > 0]
    chain = _greedy_chain(expression, singles, truthy_a, filled_before, evaluated, open_rows, rows)
    return singles + ([chain] if chain else [])


def combine(expression: str, fallbacks: Sequence[str]) -> str:
    """`A || B || C`, with parentheses where a term's own `|` would swallow the rest."""
    return " || ".join(_term(term) for term in (expression, *fallbacks))


def _term(expression: str) -> str:
    parsed = jmes.compile_path(expression).parsed
    return f"({expression})" if parsed["type"] == "pipe" else expression


def _a_values(expression: str, rows: Sequence[Any], evaluator: RowEvaluator) -> dict[int, Any]:
    """A's value on every row (one parse of each stored row's text); a path of fields
    alone, which the budgets do not count, without the interpreter."""
    get = getter(expression, projections=False)
    if get is not None:
        return dict(enumerate(map(get, rows)))
    return {index: evaluator.value(expression, row, index) for index, row in enumerate(rows)}


def _candidate_values(
    paths: list[str], rows: Sequence[Any], indices: Sequence[int], evaluator: RowEvaluator
) -> dict[str, dict[int, Any]]:
    """Each candidate's value on the rows of `indices`, every candidate on a row once it is
    parsed (a stored row is parsed once, not once per candidate)."""
    getters = [(path, getter(path)) for path in paths]
    evaluated: dict[str, dict[int, Any]] = {path: {} for path in paths}
    for index in indices:
        row = rows[index]
        for path, get in getters:
            evaluated[path][index] = (
                get(row) if get is not None else evaluator.value(path, row, index)
            )
    return evaluated


def _candidates(
    expression: str, rows: Sequence[Any], open_rows: list[int], wanted: tuple[str, ...]
) -> list[tuple[str, int, Any]]:
    """(path, open rows it has a value on, a sample) for the paths of the open rows whose
    values are all of a wanted type. Paths through two arrays or more are left out: their
    projections are lists of lists, no scalar."""
    candidates = []
    for found in discover_paths(rows[i] for i in open_rows[:CANDIDATES_FROM_ROWS]):
        if found.rows_with_value == 0 or found.path.count("[*]") > 1:
            continue
        if any(t not in wanted and t != "null" for t in found.types):
            continue
        path = found.path
        if "[*]" in path and "array" not in wanted:
            path = f"{path} | [0]"
        if path != expression:
            candidates.append((path, found.rows_with_value, found.sample))
    return candidates


def _fallback(
    expression: str,
    terms: tuple[str, ...],
    truthy_a: int,
    filled_before: int,
    evaluated: dict[str, dict[int, Any]],
    open_rows: list[int],
    rows: Sequence[Any],
) -> Fallback:
    """What `A || terms…` fills: A's truthy rows, and on the others the first truthy term
    but the last, else the last one's value (JMESPath's `||`)."""
    filled = truthy_a
    sample, sample_row = None, -1
    for index in open_rows:
        value = None
        for position, term in enumerate(terms):
            value = evaluated[term][index]
            if value is FAILED or _truthy(value) or position == len(terms) - 1:
                break
        if _is_value(value):
            filled += 1
            if sample_row < 0:
                sample, sample_row = value, index
    return Fallback(
        expression=combine(expression, terms),
        fallbacks=terms,
        rows=len(rows),
        filled_before=filled_before,
        filled=filled,
        sample=sample,
        sample_row=sample_row,
    )


def _greedy_chain(
    expression: str,
    singles: list[Fallback],
    truthy_a: int,
    filled_before: int,
    evaluated: dict[str, dict[int, Any]],
    open_rows: list[int],
    rows: Sequence[Any],
) -> Fallback | None:
    """The best single fallback, then at each step the term that fills the most rows more."""
    if not singles:
        return None
    best = singles[0]
    while len(best.fallbacks) < MAX_TERMS - 1 and best.filled < best.rows:
        longer = [
            _fallback(expression, (*best.fallbacks, path), truthy_a, filled_before, evaluated,
                      open_rows, rows)
            for path in evaluated
            if path not in best.fallbacks
        ]  # fmt: skip
        better = max(longer, key=lambda f: f.filled, default=None)
        if better is None or better.filled <= best.filled:
            break
        best = better
    return best if len(best.fallbacks) > 1 else None


def _wanted_types(values: Any) -> tuple[str, ...]:
    types = Counter(jmes.json_type(v) for v in values if _is_value(v))
    if not types:
        return _SCALAR_TYPES
    return (types.most_common(1)[0][0],)


def _shape(value: Any) -> str:
    """What a value looks like: letters as `a`, digits as `9` (`B-01234` is `a-99999`)."""
    if not isinstance(value, str):
        return jmes.json_type(value)
    return _LETTERS.sub("a", _DIGITS.sub("9", value[:40]))


_DIGITS = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")


def _is_value(value: Any) -> bool:
    return value is not None and value is not FAILED


def _truthy(value: Any) -> bool:
    """JMESPath's truth: not null, false, or an empty string, array or object."""
    if value is None or value is False or value is FAILED:
        return False
    return len(value) > 0 if isinstance(value, str | list | dict) else True
