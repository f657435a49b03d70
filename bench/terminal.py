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
    return paint(command, marker, size)[0]


def paint(
    command: list[str],
    marker: bytes,
    size: tuple[int, int] = (80, 24),
    stdin: int | None = None,
    quit_keys: bytes = b"\x11",
) -> tuple[float, int]:
    """`time_to_paint`, and the process's resident bytes (VmRSS) when the marker showed.
    `stdin`: a file descriptor to read instead of the terminal (the terminal stays the
    process's controlling one, for a program that reads its keys from /dev/tty)."""
    master, slave = pty.openpty()
    columns, lines = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave if stdin is None else stdin,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(1, termios.TIOCSCTTY, 0),
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
        resident = _resident_bytes(process.pid)
        os.write(master, quit_keys)
        _drain_until_exit(master, process)
        return elapsed, resident
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


def _resident_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0
