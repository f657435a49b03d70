"""The trie a search walks (one node per distinct path, with its figures), how the walks of
spans of rows merge into one, and the count of the rows a search did not walk."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from fieldmap.core import jmes
from fieldmap.core.errors import Violation
from fieldmap.core.row_sources import JsonTexts

SAMPLE_CHARACTERS = 80


class Node:
    """One distinct path of the rows searched (array indices as `[*]`) and its figures."""

    __slots__ = (
        "children", "first_row", "key_matches", "last_row", "on_key", "on_value",
        "rows_matching", "rows_with_path", "sample", "seen_row", "steps",
    )  # fmt: skip

    def __init__(self, steps: tuple[jmes.Step, ...], key_matches: bool) -> None:
        self.steps = steps
        self.children: dict[Any, Node] = {}
        self.key_matches = key_matches
        self.rows_matching = 0
        self.last_row = -1
        self.first_row = -1
        self.sample: Any = None
        self.on_key = False
        self.on_value = False
        self.rows_with_path = 0
        self.seen_row = -1

    def note(self, row: int, value: Any, on_key: bool) -> None:
        if on_key:
            self.on_key = True
        else:
            self.on_value = True
        if self.last_row != row:
            self.last_row = row
            self.rows_matching += 1
            if self.first_row < 0:
                self.first_row = row
                self.sample = shortened(value)


@dataclass(slots=True)
class Walked:
    """The walk of a span of rows: its trie, and the rows it searched from the first."""

    root: Node
    searched: int
    not_walked: list[int] = field(default_factory=list)
    rows_skipped: int = 0
    stopped: str | None = None
    refused: list[Violation] | None = None
    """Why a span searched in a process refused the search (its exception does not pickle)."""


def merge_walks(into: Walked, other: Walked) -> None:
    """Add `other`, the walk of the span after `into`'s, to `into`: as one walk of both."""
    merge_nodes(into.root, other.root)
    into.searched = other.searched
    into.not_walked.extend(other.not_walked)
    into.rows_skipped += other.rows_skipped


def merge_nodes(into: Node, other: Node) -> None:
    into.rows_matching += other.rows_matching
    into.rows_with_path += other.rows_with_path
    if into.first_row < 0 and other.first_row >= 0:
        into.first_row, into.sample = other.first_row, other.sample
    into.on_key = into.on_key or other.on_key
    into.on_value = into.on_value or other.on_value
    for key, child in other.children.items():  # new keys after: as first met, row by row
        mine = into.children.get(key)
        if mine is None:
            into.children[key] = child
        else:
            merge_nodes(mine, child)


def items_node(node: Node, row: int, every: Any) -> Node:
    """The `[*]` child of `node`, counted on `row`."""
    child = node.children.get(every)
    if child is None:
        child = node.children[every] = Node((*node.steps, every), False)
    if child.seen_row != row:
        child.seen_row = row
        child.rows_with_path += 1
    return child


def matched_nodes(node: Node, parent: Node) -> Iterator[tuple[Node, Node]]:
    if node.rows_matching:
        yield node, parent
    for child in node.children.values():
        yield from matched_nodes(child, node)


def count_hits(node: Node) -> int:
    return sum(1 for _ in matched_nodes(node, node))


def count_rows_with_path(nodes: list[Node], rows: Sequence[Any], indices: list[int]) -> None:
    """Add the rows of `indices`, which the search did not walk, to the count of rows that
    have each hit's path (with any value, null too): a walk along the hits' steps only."""
    if not nodes:
        return
    trie: dict[Any, Any] = {}
    for node in nodes:
        branch = trie
        for step in node.steps:
            branch = branch.setdefault(step, {})
        branch[_NODE] = node
    texts = rows.texts if isinstance(rows, JsonTexts) else None
    keys = _last_keys(nodes) if texts is not None else None
    for index in indices:
        if keys is not None and texts is not None:
            text = texts[index]
            if not any(key in text for key in keys):
                continue  # no hit's last key is in the row: none of their paths is
            row = orjson.loads(text)
        else:
            row = rows[index]
        try:
            _mark_paths(trie, row, index)
        except RecursionError:
            continue


def _last_keys(nodes: list[Node]) -> list[bytes] | None:
    """Each hit's last key as its JSON text (`"key":`); None when a hit has no key (a path
    of indices alone), whose presence the text cannot tell."""
    keys = set()
    for node in nodes:
        key = next((step for step in reversed(node.steps) if isinstance(step, str)), None)
        if key is None:
            return None
        keys.add(orjson.dumps(key) + b":")
    return list(keys)


_NODE = object()  # the key of a trie branch holding the hit that ends there


def _mark_paths(branch: dict, value: Any, row: int) -> None:
    for step, child in branch.items():
        if step is _NODE:
            if child.seen_row != row:
                child.seen_row = row
                child.rows_with_path += 1
        elif step is jmes.EVERY_ELEMENT:
            if isinstance(value, list):
                for item in value:
                    _mark_paths(child, item, row)
        elif isinstance(value, dict) and step in value:
            _mark_paths(child, value[step], row)


def shortened(value: Any) -> Any:
    if isinstance(value, dict | list):
        try:
            value = orjson.dumps(value).decode()
        except orjson.JSONEncodeError:
            return "…"
    if isinstance(value, str) and len(value) > SAMPLE_CHARACTERS:
        return value[:SAMPLE_CHARACTERS] + "…"
    return value
