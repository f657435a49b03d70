"""Search the keys and values of every row, connector after connector: one hit per distinct
path (array indices as `[*]`), with how many rows match, how many rows have the path, a
sample and the first matching row.

`Search` is fed the rows of one source (a connector's rows, an integration's sample) at a
time and yields its progress as it goes, so that hits can be shown as they come. A row
whose JSON text does not hold a plain search text (or a regex's literal text) is skipped
without a walk; the rows that may match are walked along a trie of keys (as path discovery
does), so that a key is matched once per distinct path, not once per row. From
`parallel.PARALLEL_ROWS` stored rows, when most of the first rows pass the prefilter, the
rows are walked in spans across forked processes and the spans' tries merged.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from fieldmap.core import jmes, parallel
from fieldmap.core.errors import RuleViolation
from fieldmap.core.matching import Matcher, value_text
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_sources import JsonTexts
from fieldmap.core.search_trie import (
    Node,
    Walked,
    count_hits,
    count_rows_with_path,
    items_node,
    matched_nodes,
    merge_walks,
)

PROGRESS_EVERY_ROWS = 1_000
MAX_HITS_PER_SOURCE = 500
SECONDS_PER_SEARCH = 10.0
VERDICTS_KEPT = 100_000
ROWS_SAMPLED = 1_000  # to tell whether a search is worth processes

# A custom attribute is often a label and a value side by side ({"label": "Guardian mobile",
# "value": "+33 6…"}): a search finds the label, and the value beside it is what to map.
LABEL_KEYS = frozenset({"label", "name", "title", "display_name", "displayname", "field_name"})
VALUE_KEYS = ("value", "Value", "values", "text", "content")

MatchedOn = Literal["key", "value", "key and value"]


@dataclass(frozen=True, slots=True)
class RowSource:
    """Where searched rows come from: a connector's synced rows or an integration sample.
    `only_latest_row`: the rows are the latest one only (a server without the extension)."""

    integration_slug: str
    source: RawDataSource
    connector_token: str | None = None
    name: str = ""
    only_latest_row: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    path: str
    matched_on: MatchedOn
    rows_matching: int
    rows_with_path: int
    rows: int
    sample: Any
    first_row: int
    value_path: str | None = None
    """When the text matched a label (`attributes.dynamic_1234.label` is "Guardian mobile"),
    the path of the value beside it (`attributes.dynamic_1234.value`): what to map."""

    @property
    def share_with_path(self) -> float:
        return self.rows_with_path / self.rows if self.rows else 0.0


@dataclass(slots=True)
class SourceHits:
    """The hits of one source, most matching rows first."""

    source: RowSource
    rows: int = 0
    """Rows searched: all of the source's but when the search stopped at its deadline."""
    hits: list[SearchHit] = field(default_factory=list)
    rows_skipped: int = 0
    """Rows nested too deeply to walk."""


@dataclass(frozen=True, slots=True)
class Progress:
    source: RowSource
    rows_done: int
    rows: int
    hits: int


def _walk_in_process(state: tuple[Search, Sequence[Any]], span: tuple[int, int]) -> Walked:
    search, rows = state
    walked = Walked(Node((), False), span[0])
    try:
        for _ in search._walk_span(walked, rows, span[1]):
            pass
    except RuleViolation as error:
        walked.refused = error.violations
    return walked


class Search:
    """One search over sources fed in turn; `results` holds each source's hits."""

    def __init__(self, query: str, deadline_seconds: float = SECONDS_PER_SEARCH) -> None:
        self.matcher = Matcher(query)
        self.results: list[SourceHits] = []
        self._deadline = time.monotonic() + deadline_seconds
        self._deadline_seconds = deadline_seconds
        self.stopped: str | None = None
        self._verdicts: dict[str, bool] = {}
        """Why the search ended before every row was searched (None: it did not)."""

    @property
    def matched(self) -> bool:
        return any(result.hits for result in self.results)

    def feed(self, source: RowSource, rows: Sequence[Any]) -> Iterator[Progress]:
        """Search `rows` of `source`, yielding progress every `PROGRESS_EVERY_ROWS` rows (or
        every span of rows searched in processes, for many stored rows); the source's hits
        are in `results` once the iterator is spent."""
        result = SourceHits(source, rows=len(rows))
        self.results.append(result)
        walked = Walked(Node((), False), 0)
        spans = (
            parallel.map_spans(_walk_in_process, (self, rows), rows)
            if self._mostly_walked(rows)
            else None
        )
        if spans is None:
            for _ in self._walk_span(walked, rows, len(rows)):
                yield Progress(source, walked.searched, len(rows), count_hits(walked.root))
        else:
            try:
                for span in spans:
                    if span.refused is not None:
                        raise RuleViolation(span.refused)
                    merge_walks(walked, span)
                    yield Progress(source, walked.searched, len(rows), count_hits(walked.root))
                    if span.stopped:
                        self.stopped = span.stopped
                        break
            finally:
                spans.close()
        root, searched = walked.root, walked.searched
        result.rows, result.rows_skipped = searched, walked.rows_skipped
        matched = list(matched_nodes(root, root))[:MAX_HITS_PER_SOURCE]
        hit_nodes = [node for node, _ in matched]
        count_rows_with_path(hit_nodes, rows, walked.not_walked)
        result.hits = sorted(
            (_hit(node, parent, searched) for node, parent in matched),
            key=lambda hit: (-hit.rows_matching, hit.path),
        )
        yield Progress(source, searched, len(rows), len(result.hits))

    def _mostly_walked(self, rows: Sequence[Any]) -> bool:
        """Whether most of many stored rows pass the prefilter, as the first ones tell: only
        then do processes pay (a pass of the prefilter alone costs less than their start)."""
        if not isinstance(rows, JsonTexts) or len(rows) < parallel.PARALLEL_ROWS:
            return False
        sample = rows.texts[:ROWS_SAMPLED]
        walked = sum(1 for text in sample if self.matcher.may_match_text(text))
        return walked * 2 >= len(sample)

    def _walk_span(self, walked: Walked, rows: Sequence[Any], stop: int) -> Iterator[None]:
        """Walk the rows from `walked.searched` to `stop` into `walked`, yielding every
        `PROGRESS_EVERY_ROWS` rows."""
        matcher, walk = self.matcher, self._walker(walked.root)
        # A store's rows are texts: one that cannot match is not even parsed.
        texts = rows.texts if isinstance(rows, JsonTexts) else None
        for index in range(walked.searched, stop):
            if time.monotonic() > self._deadline:  # per row: a slow pattern costs one row more
                self.stopped = f"stopped after {self._deadline_seconds:g} s, at row {index + 1:,}"
                walked.stopped = self.stopped
                break
            if texts is not None:
                may_match = matcher.may_match_text(texts[index])
                row = orjson.loads(texts[index]) if may_match else None
            else:
                row = rows[index]
                may_match = matcher.may_match_row(row)
            if may_match:
                try:
                    walk(row, index)
                except RecursionError:
                    walked.rows_skipped += 1
            else:
                walked.not_walked.append(index)
            walked.searched = index + 1
            if walked.searched % PROGRESS_EVERY_ROWS == 0:
                yield

    def run(self, source: RowSource, rows: Sequence[Any]) -> SourceHits:
        """`feed` without the progress."""
        for _ in self.feed(source, rows):
            pass
        return self.results[-1]

    def _walker(self, root: Node) -> Callable[[Any, int], None]:
        """The walk of one row (its value, its index) along the trie from `root`.

        The hot loop: closures over local names, made once per source; each value's verdict
        kept per distinct text (values repeat across rows: statuses, departments, cities).
        An object's strings, and the bookkeeping of its arrays, are handled in the loop over
        its items rather than in a call of their own (most values are in objects); a node
        already noted on this row is not noted again."""
        matches, verdicts = self.matcher.matches, self._verdicts
        numbers, booleans = self.matcher.may_match_numbers, self.matcher.may_match_booleans
        integers = self.matcher.may_match_integers
        exponents_only = self.matcher.may_match_exponents_only
        every = jmes.EVERY_ELEMENT
        row = -1

        def float_may_match(value: float) -> bool:
            # A float's text has an `e` (or a `+`) only in exponent form, which Python's and
            # orjson's writing take outside 1e-4 <= |x| < 1e16.
            return numbers and (not exponents_only or value != 0 and not 1e-4 <= abs(value) < 1e16)

        def walk_object(node: Node, value: dict) -> None:
            children = node.children
            for key, child_value in value.items():
                child = children.get(key)
                if child is None:
                    child = children[key] = Node((*node.steps, key), matches(key))
                if child.seen_row != row:
                    child.seen_row = row
                    child.rows_with_path += 1
                    if child.key_matches:  # once noted, a match adds a row: inline
                        if child.on_key:
                            if child.last_row != row:
                                child.last_row = row
                                child.rows_matching += 1
                        else:
                            child.note(row, child_value, True)
                kind = type(child_value)
                if kind is str:
                    verdict = verdicts.get(child_value)
                    if verdict is None:
                        verdict = matches(child_value)
                        if len(verdicts) < VERDICTS_KEPT:
                            verdicts[child_value] = verdict
                    if not verdict or child.last_row == row and child.on_value:
                        pass
                    elif child.on_value:
                        child.last_row = row
                        child.rows_matching += 1
                    else:
                        child.note(row, child_value, False)
                elif kind is dict:
                    walk_object(child, child_value)
                elif kind is list:
                    items = items_node(child, row, every)
                    for item in child_value:
                        if type(item) is dict:
                            walk_object(items, item)
                        else:
                            walk(items, item)
                elif kind is int:
                    if integers:
                        walk(child, child_value)
                elif kind is float:
                    if float_may_match(child_value):
                        walk(child, child_value)
                elif child_value is not None:
                    walk(child, child_value)

        def walk(node: Node, value: Any) -> None:
            if type(value) is dict:
                walk_object(node, value)
            elif type(value) is list:
                items = items_node(node, row, every)
                for item in value:
                    walk(items, item)
            elif type(value) is str:
                verdict = verdicts.get(value)
                if verdict is None:
                    verdict = matches(value)
                    if len(verdicts) < VERDICTS_KEPT:
                        verdicts[value] = verdict
                if verdict:
                    node.note(row, value, False)
            elif value is None:
                pass
            elif (
                (
                    integers if type(value) is int
                    else booleans if type(value) is bool
                    else float_may_match(value) if type(value) is float
                    else numbers
                )
                and matches(value_text(value) or "")
            ):  # fmt: skip
                node.note(row, value, False)

        def walk_row(value: Any, index: int) -> None:
            nonlocal row
            row = index
            walk(root, value)

        return walk_row


def search_rows(query: str, source: RowSource, rows: Sequence[Any]) -> SourceHits:
    """The hits of `query` in the rows of one source, in one go."""
    return Search(query).run(source, rows)


def _hit(node: Node, parent: Node, rows: int) -> SearchHit:
    matched_on: MatchedOn = (
        "key and value" if node.on_key and node.on_value else "key" if node.on_key else "value"
    )
    return SearchHit(
        value_path=_value_beside(node, parent) if node.on_value else None,
        path=jmes.path_of(node.steps),
        matched_on=matched_on,
        rows_matching=node.rows_matching,
        rows_with_path=node.rows_with_path,
        rows=rows,
        sample=node.sample,
        first_row=node.first_row,
    )


def _value_beside(node: Node, parent: Node) -> str | None:
    """The path of the value a matched label names: a sibling key such as `value`."""
    label = node.steps[-1] if node.steps else None
    if not isinstance(label, str) or label.lower() not in LABEL_KEYS:
        return None
    value_key = next((key for key in parent.children if key in VALUE_KEYS), None)
    return None if value_key is None else jmes.path_of((*parent.steps, value_key))
