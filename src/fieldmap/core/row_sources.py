"""The rows of an NDJSON file read where they lie: a row is parsed when it is asked for.

`NdjsonRows` indexes where the file's lines start and end (a stretch at a time, as far as a
caller needs, or all of them for the count), and reads and parses one line per row read.
It is a sequence (`len`, indexing and slices, iteration), so the code written for a list of
rows runs on it unchanged, and a pass over every row keeps no row after it has gone by.
"""

from __future__ import annotations

import json
import os
import threading
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import orjson

from fieldmap.core.errors import InputDataError

SCAN_BYTES = 2**20
"""Bytes indexed per hold of the lock: a read waits at most that long for the count."""
BLANK_START = frozenset(b" \t\r\n")
# orjson turns integers past 64 bits into floats; a run of 19 digits that does not follow a
# "." (a fraction's digits, which orjson reads as exactly as the standard parser) sends the
# text to the standard parser, which keeps them exact. The run is found by mapping every
# digit to "0", "." to itself and every other byte to " ": 8x faster than a regular
# expression, a tenth of a parse. (Fractions of 19 digits used to send a whole 200 MB
# document to the standard parser: 8 s.)
NUMBER_SHAPES = bytes(48 if 48 <= byte <= 57 else byte if byte == 46 else 32 for byte in range(256))
LONG_DIGITS = b"0" * 19
LONG_INTEGER = b" " + LONG_DIGITS


def may_hold_long_integer(text: bytes) -> bool:
    """Whether `text` may hold an integer of 19 digits or more (or such a run in a string)."""
    shapes = text.translate(NUMBER_SHAPES)
    return LONG_INTEGER in shapes or shapes.startswith(LONG_DIGITS)


def parse_json(text: bytes) -> Any:
    """One JSON value; integers past 64 bits stay exact (`orjson.JSONDecodeError` if invalid)."""
    value = orjson.loads(text)
    if not may_hold_long_integer(text):
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
    raises `InputDataError` with its line and column when it is read.

    The rows are those of the file's bytes at open (what is appended later is not seen).
    Reads go through `pread`, not a mapping, so a file cut short while open gives a clear
    error on the rows it lost, never a crash, and read pages never count as this process's
    memory."""

    def __init__(self, path: Path, name: str) -> None:
        self.name = name
        self._file = path.open("rb")
        self._size = os.fstat(self._file.fileno()).st_size
        self._starts = array("q")
        self._ends = array("q")
        self._scanned = 0  # bytes of the file indexed so far
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
        if not self.has_row(index):
            raise IndexError(f"row {index} is past the end of {self.name}")
        return self._row(index)

    def __iter__(self) -> Iterator[Any]:
        index = 0
        while self.has_row(index):
            yield self._row(index)
            index += 1

    def has_row(self, index: int) -> bool:
        """Row `index` exists; the file is indexed no further than needed to tell."""
        while len(self._starts) <= index and self._scanned < self._size:
            self._index_step()
        return 0 <= index < len(self._starts)

    def close(self) -> None:
        self._file.close()

    def _index_step(self) -> None:
        """Index the lines of the next stretch of the file (a line longer than a stretch
        is read whole, in doubling stretches)."""
        with self._lock:
            start, wanted = self._scanned, SCAN_BYTES
            while True:
                length = min(wanted, self._size - start)
                chunk = os.pread(self._file.fileno(), length, start)
                if len(chunk) < length:  # cut short since it was opened: index what is there
                    self._size = start + len(chunk)
                usable = len(chunk) if start + len(chunk) >= self._size else chunk.rfind(b"\n") + 1
                if usable or not chunk:
                    break
                wanted *= 2
            starts, ends = self._starts, self._ends
            position = 0
            while position < usable:
                end = chunk.find(b"\n", position, usable)
                if end < 0:
                    end = usable
                if end > position and (
                    chunk[position] not in BLANK_START or chunk[position:end].strip()
                ):
                    starts.append(start + position)
                    ends.append(start + end)
                position = end + 1
            self._scanned = start + usable

    def _row(self, index: int) -> Any:
        start = self._starts[index]
        text = os.pread(self._file.fileno(), self._ends[index] - start, start)
        try:
            return parse_json(text)
        except orjson.JSONDecodeError as error:
            raise InputDataError(
                f"{self.name} is not valid NDJSON: {error.msg.rstrip('.')}",
                self._line_number(start),
                error.colno,
            ) from None

    def _line_number(self, offset: int) -> int:
        lines = 1
        for start in range(0, offset, SCAN_BYTES):
            size = min(SCAN_BYTES, offset - start)
            lines += os.pread(self._file.fileno(), size, start).count(b"\n")
        return lines


class JsonTexts(Sequence[Any]):
    """Rows kept as their JSON text (a store's rows), each parsed when read: a pass over
    every row holds one parsed row at a time, and the texts take a fraction of the memory
    of parsed rows. Equal to any sequence of the same rows."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Sequence[bytes]) -> None:
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def texts(self) -> Sequence[bytes]:
        """Each row's JSON text (what search looks in before it parses a row)."""
        return self._texts

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [orjson.loads(text) for text in self._texts[index]]
        return orjson.loads(self._texts[index])

    def __iter__(self) -> Iterator[Any]:
        return map(orjson.loads, self._texts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]
