"""Rows to append taken as their JSON text: each line of an NDJSON input is checked to be
one JSON object once, and kept as read, so that an append stores the bytes it was given
instead of parsing them into objects, validating those, and serializing them again.

A large input is checked aside, in a forked process, while the append inserts the texts
as read: the insert and the check each take about half the work, and the transaction
waits for the check's verdict (`ObjectTexts.settle`) before it commits.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
from collections.abc import Iterable, Sequence

import orjson

from fieldmap.core.errors import InputDataError
from fieldmap.core.row_sources import LONG_DIGITS, JsonTexts, may_hold_long_integer, parse_json

# orjson reads 1,024 levels but writes 254; a line that may nest past that (or holds an
# integer past 64 bits) is parsed and written again, so that it is refused as an object's
# append would refuse it, and never stored as text no answer could serialize.
MAX_OPENINGS_AS_TEXT = 254
ASIDE_ROWS = 20_000
"""From this many rows the check runs in a forked process beside the insert."""
# One translation finds both: every digit becomes "0", both openings "{", the rest ".".
_DIGITS_AND_OPENINGS = bytes(
    48 if 48 <= byte <= 57 else 123 if byte in b"{[" else 46 for byte in range(256)
)


class ObjectTexts(JsonTexts):
    """JSON texts each known (or, until `settle`, being checked) to be one JSON object that
    orjson writes back unchanged in meaning; made only here, so that the engine may store
    them as they are."""

    __slots__ = ("_aside",)

    def __init__(self, texts: list[bytes], aside: _Aside | None = None) -> None:
        super().__init__(texts)
        self._aside = aside

    def settle(self) -> dict[int, bytes]:
        """Wait for a check that runs aside: the texts it wrote again, by index (already in
        place here); `InputDataError` for a line that is not one JSON object."""
        aside = self._aside
        if aside is None:
            return {}
        rewritten = aside.verdict()  # a refusal is raised again at every call
        self._aside = None
        texts = self.texts
        assert isinstance(texts, list)
        for index, text in rewritten.items():
            texts[index] = text
        return rewritten


class _Refusal(Exception):
    """The row at `index` (0-based, blank lines left out) refused: `kind` "json" (not
    JSON), "object" (not an object) or "write" (orjson cannot write it back)."""

    def __init__(self, index: int, kind: str, detail: str = "", column: int | None = None):
        super().__init__(index, kind, detail, column)
        self.index, self.kind, self.detail, self.column = index, kind, detail, column


def object_texts(lines: Iterable[bytes], name: str) -> ObjectTexts:
    """The non-blank lines as checked row texts; a line that is not one JSON object is an
    `InputDataError` at its line (and column). Many lines are checked aside (see `settle`)."""
    lines = lines if isinstance(lines, Sequence) else list(lines)
    texts = _non_blank(lines, name)
    if len(texts) >= ASIDE_ROWS and _can_fork():
        return ObjectTexts(texts, _Aside(lines, name).of(lines, texts))
    try:
        rewritten = _check(texts)
    except _Refusal as refusal:
        raise _error(refusal, lines, name) from None
    for index, text in rewritten.items():
        texts[index] = text
    return ObjectTexts(texts)


def ndjson_texts(data: bytes, name: str) -> ObjectTexts:
    """`object_texts` of the lines of `data`. The check of many lines is forked before
    they are split, and the child splits them again: rows made before the fork would be
    shared, and both processes' reference counts on them would copy page after page."""
    if data.count(b"\n") < ASIDE_ROWS or not _can_fork() or data.isspace():
        return object_texts(data.splitlines(), name)  # (and says an empty input is)
    aside = _Aside(data, name)
    lines = data.splitlines()
    texts = _non_blank(lines, name)
    return ObjectTexts(texts, aside.of(lines, texts))


def _non_blank(lines: Sequence[bytes], name: str) -> list[bytes]:
    texts = [text for text in map(bytes.strip, lines) if text]
    if not texts:
        raise InputDataError(f"{name} is empty")
    return texts


def _check(texts: Sequence[bytes]) -> dict[int, bytes]:
    """The texts that must be written again, by index; `_Refusal` for the first bad one."""
    rewritten: dict[int, bytes] = {}
    loads, table = orjson.loads, _DIGITS_AND_OPENINGS
    for index, text in enumerate(texts):
        try:
            row = loads(text)
        except orjson.JSONDecodeError as error:
            raise _Refusal(index, "json", error.msg.rstrip("."), error.colno) from None
        if not isinstance(row, dict):
            raise _Refusal(index, "object")
        mapped = text.translate(table)
        long_digits = LONG_DIGITS in mapped and may_hold_long_integer(text)  # not a fraction's
        if long_digits or mapped.count(b"{") > MAX_OPENINGS_AS_TEXT:
            try:
                rewritten[index] = orjson.dumps(parse_json(text))
            except orjson.JSONEncodeError as error:
                raise _Refusal(index, "write", str(error)) from None
    return rewritten


def _error(refusal: _Refusal, lines: Sequence[bytes], name: str) -> InputDataError:
    """The refusal said at its line of the input (blank lines counted)."""
    if refusal.kind == "object":
        return InputDataError(f"row {refusal.index + 1} of {name} is not a JSON object")
    number, seen = 0, -1
    for number, line in enumerate(lines, start=1):
        seen += bool(line.strip())
        if seen == refusal.index:
            break
    if refusal.kind == "json":
        message = f"{name} is not valid NDJSON: {refusal.detail}"
        return InputDataError(message, number, refusal.column)
    message = f"line {number} of {name} cannot be handled as JSON: {refusal.detail}"
    return InputDataError(message, number)


def _can_fork() -> bool:
    # A fork copies only the calling thread: with others running, their locks could be
    # held forever in the child, so the check stays here.
    return hasattr(os, "fork") and threading.active_count() == 1


class _Aside:
    """The check of the rows running in a forked child, which inherits them (sending them
    would cost as much as checking) and answers its verdict, pickled, through a pipe."""

    def __init__(self, source: bytes | Sequence[bytes], name: str) -> None:
        """`source`: the input (split again by the child) or its lines."""
        self._name = name
        self._lines: Sequence[bytes] = ()
        self._texts: list[bytes] = []
        self._refusal: InputDataError | None = None
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: check, answer, and leave without any clean-up
            os.close(read)
            gc.disable()  # collections would touch (copy) the parent's pages
            try:
                lines = source.splitlines() if isinstance(source, bytes) else source
                try:
                    verdict: object = _check([text for text in map(bytes.strip, lines) if text])
                except _Refusal as refusal:
                    verdict = refusal.args
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(verdict, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write)
        self._read = read
        self._parent = os.getpid()
        self._reaped = False

    def __del__(self) -> None:
        # An append that failed before it settled (an unknown connector): the verdict is
        # not wanted, and the child must not be left a zombie. Only the parent reaps it.
        if getattr(self, "_reaped", True) or os.getpid() != self._parent:
            return
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)
            os.close(self._read)
            os.waitpid(self._pid, 0)

    def of(self, lines: Sequence[bytes], texts: list[bytes]) -> _Aside:
        """The parent's lines and texts: where a refusal is said, and a fallback check."""
        self._lines, self._texts = lines, texts
        return self

    def verdict(self) -> dict[int, bytes]:
        """The texts written again, by index; the refusal (each time it is asked)."""
        if self._refusal is not None:
            raise self._refusal
        try:
            return self._received()
        except InputDataError as refusal:
            self._refusal = refusal
            raise

    def _received(self) -> dict[int, bytes]:
        try:
            with os.fdopen(self._read, "rb") as pipe:
                verdict = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            verdict = None  # the child died (out of memory?): check here instead
        finally:
            os.waitpid(self._pid, 0)
            self._reaped = True
        if verdict is None:
            try:
                return _check(self._texts)
            except _Refusal as refusal:
                raise _error(refusal, self._lines, self._name) from None
        if isinstance(verdict, tuple):
            raise _error(_Refusal(*verdict), self._lines, self._name)
        return verdict
