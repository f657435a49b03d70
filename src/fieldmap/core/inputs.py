"""Reading rows from a JSON document, a JSON array of records, or NDJSON, for `explore`.

Failures say where (line and column) and never leave a half-read result behind. An NDJSON
file opened with `open_rows` is the exception: its rows are read where they lie, when asked
for (core/row_sources.py), and a bad line says where when it is reached.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from fieldmap.core.bulk import collector_paused
from fieldmap.core.errors import InputDataError
from fieldmap.core.lazy_json import LazyArray, decode_document
from fieldmap.core.row_sources import NdjsonRows, parse_json
from fieldmap.core.row_texts import ndjson_texts

# Parsed JSON takes several times its text in memory; refuse what would not fit.
PARSED_BYTES_PER_TEXT_BYTE = 6
READ_CHUNK_BYTES = 8 * 2**20
PROGRESS_EVERY_ROWS = 10_000
# A first line longer than this is taken for a document's (read whole by load_rows), so
# that a one-line document of any size is not parsed twice.
FIRST_LINE_LIMIT_BYTES = 16 * 2**20

Progress = Callable[[str, int, int | None], None]
"""Told ("read", bytes read, bytes in all or None) and ("parse", rows parsed, None) as a
large input loads, so that a terminal can show how far it is."""


@dataclass(frozen=True)
class LoadedRows:
    """The rows of an input and how they were found."""

    rows: Sequence[Any]  # a list, NdjsonRows or a LazyArray: a file's rows read when asked for
    form: str  # "document", "array of records" or "NDJSON"
    name: str


def load_rows(
    source: str, stdin: BinaryIO | None = None, progress: Progress | None = None
) -> LoadedRows:
    """Rows from the file `source` (`-`: standard input)."""
    return parse_rows(*_read_source(source, stdin, progress), progress)


def load_rows_to_append(source: str, stdin: BinaryIO | None = None) -> LoadedRows:
    """`load_rows` for an append: an NDJSON input's rows stay their checked text
    (`ObjectTexts`), stored as read; other forms are parsed, and must be objects."""
    text, name = _read_source(source, stdin, None)
    if _is_ndjson(text):
        return LoadedRows(ndjson_texts(text, name), "NDJSON", name)
    loaded = parse_rows(text, name)
    for position, row in enumerate(loaded.rows):
        if not isinstance(row, dict):
            raise InputDataError(f"row {position + 1} of {name} is not a JSON object")
    return loaded


def _read_source(
    source: str, stdin: BinaryIO | None, progress: Progress | None
) -> tuple[bytes, str]:
    if source == "-":
        text = _read_all(stdin or sys.stdin.buffer, None, progress)
        _refuse_if_too_large(len(text), "standard input")
        return text, "standard input"
    path = Path(source)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputDataError(f"cannot read {source}: {error.strerror}") from None
    _refuse_if_too_large(size, source)
    try:
        with path.open("rb") as file:
            return _read_all(file, size, progress), source
    except OSError as error:
        raise InputDataError(f"cannot read {source}: {error.strerror}") from None


def _is_ndjson(text: bytes) -> bool:
    """The first non-blank line is one JSON value and something follows it."""
    start = len(text) - len(text.lstrip())
    end = text.find(b"\n", start)
    if end < 0 or not text[end:].strip():
        return False
    try:
        orjson.loads(text[start:end])
    except orjson.JSONDecodeError:
        return False
    return True


def open_rows(source: str, progress: Progress | None = None) -> LoadedRows:
    """`load_rows`, except that a regular NDJSON file is not read ahead: its rows are parsed
    when asked for, so that a file of any size opens at once."""
    path = Path(source)
    if source != "-" and path.is_file() and _first_line_is_a_value(path):
        try:
            return LoadedRows(NdjsonRows(path, source), "NDJSON", source)
        except OSError as error:
            raise InputDataError(f"cannot read {source}: {error.strerror}") from None
    text, name = _read_source(source, None, progress)
    with collector_paused():
        return _parse_rows(text, name, progress, lazily=True)


def _first_line_is_a_value(path: Path) -> bool:
    """The first non-blank line is one JSON value and something follows it: NDJSON (a whole
    document whose first line is a value would end there)."""
    try:
        with path.open("rb") as file:
            first = b""
            while not first.strip():
                first = file.readline(FIRST_LINE_LIMIT_BYTES)
                if not first or not first.endswith(b"\n"):
                    return False
            rest = file.read(READ_CHUNK_BYTES)
            while rest and not rest.strip():
                rest = file.read(READ_CHUNK_BYTES)
    except OSError:
        return False  # load_rows says why
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return bool(rest)


def _read_all(stream: BinaryIO, total: int | None, progress: Progress | None) -> bytes:
    """All of `stream`, a chunk at a time (what a pipe has so far: `read1`), saying how far."""
    read = getattr(stream, "read1", stream.read)
    buffer = bytearray()
    if progress is not None:
        progress("read", 0, total)
    while chunk := read(READ_CHUNK_BYTES):
        buffer += chunk
        if progress is not None:
            progress("read", len(buffer), total)
    return bytes(buffer)


def parse_rows(text: bytes, name: str, progress: Progress | None = None) -> LoadedRows:
    """A JSON array of objects is records; one JSON value is one row; else NDJSON."""
    with collector_paused():
        return _parse_rows(text, name, progress)


def _parse_rows(
    text: bytes, name: str, progress: Progress | None, lazily: bool = False
) -> LoadedRows:
    """`lazily`: a large document's big arrays stay text until read (core/lazy_json.py)."""
    if not text or text.isspace():  # not `strip()`: no copy of a large text
        raise InputDataError(f"{name} is empty")
    try:
        document = decode_document(text) if lazily else parse_json(text)
    except orjson.JSONDecodeError as error:
        if _looks_like_ndjson(text):
            return LoadedRows(_parse_ndjson(text, name, progress), "NDJSON", name)
        raise InputDataError(
            f"{name} is not valid JSON: {_reason(error)}", error.lineno, error.colno
        ) from None
    if isinstance(document, LazyArray) and document.holds_only_objects():
        return LoadedRows(document, "array of records", name)
    if isinstance(document, list) and document and all(isinstance(r, dict) for r in document):
        return LoadedRows(document, "array of records", name)
    return LoadedRows([document], "document", name)


def _parse_ndjson(text: bytes, name: str, progress: Progress | None) -> list[Any]:
    rows: list[Any] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if progress is not None and len(rows) % PROGRESS_EVERY_ROWS == 0 and rows:
            progress("parse", len(rows), None)
        try:
            rows.append(parse_json(line))
        except orjson.JSONDecodeError as error:
            raise InputDataError(
                f"{name} is not valid NDJSON: {_reason(error)}", number, error.colno
            ) from None
    return rows


def _looks_like_ndjson(text: bytes) -> bool:
    """The first non-blank line is a JSON value on its own."""
    for line in text.splitlines():
        if line.strip():
            try:
                orjson.loads(line)
            except orjson.JSONDecodeError:
                return False
            return True
    return False


def _reason(error: orjson.JSONDecodeError) -> str:
    return error.msg.rstrip(".")


def _refuse_if_too_large(size: int, name: str) -> None:
    available = _available_memory()
    if available is not None and size * PARSED_BYTES_PER_TEXT_BYTE > available:
        raise InputDataError(
            f"{name} is {size / 2**20:.0f} MiB; parsed, it would need about "
            f"{size * PARSED_BYTES_PER_TEXT_BYTE / 2**30:.1f} GiB and only "
            f"{available / 2**30:.1f} GiB of memory is available"
        )


def _available_memory() -> int | None:
    """MemAvailable (free memory plus what the page cache would give back), where known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None
