"""Where in a document the nodes an expression selects live, as steps from the root.

Only the navigating part of JMESPath can be traced back to nodes: fields, indices, slices,
projections, filters, flattening and pipes. An expression that computes new values
(functions, multi-selects, literals, comparisons…) has no nodes to point at: `locate`
answers None for it rather than guessing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.budget import BudgetedInterpreter, TooExpensive
from fieldmap.core.bulk import collector_paused
from fieldmap.core.lazy_json import ARRAY_TYPES

Steps = tuple[str | int, ...]

MAX_LOCATED = 1000


@dataclass(frozen=True, slots=True)
class _Node:
    """A node of the document: its value and the steps that reach it."""

    steps: Steps
    value: Any


@dataclass(frozen=True, slots=True)
class _Projected:
    """The list a projection builds, each item still tied to its node."""

    items: list[_Node | _Projected]


_Located = _Node | _Projected | None


class _Untraceable(Exception):
    """The expression computes values that are no node of the document."""


def locate(expression: str, data: Any, limit: int = MAX_LOCATED) -> list[Steps] | None:
    """The steps of up to `limit` nodes `expression` selects in `data` (document order of
    the result); None when the expression is invalid or computes values instead."""
    try:
        parsed = jmes.compile_path(expression).parsed
    except jmes.InvalidJsonPathError:
        return None
    try:
        # A node per element walked: collections walking the document's millions of objects
        # on the way took half the time.
        with collector_paused():
            walk = _located_leaves(parsed, _Node((), data), _Conditions())
            return [node.steps for node in islice(walk, limit)]
    except jmes.FAILURES:  # _Untraceable, or the expression failing
        return None


def _located_leaves(
    node: dict[str, Any], current: _Node, conditions: _Conditions
) -> Iterator[_Node]:
    """The nodes `node` selects, one at a time: a projection at the top (the usual
    `list[*].key` or `list[?condition].key`) is walked only as far as the marks wanted."""
    kind, children = node["type"], node["children"]
    if kind == "subexpression":  # `report.workers[*].id`: a projection at the end
        for child in children[:-1]:
            current = _visit(child, current, conditions)
        yield from _located_leaves(children[-1], current, conditions)
        return
    if kind not in ("projection", "filter_projection", "value_projection"):
        yield from _leaves(_visit(node, current, conditions))
        return
    left = children[0]
    if kind == "projection" and left["type"] == "flatten":  # `report.workers[].employment`
        items = _lazy_flatten(_visit(left["children"][0], current, conditions))
    else:
        base = _visit(left, current, conditions)
        items = _lazy_values(base) if kind == "value_projection" else _lazy_items(base)
    for item in items:
        if kind == "filter_projection" and not _truthy(conditions.evaluate(children[2], item)):
            continue
        result = _visit(children[1], item, conditions)
        if _value(result) is not None:
            yield from _leaves(result)


def _lazy_items(current: _Located) -> Iterator[_Node | _Projected]:
    if isinstance(current, _Node) and isinstance(current.value, ARRAY_TYPES):
        steps = current.steps
        return (_Node((*steps, i), v) for i, v in enumerate(current.value))
    return iter(_items(current) or ())


def _lazy_flatten(current: _Located) -> Iterator[_Node | _Projected]:
    for item in _lazy_items(current):
        inner = _items(item)
        yield from inner if inner is not None else (item,)


def _lazy_values(current: _Located) -> Iterator[_Node | _Projected]:
    if isinstance(current, _Node) and isinstance(current.value, dict):
        steps = current.steps
        return (_Node((*steps, k), v) for k, v in current.value.items())
    return iter(())


def _leaves(located: _Located) -> Iterator[_Node]:
    if isinstance(located, _Node):
        yield located
    elif isinstance(located, _Projected):
        for item in located.items:
            yield from _leaves(item)


def _visit(node: dict[str, Any], current: _Located, conditions: _Conditions) -> _Located:
    kind = node["type"]
    children = node["children"]
    if kind in ("identity", "current"):
        return current
    if kind == "field":
        return _field(current, node["value"])
    if kind == "subexpression":
        for child in children:
            current = _visit(child, current, conditions)
            if current is None:
                return None
        return current
    if kind == "index_expression":
        return _visit(children[1], _visit(children[0], current, conditions), conditions)
    if kind == "index":
        return _index(current, node["value"])
    if kind == "slice":
        return _slice(current, *children)
    if kind == "pipe":
        return _visit(children[1], _visit(children[0], current, conditions), conditions)
    if kind == "flatten":
        return _flatten(_visit(children[0], current, conditions))
    if kind == "projection":
        return _project(_items(_visit(children[0], current, conditions)), children[1], conditions)
    if kind == "value_projection":
        return _project(_values(_visit(children[0], current, conditions)), children[1], conditions)
    if kind == "filter_projection":
        items = _items(_visit(children[0], current, conditions))
        if items is None:
            return None
        kept = [item for item in items if _truthy(conditions.evaluate(children[2], item))]
        return _project(kept, children[1], conditions)
    raise _Untraceable(kind)


def _field(current: _Located, key: str) -> _Located:
    if isinstance(current, _Node) and isinstance(current.value, dict) and key in current.value:
        return _Node((*current.steps, key), current.value[key])
    return None


def _index(current: _Located, index: int) -> _Located:
    if isinstance(current, _Node) and isinstance(current.value, ARRAY_TYPES):
        # Straight to the one element: building every element's node cost 0.7 s on 20 MB.
        if not -len(current.value) <= index < len(current.value):
            return None
        return _Node((*current.steps, index % len(current.value)), current.value[index])
    items = _items(current)
    if items is None or not -len(items) <= index < len(items):
        return None
    return items[index]


def _slice(current: _Located, start: int | None, stop: int | None, step: int | None) -> _Located:
    if step == 0:
        raise _Untraceable("slice step 0")
    if isinstance(current, _Node) and isinstance(current.value, ARRAY_TYPES):
        # Only the elements sliced: a lazy array's others are never read.
        steps, array = current.steps, current.value
        picked = range(len(array))[slice(start, stop, step)]
        return _Projected([_Node((*steps, i), array[i]) for i in picked])
    items = _items(current)
    if items is None:
        return None
    return _Projected(items[slice(start, stop, step)])


def _flatten(current: _Located) -> _Located:
    items = _items(current)
    if items is None:
        return None
    flat: list[_Node | _Projected] = []
    for item in items:
        inner = _items(item)
        flat.extend(inner if inner is not None else [item])
    return _Projected(flat)


def _project(
    items: list[_Node | _Projected] | None, right: dict[str, Any], conditions: _Conditions
) -> _Located:
    if items is None:
        return None
    results = (_visit(right, item, conditions) for item in items)
    return _Projected([result for result in results if _value(result) is not None])


def _items(current: _Located) -> list[_Node | _Projected] | None:
    """The items of a list node or of a projection; None for anything else."""
    if isinstance(current, _Projected):
        return current.items
    if isinstance(current, _Node) and isinstance(current.value, ARRAY_TYPES):
        return [_Node((*current.steps, i), v) for i, v in enumerate(current.value)]
    return None


def _values(current: _Located) -> list[_Node | _Projected] | None:
    if isinstance(current, _Node) and isinstance(current.value, dict):
        return [_Node((*current.steps, k), v) for k, v in current.value.items()]
    return None


def _value(located: _Located) -> Any:
    if isinstance(located, _Node):
        return located.value
    if isinstance(located, _Projected):
        return [_value(item) for item in located.items]
    return None


class _Conditions:
    """A filter's condition on each item, with one interpreter for the whole walk: a new one
    per item lost its method cache and took 6x the evaluation's time (0.77 s on 20 MB)."""

    def __init__(self) -> None:
        self._interpreter = BudgetedInterpreter()

    def evaluate(self, condition: dict[str, Any], item: _Node | _Projected) -> Any:
        self._interpreter.new_row()  # each item has a row's budget, as its own search had
        try:
            return self._interpreter.visit(condition, _value(item))
        except TooExpensive:
            raise  # the whole walk is too expensive: no marks rather than wrong ones
        except jmes.FAILURES:
            return None


def _truthy(value: Any) -> bool:
    """JMESPath truth: false, null and empty strings, arrays and objects are false."""
    return not (value is None or value is False or value in ("", [], {}))


def find(
    data: Any, needle: str, limit: int = MAX_LOCATED, cancelled: Callable[[], bool] = bool
) -> list[Steps]:
    """The steps of up to `limit` nodes whose key or scalar value contains `needle`
    (case-insensitive), in document order; partial once `cancelled()` is true."""
    wanted = needle.casefold()
    found: list[Steps] = []
    if not wanted:
        return found
    # Depth first, in document order, with each container's members read as they are
    # reached: a lazy array's elements are parsed one at a time and dropped after.
    stack: list[Iterator[tuple[Steps, Any]]] = [iter([((), data)])]
    while stack and len(found) < limit and not cancelled():
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        steps, value = entry
        key = steps[-1] if steps else None
        if (
            isinstance(key, str)
            and wanted in key.casefold()
            or not isinstance(value, dict | ARRAY_TYPES)
            and wanted in _scalar_text(value).casefold()
        ):
            found.append(steps)
        if isinstance(value, dict | ARRAY_TYPES) and value:
            stack.append(_members(steps, value))
    return found


def _members(steps: Steps, value: dict | Sequence[Any]) -> Iterator[tuple[Steps, Any]]:
    pairs = value.items() if isinstance(value, dict) else enumerate(value)
    for step, member in pairs:
        yield (*steps, step), member


def _scalar_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
