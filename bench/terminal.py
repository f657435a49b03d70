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
    start = time.perf_counter()
    process, master = _spawn(command, size, stdin)
    try:
        _read_until(master, marker)
        elapsed = time.perf_counter() - start
        resident = _resident_bytes(process.pid)
        os.write(master, quit_keys)
        _drain_until_exit(master, process)
        return elapsed, resident
    finally:
        _stop(process, master)


def times_to_markers(
    command: list[str], markers: list[bytes], size: tuple[int, int] = (80, 24)
) -> list[float]:
    """Seconds from `Popen` to each of `markers` first appearing on the terminal (each
    looked for from the start of the output); the app is then quit with ctrl+q."""
    start = time.perf_counter()
    process, master = _spawn(command, size, None)
    try:
        output, times = b"", []
        for marker in markers:
            while marker not in output:
                ready, _, _ = select.select([master], [], [], 30)
                if not ready:
                    raise TimeoutError(f"no {marker!r} after 30 s")
                output += os.read(master, 65536)
            times.append(time.perf_counter() - start)
        os.write(master, b"\x11")
        _drain_until_exit(master, process)
        return times
    finally:
        _stop(process, master)


def key_to_text(
    command: list[str],
    ready: bytes,
    keys_before: bytes,
    key: bytes,
    marker: bytes,
    size: tuple[int, int] = (160, 48),
    quit_keys: bytes = b"\x11",
) -> float:
    """Seconds from writing `key` to `marker` on the terminal, once `ready` showed and
    `keys_before` were typed and their output had gone quiet (0.3 s)."""
    process, master = _spawn(command, size, None)
    try:
        _read_until(master, ready)
        os.write(master, keys_before)
        _read_until(master, None, quiet=0.3)  # shorter than the cursor blink
        start = time.perf_counter()
        os.write(master, key)
        _read_until(master, marker)
        elapsed = time.perf_counter() - start
        os.write(master, quit_keys)
        _drain_until_exit(master, process)
        return elapsed
    finally:
        _stop(process, master)


def _spawn(
    command: list[str], size: tuple[int, int], stdin: int | None
) -> tuple[subprocess.Popen[bytes], int]:
    master, slave = pty.openpty()
    columns, lines = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    process = subprocess.Popen(
        command,
        stdin=slave if stdin is None else stdin,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        # The terminal becomes the controlling one (jid reads its keys from /dev/tty).
        preexec_fn=lambda: fcntl.ioctl(1, termios.TIOCSCTTY, 0),  # noqa: PLW1509 (no threads)
    )
    os.close(slave)
    return process, master


def _read_until(master: int, marker: bytes | None, quiet: float = 30) -> None:
    """Read the terminal until `marker` shows (None: until nothing came for `quiet` s)."""
    output = b""
    while marker is None or marker not in output:
        ready, _, _ = select.select([master], [], [], quiet)
        if not ready:
            if marker is None:
                return
            raise TimeoutError(f"no {marker!r} after {quiet} s")
        output += os.read(master, 65536)


def _stop(process: subprocess.Popen[bytes], master: int) -> None:
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
