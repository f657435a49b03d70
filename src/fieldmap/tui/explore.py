"""`fieldmap explore FILE`: any JSON document, JSON array of records or NDJSON, in the TUI.

A document or an array of records is read and parsed before any screen opens, so bad input
is a message with its line and column on the terminal (cli.main prints `InputDataError`s
and exits 2). An NDJSON file opens at once: its rows are parsed when shown or passed over
(core/row_sources.py), and a bad line says where when it is reached.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import LoadedRows, open_rows

MIB = 2**20


def explore(args: argparse.Namespace) -> int:
    loaded = load_with_progress(args.file)
    # The rows live as long as the process: kept out of the collector's walks, which on a
    # 200 MB document's ten million objects took seconds after the load (and again later).
    gc.freeze()
    if args.file == "-" and not sys.stdin.isatty():
        _keys_from_terminal()
    from fieldmap.core import workspace
    from fieldmap.core.history import ExpressionHistory
    from fieldmap.tui.explore_app import ExploreApp
    from fieldmap.tui.run import user_keymap

    history = ExpressionHistory(workspace.data_dir(getattr(args, "data_dir", None)))
    app = ExploreApp(loaded, keymap=user_keymap(), history=history)
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


def load_with_progress(source: str) -> LoadedRows:
    """`open_rows`, saying on a terminal's standard error how far it is (bytes read of the
    total, rows parsed) and when it waits for standard input, then clearing the line."""
    if not sys.stderr.isatty():
        return open_rows(source)
    if source == "-" and sys.stdin.isatty():
        print(
            "fieldmap explore: waiting for JSON on standard input"
            " (ctrl+d ends it, ctrl+c gives up)",
            file=sys.stderr,
        )
    name = "standard input" if source == "-" else source

    def show(phase: str, done: int, total: int | None) -> None:
        if phase == "parse":
            line = f"parsing {name}: {done:,} rows"
        elif total:
            line = f"reading {name}: {done / MIB:,.0f} of {total / MIB:,.0f} MiB"
        else:
            line = f"reading {name}: {done / MIB:,.1f} MiB"
        sys.stderr.write(f"\r\x1b[2K{line}")
        sys.stderr.flush()

    try:
        return open_rows(source, progress=show)
    finally:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


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
