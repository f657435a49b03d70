"""A custom field's name suggested from the path it will be mapped to."""

from __future__ import annotations

import re

from fieldmap.core.models import FIELD_NAME_LENGTH

# A last key this short ("id", "number", "first") says little alone: its parent joins it.
SHORT_KEY = 6
_INDEX = re.compile(r"\[[^\]]*\]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def suggest_field_name(path: str) -> str:
    """snake_case from the last key of `path`, with its parent's when the last key is short
    or an array element's: `phones[*].number` → `phones_number`,
    `Worker_Data.Personal_Data.Birth_Date` → `birth_date`."""
    segments = [s for s in re.split(r"\.(?![^\[]*\])", path) if s]
    keys = [_snake(_INDEX.sub("", s).strip('"')) for s in segments]
    through_array = len(segments) > 1 and segments[-2].endswith("]")
    meaningful = [k for k in keys if k]
    if not meaningful:
        return "field_value"
    last = meaningful[-1]
    if len(meaningful) > 1 and (len(last) <= SHORT_KEY or through_array):
        last = f"{meaningful[-2]}_{last}"
    if not last[0].isalpha():
        last = f"field_{last}"
    low, high = FIELD_NAME_LENGTH
    name = last[:high].rstrip("_")
    return name if len(name) >= low else f"field_{name}"


def _snake(key: str) -> str:
    return _NOT_WORD.sub("_", _CAMEL.sub("_", key).lower()).strip("_")
