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
from typing import TYPE_CHECKING, Any, TypeVar

from fieldmap.core import coverage as rows_coverage
from fieldmap.core import discovery
from fieldmap.core.budget import DEFAULT_LIMITS
from fieldmap.core.coverage import CoverageCounter, CoveragePart
from fieldmap.core.errors import InvalidJsonPathError
from fieldmap.core.field_types import TypeSpec
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_models import Coverage, DiscoveredPath
from fieldmap.core.row_sources import JsonTexts

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PARALLEL_ROWS = 100_000
"""From this many rows a pass is split across processes (starting one costs ~50 ms)."""
_FORK = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else None
)
_FORKING = threading.Lock()
_forked_state: Any = None
SPANS_PER_WORKER = 4
"""A pass over processes is cut in this many spans per process: progress after each."""
T = TypeVar("T")


def discover_paths(rows: Sequence[Any]) -> list[DiscoveredPath]:
    """`discovery.discover_paths`, over processes when the rows are many stored texts."""
    walks = map_spans(_walk_span, rows, rows)
    if walks is None:
        return discovery.discover_paths(rows)
    root, count = next(walks)
    for other, counted in walks:
        discovery.merge_walks(root, other)
        count += counted
    return discovery.paths_found(root, count)


def coverage(
    expression: str, rows: Sequence[Any], source: RawDataSource, spec: TypeSpec | None
) -> Coverage:
    """`coverage.coverage` (within the default limits), over processes when the rows are
    many stored texts; the tallies merge into the result one pass gives."""
    spans = map_spans(_count_span, (rows, expression, spec), rows)
    if spans is None:
        return rows_coverage.coverage(expression, rows, source, spec)
    parts = list(spans)
    counter = CoverageCounter(expression, spec=spec)
    if None not in parts and sum(part.spent for part in parts) <= DEFAULT_LIMITS.units_per_request:
        for part in parts:
            counter.absorb(part)
        return counter.result(source)
    # A part ran out of budget, or all of them spent more than one request may: one pass
    # says at which row the request stops, as it would have without the processes.
    return rows_coverage.coverage(expression, rows, source, spec)


def map_spans(
    work: Callable[[Any, tuple[int, int]], T], state: Any, rows: Sequence[Any]
) -> Iterator[T] | None:
    """`work(state, span)` over spans of `rows` in processes forked with `state` in their
    memory, the results in the spans' order (as each comes, for progress); None when
    `rows` are too few for processes (the caller runs the pass itself)."""
    workers = _workers(rows)
    if not workers:
        return None
    # Imported here: the process pool's modules cost ~10 ms, a start that never needs them.
    from concurrent.futures import ProcessPoolExecutor

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
    gc.disable()  # a pass makes no cycles; a collection would touch (copy) the parent's pages
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


def _walk_span(rows: JsonTexts, span: tuple[int, int]) -> tuple[Any, int]:
    start, stop = span
    return discovery.walk_rows(JsonTexts(rows.texts[start:stop]))


def _count_span(
    job: tuple[JsonTexts, str, TypeSpec | None], span: tuple[int, int]
) -> CoveragePart | None:
    """The span's tallies; None when it ran out of the request's budget."""
    rows, expression, spec = job
    start, stop = span
    # Past the first span every distinct value is counted: which ones the pass keeps
    # depends on the spans before (see CoverageCounter.absorb).
    distinct = float("inf") if start else None
    counter = CoverageCounter(expression, spec=spec, start=start, distinct_values=distinct)
    try:
        counter.add(JsonTexts(rows.texts[start:stop]))
    except InvalidJsonPathError:
        return None
    return counter.part()
