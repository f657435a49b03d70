"""Make a bracketed paste safe to parse: control characters inside it become `\\u` escapes.

A terminal brackets pasted text with ESC[200~ … ESC[201~. Textual's input parser reads an
ESC inside the paste as the start of a key sequence and reissues it as keystrokes ahead of
the paste, so `abc␛[31mdef` arrived as `^[31mdefabc`. Rewriting the paste's control
characters before the parser sees them keeps the text whole and in order, and shows them
the way the payload tree shows them (`abc\\u001b[31mdef`). Bytes outside a paste pass
through untouched and at once: a lone Esc key press must not wait for more input.
"""

from __future__ import annotations

PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"
_KEPT_CONTROLS = frozenset(b"\t\n\r")
_C1_LEAD = 0xC2  # UTF-8 encodes U+0080..U+009F (the C1 controls) as C2 80..C2 9F


def _escape(code_point: int) -> bytes:
    return b"\\u%04x" % code_point


class PasteGuard:
    """Feed raw terminal input in chunks; get back what the parser may safely read."""

    def __init__(self) -> None:
        self._in_paste = False
        self._matched = 0  # how much of PASTE_START the bytes outside a paste ended with
        self._held = b""  # a paste's tail that may be the start of PASTE_END or a C1 control

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        data = self._held + data
        self._held = b""
        index = 0
        while index < len(data):
            if not self._in_paste:
                index = self._copy_outside(data, index, out)
            else:
                index = self._escape_inside(data, index, out)
        return bytes(out)

    def flush(self) -> bytes:
        """What is held back, at the end of input (a paste the terminal never closed)."""
        held, self._held = self._held, b""
        return self._escape_all(held)

    def _copy_outside(self, data: bytes, index: int, out: bytearray) -> int:
        while index < len(data):
            byte = data[index]
            out.append(byte)
            index += 1
            if byte == PASTE_START[self._matched]:
                self._matched += 1
            else:
                self._matched = 1 if byte == PASTE_START[0] else 0
            if self._matched == len(PASTE_START):
                self._matched = 0
                self._in_paste = True
                break
        return index

    def _escape_inside(self, data: bytes, index: int, out: bytearray) -> int:
        while index < len(data):
            rest = data[index:]
            if rest.startswith(PASTE_END):
                out += PASTE_END
                self._in_paste = False
                return index + len(PASTE_END)
            if PASTE_END.startswith(rest) or (rest == bytes([_C1_LEAD])):
                self._held = rest  # decided by the next chunk
                return len(data)
            byte = data[index]
            if byte == _C1_LEAD and 0x80 <= data[index + 1] <= 0x9F:
                out += _escape(data[index + 1])
                index += 2
                continue
            out += self._escape_all(bytes([byte]))
            index += 1
        return index

    @staticmethod
    def _escape_all(text: bytes) -> bytes:
        return b"".join(
            _escape(byte)
            if (byte < 0x20 or byte == 0x7F) and byte not in _KEPT_CONTROLS
            else bytes([byte])
            for byte in text
        )
