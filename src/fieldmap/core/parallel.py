"""Passes big enough to pay for processes run over chunks of rows in a process pool: the
work uses every core, and the calling process holds no GIL meanwhile, so that its cheap
calls (a raw row, the configuration) answer at once while the pass runs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from fieldmap.core import discovery
from fieldmap.core.models import DiscoveredPath
from fieldmap.core.row_sources import JsonTexts

PARALLEL_ROWS = 100_000
"""From this many rows a pass is split across processes (starting one costs ~50 ms)."""
_FORK = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else None
)
_FORKING = threading.Lock()
_forked_texts: Sequence[bytes] = ()
_forked_state: Any = None
SPANS_PER_WORKER = 4
"""A pass over processes is cut in this many spans per process: progress after each."""
T = TypeVar("T")


def discover_paths(rows: Sequence[Any]) -> list[DiscoveredPath]:
    """`discovery.discover_paths`, over processes when the rows are many stored texts."""
    workers = _workers(rows)
    if not workers:
        return discovery.discover_paths(rows)
    size = -(-len(rows) // workers)
    spans = [(start, start + size) for start in range(0, len(rows), size)]
    with _FORKING:
        # The workers are forked with the texts in their memory: sending them (pickled
        # through a pipe) took longer than the pass itself.
        global _forked_texts
        _forked_texts = rows.texts
        try:
            with ProcessPoolExecutor(len(spans), mp_context=_FORK) as pool:
                walks = list(pool.map(_walk_span, spans))
        finally:
            _forked_texts = ()
    root, count = walks[0]
    for other, counted in walks[1:]:
        discovery.merge_walks(root, other)
        count += counted
    return discovery.paths_found(root, count)


def map_spans(
    work: Callable[[Any, tuple[int, int]], T], state: Any, rows: Sequence[Any]
) -> Iterator[T] | None:
    """`work(state, span)` over spans of `rows` in processes forked with `state` in their
    memory, the results in the spans' order (as each comes, for progress); None when
    `rows` are too few for processes (the caller runs the pass itself)."""
    workers = _workers(rows)
    if not workers:
        return None
    size = -(-len(rows) // (workers * SPANS_PER_WORKER))
    spans = [(start, min(start + size, len(rows))) for start in range(0, len(rows), size)]
    with _FORKING:
        global _forked_state
        _forked_state = (work, state)
        pool = ProcessPoolExecutor(workers, mp_context=_FORK)
        try:
            # With fork, the first submit forks every worker: the state is theirs from here.
            futures = [pool.submit(_run_span, span) for span in spans]
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        finally:
            _forked_state = None
    return _results(pool, futures)


def _results(pool: ProcessPoolExecutor, futures: list[Future[T]]) -> Iterator[T]:
    try:
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_span(span: tuple[int, int]) -> Any:
    gc.disable()  # as in `_walk_span`
    work, state = _forked_state
    return work(state, span)


def _workers(rows: Sequence[Any]) -> int:
    """How many processes to use: none (run here) for a small pass or one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not isinstance(rows, JsonTexts) or len(rows) < PARALLEL_ROWS or (cores or 1) < 2:
        return 0
    if _FORK is None:
        return 0
    return cores or 1


def _walk_span(span: tuple[int, int]) -> tuple[Any, int]:
    start, stop = span
    gc.disable()  # a walk makes no cycles; a collection would touch (copy) the parent's pages
    return discovery.walk_rows(JsonTexts(_forked_texts[start:stop]))
