"""Opaque cursors for keyset pagination: the last id a page held, bound to its filters.

A cursor is base64url of `{"after": id, "filters": digest}`; a cursor made under other
filters, or one that is not ours, is a rule violation (HTTP 422), never a wrong page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

import orjson

from fieldmap.core.errors import RuleViolation, Violation

CURSOR_LOC = ("query", "cursor")


def filters_digest(filters: dict[str, Any]) -> str:
    canonical = orjson.dumps(filters, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()[:16]


def encode_cursor(after: str, filters: dict[str, Any]) -> str:
    payload = orjson.dumps({"after": after, "filters": filters_digest(filters)})
    return base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, filters: dict[str, Any]) -> str:
    """The id the cursor's page ended with; raises `RuleViolation` for a foreign cursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        after, digest = payload["after"], payload["filters"]
    except (ValueError, UnicodeError, binascii.Error, TypeError, KeyError):
        raise RuleViolation(Violation(CURSOR_LOC, "not a cursor this server gave")) from None
    if not isinstance(after, str) or digest != filters_digest(filters):
        raise RuleViolation(
            Violation(CURSOR_LOC, "this cursor was given for other filters: start again")
        )
    return after
