"""The ways to reach a node inside an array: by index, by projection, or by a filter on a
sibling key, which is what survives the array being reordered on the next sync."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldmap.core import jmes

# Sibling keys that usually say what an element is, best first.
TELLING_KEYS = ("type", "kind", "label", "usage", "category", "name", "title", "id")


@dataclass(frozen=True)
class PathForm:
    kind: str  # "index", "projection" or "filter"
    path: str
    outcome: jmes.Outcome


def array_forms(steps: Sequence[str | int], data: Any) -> list[PathForm]:
    """The index, projection and filter forms for the node at `steps`, when its path goes
    through an array (the innermost one) or it is a non-empty array itself (then for its
    first element); an empty list otherwise."""
    if (node := _node_at(steps, data)) and isinstance(node, list):
        steps = (*steps, 0)
    positions = [i for i, step in enumerate(steps) if isinstance(step, int)]
    if not positions:
        return []
    at = positions[-1]
    array_path = jmes.path_of(steps[:at])
    array_path = "" if array_path == "@" else array_path
    rest = _continuation(steps[at + 1 :])
    forms = [
        ("index", jmes.path_of(steps)),
        ("projection", f"{array_path}[*]{rest}"),
    ]
    element = _node_at(steps[: at + 1], data)
    selector = _telling_sibling(element, steps[at + 1] if at + 1 < len(steps) else None)
    if selector is not None:
        key, value = selector
        condition = f"{jmes.quote_identifier(key)}=={_literal(value)}"
        forms.append(("filter", f"{array_path}[?{condition}]{rest} | [0]"))
    return [PathForm(kind, path, jmes.evaluate(path, data)) for kind, path in forms]


def _continuation(steps: Sequence[str | int]) -> str:
    if not steps:
        return ""
    path = jmes.path_of(steps)
    return path if path.startswith("[") else f".{path}"


def _node_at(steps: Sequence[str | int], data: Any) -> Any:
    for step in steps:
        data = data[step]
    return data


def _telling_sibling(element: Any, own_key: str | int | None) -> tuple[str, Any] | None:
    """A key of `element`, other than the one the path goes on with, whose name says it
    identifies the element (a type, an id: `type`, `Phone_Type`, `usageId`) and whose
    scalar value can pick it out of its array. Any other key's value is data, and the
    same value on the next sync is chance."""
    if not isinstance(element, dict):
        return None
    ranked = sorted(
        (_telling_rank(key), key)
        for key, value in element.items()
        if key != own_key and isinstance(value, str | bool | int | float) and value != ""
    )
    if not ranked or ranked[0][0] == len(TELLING_KEYS):
        return None
    key = ranked[0][1]
    return key, element[key]


def _telling_rank(key: str) -> int:
    """How well a key's name says what an element is: its place in `TELLING_KEYS`, by the
    name or its last word (snake_case or camelCase); len(TELLING_KEYS) if it does not."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)
    for name in (key.lower(), words[-1].lower() if words else ""):
        if name in TELLING_KEYS:
            return TELLING_KEYS.index(name)
    return len(TELLING_KEYS)


def _literal(value: Any) -> str:
    """A raw string literal where it reads best, else a JSON literal."""
    if isinstance(value, str) and "\\" not in value:
        return "'" + value.replace("'", "\\'") + "'"
    return "`" + json.dumps(value, ensure_ascii=False).replace("`", "\\`") + "`"
