"""The rules of names and paths, for the dialogs to check input as it is typed; the models
enforce the same rules (these read their constants), so a dialog never copies them."""

from __future__ import annotations

import re

from fieldmap.core import jmes
from fieldmap.core.models import (
    FIELD_NAME_LENGTH,
    FIELD_NAME_PATTERN,
    JSON_PATH_PATTERN,
    MAX_DESCRIPTION_LENGTH,
    MAX_JSON_PATH_LENGTH,
)

MIN_NAME_LENGTH, MAX_NAME_LENGTH = FIELD_NAME_LENGTH
MAX_MAPPING_PATH_LENGTH = MAX_JSON_PATH_LENGTH
__all__ = [
    "MAX_DESCRIPTION_LENGTH",
    "MAX_MAPPING_PATH_LENGTH",
    "MAX_NAME_LENGTH",
    "MIN_NAME_LENGTH",
    "name_problem",
    "path_problem",
]


def name_problem(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why `name` cannot be a field's name (`taken`: the names its model has already), or
    None when it can."""
    if not name:
        return "a name is required"
    if not MIN_NAME_LENGTH <= len(name) <= MAX_NAME_LENGTH:
        return f"between {MIN_NAME_LENGTH} and {MAX_NAME_LENGTH} characters ({len(name)} now)"
    if not re.fullmatch(FIELD_NAME_PATTERN, name):
        return "snake_case: lowercase letters and digits in words joined by _, e.g. guardian_phone"
    if name in taken:
        return "a field with this name already exists on this model"
    return None


def path_problem(path: str) -> str | None:
    """Why `path` cannot be a mapping's path (length, blanks at its ends, syntax), or None."""
    if len(path) > MAX_MAPPING_PATH_LENGTH:
        return (
            f"a mapping's path has at most {MAX_MAPPING_PATH_LENGTH:,} characters "
            f"({len(path):,} now)"
        )
    if not re.search(JSON_PATH_PATTERN, path):
        return "two characters at least, with no blank at either end"
    if (error := jmes.check(path)) is not None:
        return error.message
    return None
