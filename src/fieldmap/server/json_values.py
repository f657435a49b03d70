"""A computed value must still be JSON to be sent. JMESPath makes values its input never
held: `sum` overflows to inf, a literal holds a lone surrogate, `[[@]]` nests one level
deeper per bracket, `sum` of large integers passes 64 bits."""

from __future__ import annotations

import math
from typing import Any

from fieldmap.core.errors import RuleViolation, Violation

# As deep as a request's data may nest (orjson's limit, which the models check), and
# below the depth pydantic stops serializing at.
MAX_DEPTH = 254
# Under Python's own limit of 4,300 digits on converting an int to text (about 14,284 bits).
MAX_INTEGER_BITS = 14_000


def require_json(value: Any, loc: tuple[str | int, ...]) -> None:
    """Raise a `RuleViolation` at `loc` if `value` holds what a JSON answer cannot carry."""
    if (reason := unencodable(value)) is not None:
        raise RuleViolation(Violation(loc, f"the result cannot be sent as JSON: {reason}"))


def unencodable(value: Any) -> str | None:
    """Why `value` cannot be written as JSON text, or None if it can. Iterative, so that no
    depth can exhaust the stack."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return f"it is nested more than {MAX_DEPTH} levels deep"
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
            if isinstance(item, dict):
                pending.extend((key, depth) for key in item)
        elif isinstance(item, float) and not math.isfinite(item):
            return f"it holds {item}, which is not a JSON number"
        elif isinstance(item, str) and not item.isascii() and _has_lone_surrogate(item):
            return "it holds a lone UTF-16 surrogate, which is not text"
        elif isinstance(item, int) and item.bit_length() > MAX_INTEGER_BITS:
            return f"it holds an integer of more than {MAX_INTEGER_BITS} bits"
    return None


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
