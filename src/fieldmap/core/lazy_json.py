"""A large JSON document read lazily: its big arrays stay text, an element parsed when visited.

A 200 MB document parsed into Python objects takes ~4.5x its size and ~2 s. Most of such a
document is one or a few big arrays of records, and a person looks at a few elements at a
time, or passes over all of them once per expression. `decode_document` checks the whole
text (structure by msgspec, encoding here) but decodes only the levels above the big parts:
an object is a plain dict, an array of at least `LAZY_PART_BYTES` is a `LazyArray` of the
elements' text, each parsed (`parse_json`: integers past 64 bits stay exact) when read and
dropped after. `LazyArray` is no `list` (C code reading a list's storage would see it empty):
the evaluator, the tree and the passes over a document know it (`ARRAY_TYPES`), and
`materialized` makes plain values for whatever else takes them.

What the structural check cannot see inside an element (a number past a double's range, a
lone surrogate escape) is an `InputDataError` with its line and column when that element
is read, as a bad line of an NDJSON file is.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, overload

import orjson

from fieldmap.core.errors import InputDataError
from fieldmap.core.row_sources import parse_json

if TYPE_CHECKING:
    import msgspec

LAZY_DOCUMENT_BYTES = 64 * 2**20
"""A document this large is decoded lazily; a smaller one is parsed whole (an expression's
pass over it then parses nothing again: the keystroke figures at 20 MB stay)."""
LAZY_PART_BYTES = 2**20
"""An array's text this long stays text (a `LazyArray`); an object's is decoded a level."""
UTF8_CHECK_BYTES = 16 * 2**20

_FIRST_BYTE = re.compile(rb"[^ \t\r\n]")


class LazyArray(Sequence[Any]):
    """A JSON array whose elements stay text until read; each read parses again."""

    __slots__ = ("_document", "_items")
    __hash__ = None  # type: ignore[assignment]  # no key, as a list is none

    def __init__(self, items: list[msgspec.Raw], document: bytes) -> None:
        self._items = items
        self._document = document  # for the line and column of an element that fails

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> LazyArray: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return LazyArray(self._items[index], self._document)
        return _decoded(self._items[index], self._document)

    def __iter__(self) -> Iterator[Any]:
        document = self._document
        for item in self._items:
            yield _decoded(item, document)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, list | LazyArray):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))

    def holds_only_objects(self) -> bool:
        """Whether every element is a JSON object (none is parsed to tell)."""
        return all(memoryview(item)[:1] == b"{" for item in self._items)

    def __repr__(self) -> str:
        return f"<LazyArray of {len(self):,} elements>"


class LazyObject(dict[str, Any]):
    """A big object of a lazy document, decoded one level (it may hold lazy arrays): a plain
    dict, named so that what takes only plain values knows to make it `materialized`."""

    __slots__ = ()


ARRAY_TYPES = list | LazyArray
"""What a JSON array is in a decoded document: `isinstance(value, ARRAY_TYPES)`."""
LAZY_TYPES = LazyArray | LazyObject


def decode_document(text: bytes) -> Any:
    """One JSON value, lazily when large (`orjson.JSONDecodeError` when it is not JSON: the
    message, line and column of `parse_json`'s)."""
    if len(text) < LAZY_DOCUMENT_BYTES:
        return parse_json(text)
    import msgspec  # only for a large document: no import for any other input or screen

    try:
        _check_utf8(text)
        return _decoded(text, text)
    except (msgspec.DecodeError, UnicodeDecodeError):
        return parse_json(text)  # not JSON: raises, saying where as for any document


def materialized(value: Any) -> Any:
    """`value` with no lazy part (a lazy one read whole), for code that takes only plain
    JSON values; anything else as it is."""
    if isinstance(value, LazyArray):
        return [materialized(item) for item in value]
    if isinstance(value, LazyObject):
        return {key: materialized(item) for key, item in value.items()}
    return value


def head(value: Any, budget: int) -> Any:
    """The first `budget` elements and members of `value` (depth first, as JSON text writes
    them) as plain values: enough to write its first `budget` characters, each element or
    member taking at least one, without reading the rest of a lazy array."""
    left = budget

    def cut(node: Any) -> Any:
        nonlocal left
        if isinstance(node, dict):
            members = {}
            for key, item in node.items():
                if left <= 0:
                    break
                left -= 1
                members[key] = cut(item)
            return members
        if isinstance(node, ARRAY_TYPES):
            elements = []
            for item in node:
                if left <= 0:
                    break
                left -= 1
                elements.append(cut(item))
            return elements
        return node

    return cut(value)


def json_default(value: Any) -> Any:
    """`default=` for orjson and the standard library's encoders: a lazy array as a list."""
    if isinstance(value, LazyArray):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _decoded(text: bytes | msgspec.Raw, document: bytes) -> Any:
    """The value of `text` (the document, or a `msgspec.Raw` slice of it): parsed when
    small; a big object a level at a time; a big array as a `LazyArray`."""
    if len(text) >= LAZY_PART_BYTES:
        match = _FIRST_BYTE.search(text)
        first = match.group() if match else b""
        object_decoder, array_decoder = _decoders()
        if first == b"{":
            members = object_decoder.decode(text).items()
            return LazyObject((key, _decoded(part, document)) for key, part in members)
        if first == b"[":
            return LazyArray(array_decoder.decode(text), document)
    part = text if isinstance(text, bytes) else bytes(memoryview(text))
    try:
        return parse_json(part)
    except orjson.JSONDecodeError as error:
        if part is document:
            raise
        raise _located(error, part, document) from None


@cache
def _decoders() -> tuple[msgspec.json.Decoder, msgspec.json.Decoder]:
    """Decoders of an object's members and an array's elements, each kept as its text."""
    import msgspec

    return msgspec.json.Decoder(dict[str, msgspec.Raw]), msgspec.json.Decoder(list[msgspec.Raw])


def _located(error: orjson.JSONDecodeError, part: bytes, document: bytes) -> InputDataError:
    """The error of an element read later, at its line and column in the document."""
    start = max(document.find(part), 0)
    line = document.count(b"\n", 0, start) + error.lineno
    column = error.colno
    if error.lineno == 1:
        column += start - (document.rfind(b"\n", 0, start) + 1)
    reason = error.msg.rstrip(".")
    return InputDataError(f"the document is not valid JSON here: {reason}", line, column)


def _check_utf8(text: bytes) -> None:
    """Raise `UnicodeDecodeError` unless `text` is UTF-8 (the structural check passes over
    the bytes of the parts it keeps as text), a piece at a time to bound the memory."""
    if text.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(text)
    for start in range(0, len(text), UTF8_CHECK_BYTES):
        decoder.decode(view[start : start + UTF8_CHECK_BYTES])
    decoder.decode(b"", final=True)
