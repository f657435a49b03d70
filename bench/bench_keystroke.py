"""Keystroke to value in a real terminal (issue 16): `fieldmap explore` of the 20 MB payload
in an 160x48 pseudo-terminal, from writing an expression's last key to its value (or its
status) on the terminal. A simple path is evaluated at once when the last evaluation was
cheap; a projection or filter is debounced as before (120 ms), so never later than before.

    .venv/bin/python bench/bench_keystroke.py [--runs 3] [--before /work/main/src]

`--before SRC` times the same keys on another source tree in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import orjson
from payloads import big_payload
from terminal import key_to_text

CASES = {
    # name: (typed before, the last key, what shows once its value is there)
    "simple path": (b"report.generate", b"d", b"string"),  # the status: "✓ string · …"
    "projection": (b"report.workers[*].name.firs", b"t", b"Priya"),
    "filter": (b"report.workers[?employment.status=='leave'].emai", b"l", b"example.com"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", help="another source tree to time in the same run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory, "big.json")
        path.write_bytes(orjson.dumps(big_payload()))
        print(f"{path.stat().st_size / 2**20:.1f} MiB document")
        trees = {"this tree": []}
        if args.before:
            trees[args.before] = ["env", f"PYTHONPATH={args.before}"]
        for name, (before, key, marker) in CASES.items():
            for tree, prefix in trees.items():
                command = [*prefix, sys.executable, "-m", "fieldmap", "explore", str(path)]
                times = [
                    key_to_text(command, b"row 1/", b"4" + before, key, marker)
                    for _ in range(args.runs)
                ]
                median = statistics.median(times) * 1000
                best = min(times) * 1000
                print(f"{name} ({tree}): median {median:.0f} ms, best {best:.0f} ms", flush=True)


if __name__ == "__main__":
    main()
