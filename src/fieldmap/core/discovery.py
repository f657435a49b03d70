"""Every distinct leaf path the rows actually have, with types, fill rate and a sample.

Array indices are generalised to `[*]`, so `phones[0].number` and `phones[3].number` are one
path. The walk builds a trie of keys rather than path strings: strings are made once per
distinct path, not once per value, which keeps 100,000 rows within a couple of seconds.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.lazy_json import ARRAY_TYPES
from fieldmap.core.models import JsonType
from fieldmap.core.row_models import DiscoveredPath

SAMPLE_CHARACTERS = 80
# A row's walk takes ~20 µs: yielding every 64 rows lets a waiting thread in every ~1 ms
# (the interpreter's own switch comes after 5 ms, once per GIL wait of the other thread).
ROWS_BETWEEN_YIELDS = 64


class _Node:
    __slots__ = ("children", "container_types", "last_row", "rows", "sample", "types")

    def __init__(self) -> None:
        self.children: dict[jmes.Step, _Node] = {}
        self.types: Counter[JsonType] = Counter()
        # Objects and arrays seen here: shown only where the path is a leaf on other rows.
        self.container_types: Counter[JsonType] = Counter()
        self.rows = 0
        self.last_row = -1
        self.sample: Any = None


def discover_paths(rows: Iterable[Any]) -> list[DiscoveredPath]:
    """The leaf paths of `rows` (scalars, nulls and empty containers), most filled first."""
    return paths_found(*walk_rows(rows))


def walk_rows(rows: Iterable[Any]) -> tuple[_Node, int]:
    """The trie of the rows' keys and how many rows were walked. The GIL is given up every
    few rows, so that a cheap call in another thread does not wait behind a long pass."""
    root = _Node()
    count = 0
    for index, row in enumerate(rows):
        _walk(root, row, index)
        count = index + 1
        if not count % ROWS_BETWEEN_YIELDS:
            time.sleep(0)
    return root, count


def merge_walks(into: _Node, other: _Node) -> None:
    """Add `other` (the walk of later rows) into `into`: counts add, the first sample stays."""
    into.types.update(other.types)
    into.container_types.update(other.container_types)
    into.rows += other.rows
    if into.sample is None:
        into.sample = other.sample
    for key, child in other.children.items():
        mine = into.children.get(key)
        if mine is None:
            into.children[key] = child
        else:
            merge_walks(mine, child)


def paths_found(root: _Node, count: int) -> list[DiscoveredPath]:
    found = [
        DiscoveredPath(
            path=path,
            types=dict(node.types.most_common()),
            rows_with_value=node.rows,
            fill_rate=node.rows / count if count else 0.0,
            sample=node.sample,
        )
        for path, node in _leaves(root, ())
    ]
    found.sort(key=lambda p: (-p.rows_with_value, p.path))
    return found


def _walk(node: _Node, value: Any, row: int) -> None:
    if isinstance(value, dict | ARRAY_TYPES) and value:
        node.container_types["object" if isinstance(value, dict) else "array"] += 1
        if node.last_row != row:
            node.last_row = row
            node.rows += 1
    if isinstance(value, dict) and value:
        children = node.children
        for key, child_value in value.items():
            child = children.get(key)
            if child is None:
                child = children[key] = _Node()
            _walk(child, child_value, row)
    elif isinstance(value, ARRAY_TYPES) and value:
        child = node.children.get(jmes.EVERY_ELEMENT)
        if child is None:
            child = node.children[jmes.EVERY_ELEMENT] = _Node()
        for item in value:
            _walk(child, item, row)
    else:
        node.types[jmes.json_type(value)] += 1
        if value is not None and node.last_row != row:
            node.last_row = row
            node.rows += 1
            if node.sample is None:
                node.sample = _shortened(value)


def _leaves(node: _Node, steps: tuple[jmes.Step, ...]) -> Iterator[tuple[str, _Node]]:
    if node.types:
        node.types.update(node.container_types)
        yield jmes.path_of(steps), node
    for key, child in node.children.items():
        yield from _leaves(child, (*steps, key))


def _shortened(value: Any) -> Any:
    if isinstance(value, str) and len(value) > SAMPLE_CHARACTERS:
        return value[:SAMPLE_CHARACTERS] + "…"
    return value
