"""`fieldmap explore` of NDJSON of any size (issue 16): first paint and resident memory then,
against a 1 KB file, jid and the limits, with the rows read when shown (core/row_sources.py).

Targets: first paint of a 200 MB (and 1 GB) NDJSON file within 1.5x of a 1 KB file's, under
200 MB resident then; any row within 50 ms.

    .venv/bin/python bench/bench_explore_ndjson.py [--runs 3] [--gigabyte] [--before SRC]

`--before SRC` also times the explore of another source tree (e.g. /work/main/src) in the
same run. jid (apt) is timed where it is installed; it reads the file on standard input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from payloads import rows
from terminal import paint

from fieldmap.core.discovery import discover_paths
from fieldmap.core.row_sources import NdjsonRows

MIB = 2**20


def write_ndjson(path: Path, size: int) -> int:
    """About `size` bytes of ~780-byte employee rows (10,000 distinct ones, ids renumbered)."""
    lines = [orjson.dumps(row) for row in rows(10_000)]
    written = count = 0
    with path.open("wb") as out:
        while written < size:
            line = lines[count % len(lines)].replace(b'"id":', b'"n":%d,"id":' % count, 1)
            out.write(line + b"\n")
            written += len(line) + 1
            count += 1
    return count


def median_paint(command: list[str], runs: int, stdin: Path | None = None) -> tuple[float, int]:
    found = []
    for _ in range(runs):
        if stdin is None:
            found.append(paint(command, b"row 1/"))
        else:
            with stdin.open("rb") as file:
                found.append(paint(command, b"[Filter]", stdin=file.fileno(), quit_keys=b"\x1b"))
    return statistics.median(t for t, _ in found), int(statistics.median(r for _, r in found))


def seconds(work, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def line_scan(path: Path) -> int:
    """The limit of indexing: count the newlines, a megabyte at a time."""
    count = 0
    with path.open("rb") as file:
        while chunk := file.read(MIB):
            count += chunk.count(b"\n")
    return count


def parse_every_line(path: Path) -> None:
    with path.open("rb") as file:
        for line in file:
            orjson.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gigabyte", action="store_true")
    parser.add_argument("--before", help="another source tree to time in the same run")
    args = parser.parse_args()
    explore = [sys.executable, "-m", "fieldmap", "explore"]
    with tempfile.TemporaryDirectory() as directory:
        files = {"1 KB": Path(directory, "small.ndjson"), "200 MB": Path(directory, "big.ndjson")}
        write_ndjson(files["1 KB"], 1_000)
        counts = {"200 MB": write_ndjson(files["200 MB"], 200 * MIB)}
        if args.gigabyte:
            files["1 GB"] = Path(directory, "huge.ndjson")
            counts["1 GB"] = write_ndjson(files["1 GB"], 1024 * MIB)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        small_paint, small_resident = median_paint([*explore, str(files["1 KB"])], args.runs)
        print(f"explore, 1 KB: {small_paint * 1000:.0f} ms, {small_resident / MIB:.0f} MiB")
        for label, path in files.items():
            if label == "1 KB":
                continue
            took, resident = median_paint([*explore, str(path)], args.runs)
            print(
                f"explore, {label} ({counts[label]:,} rows): {took * 1000:.0f} ms "
                f"({took / small_paint:.2f}x the 1 KB file), {resident / MIB:.0f} MiB resident"
            )
            if args.before:
                env_command = ["env", f"PYTHONPATH={args.before}", *explore, str(path)]
                took, resident = median_paint(env_command, 1)
                print(f"  before ({args.before}): {took * 1000:.0f} ms, {resident / MIB:.0f} MiB")
            if shutil.which("jid"):
                took, resident = median_paint(["jid"], args.runs, stdin=path)
                print(f"  jid: {took * 1000:.0f} ms, {resident / MIB:.0f} MiB")
            print(
                f"  limit, newlines counted: {seconds(lambda p=path: line_scan(p)) * 1000:.0f} ms"
            )
            print(
                f"  limit, every line parsed by orjson: {seconds(lambda p=path: parse_every_line(p), 1):.2f} s"
            )
            source = NdjsonRows(path, label)
            count_took = seconds(lambda s=source: len(s), 1)
            print(f"  NdjsonRows: counted in {count_took * 1000:.0f} ms")
            for where in (0, counts[label] // 2, counts[label] - 1):
                fresh = NdjsonRows(path, label)
                cold = seconds(lambda f=fresh, w=where: f[w], 1)
                warm = seconds(lambda s=source, w=where: s[w], 5)
                print(
                    f"  row {where + 1:,}: {cold * 1000:.1f} ms before the count, "
                    f"{warm * 1000:.2f} ms after"
                )
            print(
                f"  discovery over every row: {seconds(lambda s=source: discover_paths(s), 1):.2f} s"
            )
            subprocess.run(["sync"], check=False)


if __name__ == "__main__":
    main()
