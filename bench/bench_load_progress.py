"""`fieldmap explore`'s load of a large NDJSON file (100,000 rows of ~1.7 kB, ~170 MB), with
and without the progress it shows on a terminal (issue 10, item 11): what the progress costs.

    .venv/bin/python bench/bench_load_progress.py
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from fieldmap.core.inputs import load_rows

ROWS = 100_000


def write_rows(path: Path) -> None:
    with path.open("w") as out:
        for n in range(ROWS):
            row = {"id": n, "notes": [f"note {n}-{i} " + "x" * 60 for i in range(20)]}
            out.write(json.dumps(row) + "\n")


def timed(path: Path, progress) -> float:
    start = time.perf_counter()
    load_rows(str(path), progress=progress)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.ndjson"
        write_rows(path)
        print(f"{path.stat().st_size / 2**20:.0f} MiB, {ROWS:,} rows")
        updates: list[object] = []
        for label, progress in (
            ("without progress", None),
            ("with progress", lambda *s: updates.append(s)),
        ):
            best = min(timed(path, progress) for _ in range(3))
            print(f"load_rows {label}: {best:.2f} s (best of 3)")
        print(f"progress updates per load: {len(updates) // 3}")


if __name__ == "__main__":
    main()
