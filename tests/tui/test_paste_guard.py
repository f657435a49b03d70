"""Pasted text holding control characters arrives whole, in order, and escaped (issue 10, 8)."""

from __future__ import annotations

import os
import threading

import pytest
from textual import events

from fieldmap.tui.paste_guard import PASTE_END, PASTE_START, PasteGuard
from fieldmap.tui.paste_safe_driver import _pump


def pasted(text: bytes) -> bytes:
    return PASTE_START + text + PASTE_END


def guarded(*chunks: bytes) -> bytes:
    guard = PasteGuard()
    return b"".join(guard.feed(chunk) for chunk in chunks) + guard.flush()


def test_an_escape_sequence_inside_a_paste_is_escaped() -> None:
    assert guarded(pasted(b"abc\x1b[31mdef")) == pasted(b"abc\\u001b[31mdef")


def test_other_controls_inside_a_paste_are_escaped_but_tabs_and_newlines_kept() -> None:
    text = "nul\x00 bel\x07 del\x7f csi\x9b2J tab\t line\n".encode()
    assert guarded(pasted(text)) == pasted(
        b"nul\\u0000 bel\\u0007 del\\u007f csi\\u009b2J tab\t line\n"
    )


def test_non_ascii_text_inside_a_paste_is_kept() -> None:
    text = "Zoë Ünal — 東京 \u00a0".encode()  # C2 A0 (no-break space) is not a C1 control
    assert guarded(pasted(text)) == pasted(text)


def test_keys_outside_a_paste_pass_untouched_and_at_once() -> None:
    guard = PasteGuard()
    assert guard.feed(b"\x1b") == b"\x1b"  # a lone Esc press is not held back
    assert guard.feed(b"[A\x1b[31m") == b"[A\x1b[31m"


@pytest.mark.parametrize("cut", range(1, 40))
def test_any_split_of_the_input_gives_the_same_bytes(cut: int) -> None:
    stream = b"k\x1b" + pasted("a\x1b[2\x1b[201x é\u0085z".encode()) + b"\x1b[Bq"
    whole = guarded(stream)
    assert whole == b"k\x1b" + pasted(b"a\\u001b[2\\u001b[201x \xc3\xa9\\u0085z") + b"\x1b[Bq"
    assert guarded(stream[:cut], stream[cut:]) == whole
    assert guarded(*(stream[i : i + 1] for i in range(len(stream)))) == whole


def test_a_paste_never_closed_is_handed_over_escaped_at_the_end() -> None:
    assert guarded(PASTE_START + b"x\x1b[20") == PASTE_START + b"x\\u001b[20"


def test_textuals_parser_sees_one_paste_in_order() -> None:
    # The parser is Textual's private module; this test pins the behaviour the guard relies on.
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    text = guarded(pasted(b"abc\x1b[31mdef")).decode()
    parsed = list(parser.feed(text)) + list(parser.feed(""))
    assert [type(event) for event in parsed] == [events.Paste]
    assert parsed[0].text == "abc\\u001b[31mdef"


def test_the_pump_guards_what_the_terminal_sends() -> None:
    terminal, typed = os.pipe()
    guarded_read, guarded_write = os.pipe()
    stop = threading.Event()
    pump = threading.Thread(target=_pump, args=(terminal, guarded_write, stop))
    pump.start()
    try:
        os.write(typed, pasted(b"abc\x1b[31mdef"))
        expected = pasted(b"abc\\u001b[31mdef")
        received = b""
        while len(received) < len(expected):
            received += os.read(guarded_read, 4096)
        assert received == expected
    finally:
        stop.set()
        os.close(typed)
        pump.join(timeout=5)
        os.close(guarded_read)
        os.close(terminal)
    assert not pump.is_alive()
