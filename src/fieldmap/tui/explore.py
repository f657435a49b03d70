"""`fieldmap explore FILE`: any JSON document, JSON array of records or NDJSON, in the TUI.

The file is read and parsed before any screen opens, so bad input is a message with its
line and column on the terminal (cli.main prints `InputDataError`s and exits 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import load_rows


def explore(args: argparse.Namespace) -> int:
    loaded = load_rows(args.file)
    if args.file == "-" and not sys.stdin.isatty():
        _keys_from_terminal()
    from fieldmap.tui.explore_app import ExploreApp

    app = ExploreApp(loaded)
    with _standard_output_on_the_terminal():
        expression = app.run()
    if app.return_code:  # a screen crashed (Textual showed why): pipelines must tell
        return app.return_code
    if not args.print_path:
        return 0
    if not expression:
        return 1  # nothing to print: `path=$(fieldmap explore … --print-path) || …` can tell
    print(expression)
    return 0


@contextmanager
def _standard_output_on_the_terminal() -> Iterator[None]:
    """While the app runs, point a captured standard output (`path=$(fieldmap explore …)`)
    at the terminal, where Textual draws and finds its size; the path is printed after."""
    if sys.stdout.isatty() or not sys.stderr.isatty():
        yield
        return
    sys.stdout.flush()
    captured = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        os.dup2(captured, 1)
        os.close(captured)


def _keys_from_terminal() -> None:
    """The data came on standard input: read keys from the controlling terminal instead."""
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise InputDataError("standard input held the data and there is no terminal") from None
    os.dup2(terminal, sys.__stdin__.fileno())
    os.close(terminal)
