"""Rows to append taken as their JSON text: each line of an NDJSON input is checked to be
one JSON object once, and kept as read, so that an append stores the bytes it was given
instead of parsing them into objects, validating those, and serializing them again.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from fieldmap.core.errors import InputDataError
from fieldmap.core.row_sources import JsonTexts, may_hold_long_integer, parse_json

# orjson reads 1,024 levels but writes 254; a line that may nest past that (or holds an
# integer past 64 bits) is parsed and written again, so that it is refused as an object's
# append would refuse it, and never stored as text no answer could serialize.
MAX_OPENINGS_AS_TEXT = 254


class ObjectTexts(JsonTexts):
    """JSON texts each known to be one JSON object that orjson writes back unchanged in
    meaning; made only by `object_texts`, so that the engine may store them as they are."""

    __slots__ = ()


def object_texts(lines: Iterable[bytes], name: str) -> ObjectTexts:
    """The non-blank lines as checked row texts; a line that is not one JSON object is an
    `InputDataError` at its line (and column)."""
    texts: list[bytes] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        try:
            row = orjson.loads(text)
            if not isinstance(row, dict):
                raise InputDataError(f"row {len(texts) + 1} of {name} is not a JSON object")
            if _needs_writing_again(text):
                text = _written_again(text, name, number)
        except orjson.JSONDecodeError as error:
            raise InputDataError(
                f"{name} is not valid NDJSON: {error.msg.rstrip('.')}", number, error.colno
            ) from None
        texts.append(text)
    if not texts:
        raise InputDataError(f"{name} is empty")
    return ObjectTexts(texts)


def _needs_writing_again(text: bytes) -> bool:
    return text.count(b"{") + text.count(b"[") > MAX_OPENINGS_AS_TEXT or may_hold_long_integer(text)


def _written_again(text: bytes, name: str, number: int) -> bytes:
    try:
        return orjson.dumps(parse_json(text))
    except orjson.JSONEncodeError as error:
        raise InputDataError(f"line {number} of {name} cannot be handled as JSON: {error}", number)
