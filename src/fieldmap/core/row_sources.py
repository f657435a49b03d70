"""The rows of an NDJSON file read where they lie: a row is parsed when it is asked for.

`NdjsonRows` maps the file, indexes where its lines start and end (a few lines at a time,
as far as a caller needs, or all of them for the count), and parses one line per row read.
It is a sequence (`len`, indexing and slices, iteration), so the code written for a list of
rows runs on it unchanged, and a pass over every row keeps no row after it has gone by.
"""

from __future__ import annotations

import json
import mmap
import re
import threading
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import orjson

from fieldmap.core.errors import InputDataError

INDEX_STEP_LINES = 4_096
"""Lines indexed per hold of the lock, so that a read waits at most that long for a count."""
RELEASE_BYTES = 32 * 2**20
"""The pages of a scanned stretch this long are given back: the count keeps resident memory flat."""
BLANK_START = frozenset(b" \t\r\n")
# orjson turns integers past 64 bits into floats; a run of 19 digits sends the text to the
# standard parser, which keeps them exact.
LONG_DIGITS = re.compile(rb"[0-9]{19}")


def parse_json(text: bytes) -> Any:
    """One JSON value; integers past 64 bits stay exact (`orjson.JSONDecodeError` if invalid)."""
    value = orjson.loads(text)
    if LONG_DIGITS.search(text) is None:
        return value
    try:
        return json.loads(text)
    except RecursionError:  # deeper than the standard parser goes: orjson's reading stands
        return value


def known_length(rows: Sequence[Any]) -> int | None:
    """How many rows there are, or None while a file's rows are still being counted."""
    return rows.known_length if isinstance(rows, NdjsonRows) else len(rows)


def has_row(rows: Sequence[Any], index: int) -> bool:
    """Whether row `index` (from 0) exists, counting a file's rows no further than that."""
    if isinstance(rows, NdjsonRows):
        return rows.has_row(index)
    return 0 <= index < len(rows)


class NdjsonRows(Sequence[Any]):
    """The non-blank lines of an NDJSON file, each parsed when read. A line that is not JSON
    raises `InputDataError` with its line and column when it is read. The file is expected
    to stay as it was while open (what changes after the index passed is not seen)."""

    def __init__(self, path: Path, name: str) -> None:
        self.name = name
        with path.open("rb") as file:
            self._size = path.stat().st_size
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        self._starts = array("q")
        self._ends = array("q")
        self._scanned = 0  # bytes of the file indexed so far
        self._released = 0  # where the pages the index has not given back begin
        self._lock = threading.Lock()

    @property
    def known_length(self) -> int | None:
        return len(self._starts) if self._scanned >= self._size else None

    def __len__(self) -> int:
        while self._scanned < self._size:
            self._index_step()
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index < 0 or not self._indexed_up_to(index):
            raise IndexError(f"row {index} is past the end of {self.name}")
        return self._row(index)

    def __iter__(self) -> Iterator[Any]:
        index, behind = 0, 0
        while self._indexed_up_to(index):
            start = self._starts[index]
            if start - behind >= RELEASE_BYTES:  # a pass over every row stays flat too
                behind = self._give_back(behind, start)
            yield self._row(index)
            index += 1

    def close(self) -> None:
        self._map.close()

    def has_row(self, index: int) -> bool:
        return index >= 0 and self._indexed_up_to(index)

    def _indexed_up_to(self, index: int) -> bool:
        while len(self._starts) <= index and self._scanned < self._size:
            self._index_step()
        return index < len(self._starts)

    def _index_step(self) -> None:
        with self._lock:
            view, starts, ends = self._map, self._starts, self._ends
            position, size = self._scanned, self._size
            for _ in range(INDEX_STEP_LINES):
                if position >= size:
                    break
                end = view.find(b"\n", position)
                if end < 0:
                    end = size
                if end > position and (
                    view[position] not in BLANK_START or view[position:end].strip()
                ):
                    starts.append(position)
                    ends.append(end)
                position = end + 1
            self._scanned = min(position, size)
            if self._scanned - self._released >= RELEASE_BYTES or self._scanned >= size:
                self._released = self._give_back(self._released, self._scanned)

    def _give_back(self, start: int, end: int) -> int:
        """Drop the mapped pages from `start` (page-aligned) to the page holding `end`: read
        pages count as this process's resident memory until then, and the page cache keeps
        them anyway. Returns where the pages still held begin."""
        end -= end % mmap.PAGESIZE
        if end > start:
            self._map.madvise(mmap.MADV_DONTNEED, start, end - start)
        return max(start, end)

    def _row(self, index: int) -> Any:
        text = self._map[self._starts[index] : self._ends[index]]
        try:
            return parse_json(text)
        except orjson.JSONDecodeError as error:
            raise InputDataError(
                f"{self.name} is not valid NDJSON: {error.msg.rstrip('.')}",
                self._line_number(self._starts[index]),
                error.colno,
            ) from None

    def _line_number(self, offset: int) -> int:
        lines = 1
        for start in range(0, offset, RELEASE_BYTES):
            lines += self._map[start : min(start + RELEASE_BYTES, offset)].count(b"\n")
        return lines
