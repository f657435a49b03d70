"""A computed value must still be JSON to be sent: JMESPath's `sum` can overflow to inf."""

from __future__ import annotations

import math
from typing import Any

from fieldmap.core.errors import RuleViolation, Violation


def require_json(value: Any, loc: tuple[str | int, ...]) -> None:
    """Raise a `RuleViolation` at `loc` if `value` holds a number JSON cannot carry."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise RuleViolation(
                Violation(loc, f"the result holds {item}, which is not a JSON number")
            )
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
