"""Raw payload text made safe to show: JSON renderings with every control character escaped.

Raw data is data: a value such as `[bold red]x[/]`, an ANSI escape or a bidi override must
reach the screen as the characters it is made of, never as styling or cursor movement.
These helpers return plain `str`; widgets wrap them in `Text`/`Content`, never markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

from textual.content import Content

# C0 and C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate
# characters (which can reorder what a terminal shows). json.dumps escapes only C0.
_OTHERS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")


def escape_controls(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character (but newlines, if asked) as a `\\uXXXX` escape."""
    unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return unsafe.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def plain(text: str) -> Content:
    """Text from a server, a payload or a path, shown as the characters it is made of."""
    return Content(escape_controls(text))


def json_literal(value: Any) -> str:
    """A JSON value as one line of JSON text, safe for the terminal."""
    return escape_controls(json.dumps(value, ensure_ascii=False))


def json_preview(value: Any, width: int) -> str:
    """`json_literal(value)` cut to `width` characters; the encoder is lazy, so a huge value
    (a whole payload) costs only what is shown."""
    chunks: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False).iterencode(value):
        chunks.append(chunk)
        size += len(chunk)
        if size > width:
            break
    return cut(escape_controls("".join(chunks)), width)


def key_literal(key: str) -> str:
    """An object key as people read it: bare when plain, quoted JSON when it would mislead."""
    if key and key.strip() == key and not _UNSAFE.search(key) and '"' not in key:
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
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    chunks: list[str] = []
    size = 0
    for chunk in encoder.iterencode(value):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_chars:
            text = "".join(chunks)[:max_chars]
            text = text[: text.rfind("\n") + 1] or text
            return escape_controls(text, keep_newlines=True), True
    return escape_controls("".join(chunks), keep_newlines=True), False


def cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis saying so."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def cut_start(text: str, width: int) -> str:
    """`text` cut to its last `width` characters, where a path says the most."""
    return text if len(text) <= width else "…" + text[len(text) - max(width - 1, 0) :]
