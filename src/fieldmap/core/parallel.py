"""Passes big enough to pay for processes run over chunks of rows in a process pool: the
work uses every core, and the calling process holds no GIL meanwhile, so that its cheap
calls (a raw row, the configuration) answer at once while the pass runs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from fieldmap.core import coverage as rows_coverage
from fieldmap.core import discovery
from fieldmap.core.budget import DEFAULT_LIMITS
from fieldmap.core.coverage import CoverageCounter, CoveragePart
from fieldmap.core.errors import InvalidJsonPathError
from fieldmap.core.field_types import TypeSpec
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_models import Coverage, DiscoveredPath
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
_forked_job: Any = None


def discover_paths(rows: Sequence[Any]) -> list[DiscoveredPath]:
    """`discovery.discover_paths`, over processes when the rows are many stored texts."""
    walks = _over_spans(rows, _walk_span, None)
    if walks is None:
        return discovery.discover_paths(rows)
    root, count = walks[0]
    for other, counted in walks[1:]:
        discovery.merge_walks(root, other)
        count += counted
    return discovery.paths_found(root, count)


def coverage(
    expression: str, rows: Sequence[Any], source: RawDataSource, spec: TypeSpec | None
) -> Coverage:
    """`coverage.coverage` (within the default limits), over processes when the rows are
    many stored texts; the tallies merge into the result one pass gives."""
    parts = _over_spans(rows, _count_span, (expression, spec))
    if parts is None:
        return rows_coverage.coverage(expression, rows, source, spec)
    counter = CoverageCounter(expression, spec=spec)
    if None not in parts and sum(part.spent for part in parts) <= DEFAULT_LIMITS.units_per_request:
        for part in parts:
            counter.absorb(part)
        return counter.result(source)
    # A part ran out of budget, or all of them spent more than one request may: one pass
    # says at which row the request stops, as it would have without the processes.
    return rows_coverage.coverage(expression, rows, source, spec)


def _over_spans(rows: Sequence[Any], work: Callable[[tuple[int, int]], Any], job: Any) -> Any:
    """`work` of each span of the rows in its own forked process, in order; None when the
    rows are too few (or not stored texts) to pay for processes."""
    workers = _workers(rows)
    if not workers:
        return None
    size = -(-len(rows) // workers)
    spans = [(start, min(start + size, len(rows))) for start in range(0, len(rows), size)]
    with _FORKING:
        # The workers are forked with the texts in their memory: sending them (pickled
        # through a pipe) took longer than the pass itself.
        global _forked_texts, _forked_job
        _forked_texts, _forked_job = rows.texts, job
        try:
            with ProcessPoolExecutor(len(spans), mp_context=_FORK) as pool:
                return list(pool.map(work, spans))
        finally:
            _forked_texts, _forked_job = (), None


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


def _count_span(span: tuple[int, int]) -> CoveragePart | None:
    """The span's tallies; None when it ran out of the request's budget."""
    start, stop = span
    gc.disable()
    expression, spec = _forked_job
    # Past the first span every distinct value is counted: which ones the pass keeps
    # depends on the spans before (see CoverageCounter.absorb).
    distinct = float("inf") if start else None
    counter = CoverageCounter(expression, spec=spec, start=start, distinct_values=distinct)
    try:
        counter.add(JsonTexts(_forked_texts[start:stop]))
    except InvalidJsonPathError:
        return None
    return counter.part()
