"""Timing a command's first paint in a real pseudo-terminal: from spawning the process to
the first bytes on the terminal that contain a marker (text of the first frame)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time


def time_to_paint(command: list[str], marker: bytes, size: tuple[int, int] = (80, 24)) -> float:
    """Seconds from `Popen` to `marker` appearing in the terminal output; the app is then
    quit with ctrl+q (and killed if it does not stop)."""
    master, slave = pty.openpty()
    columns, lines = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = b""
    try:
        while marker not in output:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise TimeoutError(f"no {marker!r} after 30 s")
            output += os.read(master, 65536)
        elapsed = time.perf_counter() - start
        os.write(master, b"\x11")  # ctrl+q
        _drain_until_exit(master, process)
        return elapsed
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def _drain_until_exit(master: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
