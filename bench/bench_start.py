"""The workbench's first frame and `fieldmap serve`'s start.

Targets: the workbench paints before the backend has answered (issue 4; no figure given,
a minimal Textual app paints in about 240 ms here); `fieldmap serve` starts in under 2 s
(issue 3). Each run is a new process on a new data dir, so the demo's creation counts
where it happens on first start.

    cd bench && ../.venv/bin/python bench_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx
from terminal import time_to_paint


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):.0f} ms (best {ms[0]:.0f}, worst {ms[-1]:.0f})"


def workbench_first_frame(data_dir: str) -> float:
    command = [sys.executable, "-m", "fieldmap", "--data-dir", data_dir]
    return time_to_paint(command, b"Browse")  # the tabs, drawn with the first frame


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
    args = parser.parse_args()
    for name, measure in [
        ("workbench first frame (80x24 pty), fresh data dir", workbench_first_frame),
        ("fieldmap serve to a 200 on /healthz, fresh data dir", serve_until_healthy),
    ]:
        fresh, existing = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as data_dir:
                fresh.append(measure(data_dir))
                existing.append(measure(data_dir))
        print(f"{name}: {summary(fresh)}; data dir already made: {summary(existing)}")


if __name__ == "__main__":
    main()
