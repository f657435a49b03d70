"""`fieldmap explore` of a whole JSON document (issue 16): first paint of 200 MB against a
1 KB document, and resident memory against the file's size, in one run.

    .venv/bin/python bench/bench_explore_document.py [--size-mb 200] [--runs 1] [--before SRC]

`--before SRC` also times another source tree (e.g. /work/main/src) in the same run; jid is
timed where it is installed (the document on standard input), and the limits (reading the
file; orjson's parse of it) are measured in the same run.

Target: first paint of 200 MB within 2.5 s, resident under 2x the file.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson
from payloads import rows
from terminal import paint

MIB = 2**20


def write_document(path: Path, size: int) -> None:
    """One object holding an array of ~780-byte employee records, about `size` bytes."""
    records = [orjson.dumps(row) for row in rows(10_000)]
    with path.open("wb") as out:
        out.write(b'{"report": {"generated": "2026-11-23", "workers": [')
        written = count = 0
        while written < size:
            record = records[count % len(records)]
            out.write((b"," if count else b"") + record)
            written += len(record) + 1
            count += 1
        out.write(b"]}}\n")


def median_paint(path: Path, runs: int, before: str | None = None) -> tuple[float, int]:
    command = [sys.executable, "-m", "fieldmap", "explore", str(path)]
    if before:
        command = ["env", f"PYTHONPATH={before}", *command]
    found = [paint(command, b"row 1/") for _ in range(runs)]
    return statistics.median(t for t, _ in found), int(statistics.median(r for _, r in found))


def jid_paint(path: Path) -> tuple[float, int]:
    with path.open("rb") as file:
        return paint(["jid"], b"[Filter]", stdin=file.fileno(), quit_keys=b"\x1b")


def limits(path: Path) -> tuple[float, float]:
    """Seconds to read the file, and to parse it with orjson (the collector paused)."""
    start = time.perf_counter()
    text = path.read_bytes()
    read = time.perf_counter() - start
    gc.disable()
    start = time.perf_counter()
    orjson.loads(text)
    parsed = time.perf_counter() - start
    gc.enable()
    return read, parsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--before", help="another source tree to time in the same run")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as directory:
        small, big = Path(directory, "small.json"), Path(directory, "big.json")
        write_document(small, 1_000)
        write_document(big, args.size_mb * MIB)
        small_took, small_resident = median_paint(small, args.runs)
        took, resident = median_paint(big, args.runs)
        size = big.stat().st_size
        print(f"1 KB document: {small_took * 1000:.0f} ms, {small_resident / MIB:.0f} MiB")
        print(
            f"{size / MIB:.0f} MiB document: {took:.2f} s ({took / small_took:.1f}x the 1 KB "
            f"one; target <= 2.5 s), {resident / MIB:.0f} MiB resident "
            f"({resident / size:.1f}x the file; target < 2x)"
        )
        if args.before:
            took, resident = median_paint(big, 1, args.before)
            print(f"  before ({args.before}): {took:.2f} s, {resident / MIB:.0f} MiB")
        if shutil.which("jid"):
            try:
                took, resident = jid_paint(big)
                print(f"  jid: {took:.2f} s, {resident / MIB:.0f} MiB")
            except TimeoutError:  # jid reads all of its input before it draws anything
                print("  jid: nothing drawn within 30 s")
        read, parsed = limits(big)
        print(f"  limits: read {read:.2f} s, orjson.loads {parsed:.2f} s")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
