"""Completing a JMESPath being typed: the keys the document has at the cursor, and functions."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from jmespath.functions import Functions

from fieldmap.core import jmes
from fieldmap.core.evaluation_memo import evaluate_once
from fieldmap.core.lazy_json import ARRAY_TYPES

# The names jmespath itself dispatches on, so that a function it adds is offered too.
FUNCTIONS = tuple(sorted(Functions.FUNCTION_TABLE))

_ITEMS_SCANNED = 1000  # keys of a projection: enough items to be useful, bounded
_PARTIAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_EXPRESSION_START = re.compile(r"(^|[(,|&!]|\|\||&&)\s*$")


def complete(text: str, document: Any) -> str | None:
    """`text` completed at its end, or None: after `a.b.` the keys of `a.b` in `document`,
    inside `a[?` the keys of the items of `a`, at the start of an expression its root keys
    and the function names."""
    match = _PARTIAL.search(text)
    partial = match.group() if match else ""
    head = text[: len(text) - len(partial)]
    if head.endswith("."):
        keys = _keys(_value(head[:-1], document))
        return _first(text, partial, keys, quote_others=True)
    if head.endswith("[?"):
        keys = _keys(_value(head[:-2] or "@", document))
        return _first(text, partial, keys, quote_others=False)
    if partial and _EXPRESSION_START.search(head):
        candidates = [*_keys(document), *(f"{name}(" for name in FUNCTIONS)]
        return _first(text, partial, candidates, quote_others=False)
    return None


def _value(expression: str, document: Any) -> Any:
    outcome = evaluate_once(expression, document)
    return outcome.value if isinstance(outcome, jmes.Resolved) else None


def _keys(value: Any) -> list[str]:
    """The keys of an object, or of the objects in a list (a projection's items)."""
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, ARRAY_TYPES):
        keys: dict[str, None] = {}
        for item in islice(value, _ITEMS_SCANNED):
            if isinstance(item, dict):
                keys.update(dict.fromkeys(item))
        return list(keys)
    return []


def _first(text: str, partial: str, candidates: list[str], *, quote_others: bool) -> str | None:
    for candidate in candidates:
        if candidate != partial and candidate.startswith(partial):
            if jmes.quote_identifier(candidate.rstrip("(")) == candidate.rstrip("("):
                return text + candidate[len(partial) :]
            if quote_others and not partial:
                return text + jmes.quote_identifier(candidate)
    return None
