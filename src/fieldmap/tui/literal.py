"""Raw payload text made safe to show: JSON renderings with every control character escaped.

Raw data is data: a value such as `[bold red]x[/]`, an ANSI escape or a bidi override must
reach the screen as the characters it is made of, never as styling or cursor movement.
These helpers return plain `str`; widgets wrap them in `Text`/`Content`, never markup.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from textual.content import Content

from fieldmap.core.lazy_json import LAZY_TYPES, head, json_default

# C0 and C1 controls, DEL, line/paragraph separators, lone surrogates, and every format
# character (Unicode category Cf, as of Unicode 14): bidi embeddings, overrides and isolates
# (which reorder what a terminal shows), zero-width spaces and joiners, the BOM, tags…
# (which hide, so that two keys can look identical). json.dumps escapes only C0.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_OTHERS = f"\x7f-\x9f\u2028\u2029\ud800-\udfff{_FORMAT}"
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")
# Most payload text is ASCII, where only C0 controls and DEL can be: a smaller class, faster.
_ASCII_UNSAFE = re.compile("[\x00-\x1f\x7f]")
_ASCII_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
# Combining marks stack on the character before them; a terminal may give a long stack
# columns that the layout did not count, which shifts a pane's border. Runs of characters
# from U+0300 on are where they can be; the marks past the third of a stack are escaped.
_MAYBE_STACKED = re.compile("[^\x00-\u02ff]{4,}")
MAX_STACKED_MARKS = 3


def escape_controls(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control and format character (but newlines, if asked), and the
    marks of an overlong stack, as `\\uXXXX` escapes."""
    if text.isascii():
        unsafe = _ASCII_UNSAFE_BUT_NEWLINE if keep_newlines else _ASCII_UNSAFE
        return unsafe.sub(_escape, text)
    unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return _MAYBE_STACKED.sub(_cap_stacks, unsafe.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    return _escape_one(match.group())


def _escape_one(character: str) -> str:
    # Beyond the BMP, JSON's escape: a surrogate pair (the tags of U+E0000 on).
    code = ord(character)
    return f"\\u{code:04x}" if code < 0x10000 else json.dumps(character)[1:-1]


def _cap_stacks(match: re.Match[str]) -> str:
    shown: list[str] = []
    stacked = 0
    for character in match.group():
        stacked = stacked + 1 if unicodedata.category(character) in ("Mn", "Me") else 0
        shown.append(_escape_one(character) if stacked > MAX_STACKED_MARKS else character)
    return "".join(shown)


def plain(text: str) -> Content:
    """Text from a server, a payload or a path, shown as the characters it is made of."""
    return Content(escape_controls(text))


def json_literal(value: Any) -> str:
    """A JSON value as one line of JSON text, safe for the terminal."""
    return escape_controls(json.dumps(value, ensure_ascii=False, default=json_default))


def json_preview(value: Any, width: int) -> str:
    """`json_literal(value)` cut to `width` characters; the encoder is lazy, so a huge value
    (a whole payload) costs only what is shown."""
    chunks: list[str] = []
    size = 0
    encoder = json.JSONEncoder(ensure_ascii=False, default=json_default)
    for chunk in encoder.iterencode(_shown_part(value, width)):
        chunks.append(chunk)
        size += len(chunk)
        if size > width:
            break
    return cut(escape_controls("".join(chunks)), width)


def key_literal(key: str) -> str:
    """An object key as people read it: bare when plain, quoted JSON when it would mislead."""
    if key and key.strip() == key and escape_controls(key) == key and '"' not in key:
        return key
    return json_literal(key)


def string_literal(text: str, limit: int) -> tuple[str, bool]:
    """A JSON string literal of at most about `limit` characters, and whether it was cut."""
    if len(text) <= limit:
        return json_literal(text), False
    return json_literal(text[:limit])[:-1] + '…"', True


def pretty_json(value: Any, max_chars: int) -> tuple[str, bool]:
    """Indented JSON, safe for the terminal, of at most `max_chars` characters (the encoder is
    lazy, so a huge value costs only what is shown); and whether it was cut."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=json_default)
    chunks: list[str] = []
    size = 0
    for chunk in encoder.iterencode(_shown_part(value, max_chars)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_chars:
            text = "".join(chunks)[:max_chars]
            text = text[: text.rfind("\n") + 1] or text
            return escape_controls(text, keep_newlines=True), True
    return escape_controls("".join(chunks), keep_newlines=True), False


def _shown_part(value: Any, max_chars: int) -> Any:
    """A lazy document's value cut to what `max_chars` can show, so that its other elements
    are never read (a plain one is encoded lazily as it is)."""
    return head(value, max_chars + 1) if isinstance(value, LAZY_TYPES) else value


def cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis saying so."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def cut_start(text: str, width: int) -> str:
    """`text` cut to its last `width` characters, where a path says the most."""
    return text if len(text) <= width else "…" + text[len(text) - max(width - 1, 0) :]
