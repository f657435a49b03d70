"""The workbench's first frame and `fieldmap serve`'s start.

Targets: the workbench paints before the backend has answered (issue 4); its first frame
within 1.3x of a minimal Textual app measured in the same run, and the row within 1.5x of
it on an existing data dir (issue 16); `fieldmap serve` starts in under 2 s (issue 3).
Each run is a new process on a new data dir, so the demo's creation counts where it
happens on first start; the minimal app runs between them, so that each shares their load.

    cd bench && ../.venv/bin/python bench_start.py [--runs 5] [--serve]
"""

from __future__ import annotations

import argparse
import compileall
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from terminal import time_to_paint, times_to_markers

import fieldmap


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):.0f} ms (best {ms[0]:.0f}, worst {ms[-1]:.0f})"


MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Static


class Minimal(App):
    BINDINGS = [("ctrl+q", "quit")]

    def compose(self):
        yield Static("Browse")
        yield Footer()


Minimal().run()
"""


def minimal_app(_data_dir: str) -> float:
    """The limit: a Textual app of one text and a footer, in the same terminal."""
    return time_to_paint([sys.executable, "-c", MINIMAL_APP], b"Browse")


def workbench_frame_and_row(data_dir: str) -> list[float]:
    """The first frame (the tabs) and the row (the demo connector's latest, in the tree)."""
    command = [sys.executable, "-m", "fieldmap", "--data-dir", data_dir]
    return times_to_markers(command, [b"Browse", b"Worker_Descriptor"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_until_healthy(data_dir: str) -> float:
    """Seconds from spawning `fieldmap serve` to its first 200 on /healthz."""
    port = free_port()
    command = [sys.executable, "-m", "fieldmap", "serve", "--port", str(port)]
    command += ["--data-dir", data_dir, "--api-key", "bench-key"]
    start = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    return time.perf_counter() - start
            except httpx.TransportError:
                time.sleep(0.01)  # polling a port that is not open yet
            if server.poll() is not None:
                raise RuntimeError("fieldmap serve exited")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--serve", action="store_true", help="also time `fieldmap serve`")
    args = parser.parse_args()
    # As an installed fieldmap has (pip compiles it): here PYTHONDONTWRITEBYTECODE may be
    # set, and the editable install would compile ~115 modules from source on every start.
    compileall.compile_dir(Path(fieldmap.__file__).parent, quiet=1)
    minimal: list[float] = []
    frames: dict[str, list[float]] = {"fresh": [], "existing": []}
    rows: dict[str, list[float]] = {"fresh": [], "existing": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as data_dir:
            minimal.append(minimal_app(data_dir))
            for kind in ("fresh", "existing"):
                frame, row = workbench_frame_and_row(data_dir)
                frames[kind].append(frame)
                rows[kind].append(row)
    limit = statistics.median(minimal)
    print(f"minimal Textual app, first frame: {summary(minimal)}")
    for kind in ("fresh", "existing"):
        for what, times, target in [("first frame", frames, 1.3), ("row", rows, 1.5)]:
            ratio = statistics.median(times[kind]) / limit
            print(
                f"workbench {what}, {kind} data dir: {summary(times[kind])}"
                f" = {ratio:.2f}x the minimal app (target <= {target}x on an existing dir)"
            )
    if args.serve:
        fresh, existing = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as data_dir:
                fresh.append(serve_until_healthy(data_dir))
                existing.append(serve_until_healthy(data_dir))
        print(
            f"fieldmap serve to a 200 on /healthz: fresh data dir {summary(fresh)};"
            f" data dir already made: {summary(existing)}"
        )


if __name__ == "__main__":
    main()
