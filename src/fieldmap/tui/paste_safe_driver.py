"""A terminal driver whose input passes through a `PasteGuard` before Textual parses it.

The guard sits between the terminal and Textual's own input thread: a pump thread reads
the terminal, and Textual's thread reads the guarded bytes from a pipe put in place of the
terminal for as long as input runs. Only the driver's public surface is used (`fileno`,
`exit_event`, `run_input_thread`), so Textual's parser is left as it is.
"""

from __future__ import annotations

import os
import selectors
import sys
import threading

from textual.driver import Driver

from fieldmap.tui.paste_guard import PasteGuard

_READ_BYTES = 4096
_POLL_SECONDS = 0.1  # how soon the pump notices that input has stopped


def paste_safe_driver() -> type[Driver] | None:
    """The driver class for an app on this platform (None: Textual's own choice)."""
    if sys.platform == "win32":
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class PasteSafeDriver(LinuxDriver):
        def run_input_thread(self) -> None:
            terminal = self.fileno
            guarded, into_guarded = os.pipe()
            pump = threading.Thread(
                target=_pump, args=(terminal, into_guarded, self.exit_event), daemon=True
            )
            self.fileno = guarded
            pump.start()
            try:
                super().run_input_thread()
            finally:
                self.fileno = terminal  # termios calls after input stops need the terminal
                os.close(guarded)  # a pump blocked on a full pipe gets EPIPE and stops
                pump.join()

    return PasteSafeDriver


def _pump(terminal: int, into_guarded: int, stop: threading.Event) -> None:
    guard = PasteGuard()
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(terminal, selectors.EVENT_READ)
            while not stop.is_set():
                if not selector.select(_POLL_SECONDS):
                    continue
                data = os.read(terminal, _READ_BYTES)
                if not data:
                    # The input ended (a pipe): hand over what is held, then keep the pipe
                    # open, since an ended pipe would read as ready for ever and spin.
                    os.write(into_guarded, guard.flush())
                    stop.wait()
                    break
                os.write(into_guarded, guard.feed(data))
    except OSError:
        pass  # the terminal or the pipe went away; input is over
    finally:
        os.close(into_guarded)
