"""Go to a customer's record: the rows holding a typed employee id, email or name.

What is typed is compared with the values of the paths that look like identifiers: a path
whose last two keys hold a word such as `id`, `email`, `name`, `number`, `code`, `login`
or `username` (in snake_case, camelCase or as is: `Worker_ID`, `workEmail`,
`Formatted_Name`, `Worker_Reference.ID[*].value`) and whose values are strings or numbers.
`PATH == VALUE` compares the values of that one path instead. Comparisons are exact but for
case and surrounding blanks (numbers by their text), so that `25999` finds worker 25999
and not 125999; a projection matches when one of its values does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from fieldmap.core import jmes
from fieldmap.core.budget import DEFAULT_LIMITS, Limits
from fieldmap.core.discovery import discover_paths
from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.matching import MAX_QUERY_LENGTH, Matcher, value_text
from fieldmap.core.row_evaluator import FAILED, RowEvaluator
from fieldmap.core.row_models import DiscoveredPath

IDENTIFYING_WORDS = frozenset(
    {"id", "ids", "email", "emails", "mail", "name", "number", "code", "login", "username",
     "uid", "uuid", "guid", "badge"}
)  # fmt: skip
# Identifying paths are those of the first rows: discovering them over every row would cost
# more than the look-up itself, and a record's identifiers are on all of its rows.
IDENTIFIERS_FROM_ROWS = 500
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_KEYS = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*')
_EXPLICIT = re.compile(r"^(?P<path>.+?)\s*==\s*(?P<value>.+)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class RecordMatches:
    """The rows holding a value, in order, and the paths they were found by."""

    value: str
    rows: list[int]
    row_count: int
    paths: list[str]
    """The paths compared (every identifying path, or the one of `PATH == VALUE`)."""
    found_by: dict[int, str]
    """For each matching row, the first path whose value matched."""


def identifying_paths(paths: Sequence[DiscoveredPath]) -> list[str]:
    """The discovered paths that look like identifiers (see the module's docstring)."""
    return [
        found.path
        for found in paths
        if _looks_identifying(found.path)
        and any(t in found.types for t in ("string", "number"))
        and found.path.count("[*]") <= 1
    ]


def find_record(
    typed: str,
    rows: Sequence[Any],
    paths: Sequence[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> RecordMatches:
    """The rows where `typed` (a value, or `PATH == VALUE`) is the value of an identifying
    path (`paths`, else the `identifying_paths` of the first `IDENTIFIERS_FROM_ROWS` rows)."""
    typed = typed.strip()
    if not typed or len(typed) > MAX_QUERY_LENGTH:
        raise RuleViolation(
            Violation(("query",), f"give a value of 1 to {MAX_QUERY_LENGTH:,} characters")
        )
    explicit = _EXPLICIT.match(typed)
    if explicit and jmes.check(explicit["path"]) is None:
        wanted, compared = _unquoted(explicit["value"]), [explicit["path"]]
    else:
        wanted = typed
        if paths is None:
            paths = identifying_paths(discover_paths(rows[:IDENTIFIERS_FROM_ROWS]))
        compared = list(paths)
    wanted_text = wanted.strip().lower()
    prefilter = Matcher(wanted_text) if wanted_text else None
    for path in compared:
        jmes.compile_path(path)  # a path that does not compile is the caller's error
    evaluator = RowEvaluator(limits)
    found_by: dict[int, str] = {}
    for index, row in enumerate(rows):
        if prefilter is not None and not prefilter.may_match_row(row):
            continue
        for path in compared:
            value = evaluator.value(path, row, index)
            if value is not FAILED and _holds(value, wanted_text):
                found_by[index] = path
                break
    return RecordMatches(wanted, sorted(found_by), len(rows), compared, found_by)


def _looks_identifying(path: str) -> bool:
    keys = [key.strip('"') for key in _KEYS.findall(path)][-2:]
    return any(
        word.lower() in IDENTIFYING_WORDS for key in keys for word in (key, *_WORDS.findall(key))
    )


def _unquoted(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"`":
        inner = value[1:-1]
        if value[0] == "`":
            try:
                return value_text(orjson.loads(inner)) or ""
            except orjson.JSONDecodeError:
                return inner
        return inner
    return value


def _holds(value: Any, wanted: str) -> bool:
    if isinstance(value, list):
        return any(_holds(item, wanted) for item in value if not isinstance(item, list | dict))
    if isinstance(value, dict):
        return False
    text = value_text(value)
    return text is not None and text.strip().lower() == wanted
