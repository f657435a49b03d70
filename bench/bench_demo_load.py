"""Time to open a fresh data dir: schema, catalogue and the demo (issue 2: well under 1 s).

Each run is a new interpreter, so imports and the demo's generation are counted too.

    .venv/bin/python bench/bench_demo_load.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile

SCRIPT = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from fieldmap.core.workspace import open_store
store = open_store(Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as data_dir:
            result = subprocess.run(
                [sys.executable, "-c", SCRIPT, data_dir], capture_output=True, text=True, check=True
            )
            times.append(float(result.stdout))
    print(
        f"fresh data dir with the demo: median {statistics.median(times) * 1000:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
