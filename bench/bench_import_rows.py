"""`fieldmap import-rows` of 100,000 rows (issue 16): within 1.5x of a plain `executemany`
insert of the same bytes into the same table, measured in the same run.

    .venv/bin/python bench/bench_import_rows.py [--rows 100000] [--runs 3] [--profile]

Each run is a new `fieldmap` process on a new data dir (Python's start and imports count);
the limit is a new `python` process that reads the NDJSON lines and inserts them with one
`executemany` into a store made by fieldmap, after one `fieldmap` start made the dir.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from payloads import rows

from fieldmap.core.engine import Engine
from fieldmap.core.models import NewConnector
from fieldmap.core.store import DATABASE_FILE
from fieldmap.core.workspace import open_store

CPU: dict[str, list[float]] = {"-m": [], "-c": []}  # fieldmap's runs, the bare ones
BARE_INSERT = """
import sqlite3, sys
with open(sys.argv[2], "rb") as file:
    lines = [line.rstrip(b"\\n") for line in file if line.strip()]
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.executemany(
    "INSERT INTO synced_rows (connector_token, category, model, position, data)"
    " VALUES (?, ?, ?, ?, ?)",
    ((sys.argv[3], "HRIS", "employee", n, line) for n, line in enumerate(lines)),
)
db.execute("COMMIT")
"""


def new_store(directory: Path) -> tuple[Path, str]:
    """A data dir with its database and one Workday connector; the path and its token."""
    directory.mkdir()
    store = open_store(directory)
    connector = Engine(store).create_connector(NewConnector(integration_slug="workday", name="A"))
    store.close()
    return directory / DATABASE_FILE, connector.token


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of the command; its CPU seconds (with its forked checker) are noted."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[command[1]].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory, "rows.ndjson")
        source.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows(args.rows)))
        print(f"{args.rows:,} rows, {source.stat().st_size / 2**20:.1f} MiB of NDJSON")
        imports, bare = [], []
        for run in range(args.runs):
            database, token = new_store(Path(directory, f"ours{run}"))
            env = {**os.environ, "FIELDMAP_DATA_DIR": str(database.parent)}
            command = [sys.executable, "-m", "fieldmap", "import-rows", f"--connector={token}"]
            command += ["--category=HRIS", "--model=employee", str(source)]
            if args.profile and run == 0:
                profile = Path(directory, "import.prof")
                timed([sys.executable, "-m", "cProfile", "-o", str(profile), *command[1:]], env)
                report = f"import pstats; pstats.Stats({str(profile)!r})"
                report += ".sort_stats('cumulative').print_stats(25)"
                subprocess.run([sys.executable, "-c", report], check=True)
            imports.append(timed(command, env))
            counted = sqlite3.connect(database).execute(
                "SELECT count(*) FROM synced_rows WHERE connector_token = ?", (token,)
            )
            assert counted.fetchone()[0] == args.rows * (2 if args.profile and run == 0 else 1)
            database, token = new_store(Path(directory, f"bare{run}"))
            bare.append(
                timed([sys.executable, "-c", BARE_INSERT, str(database), str(source), token], env)
            )
        ours, limit = min(imports), min(bare)
        print(f"fieldmap import-rows: {ours:.2f} s (best of {args.runs})")
        print(f"bare executemany of the same lines: {limit:.2f} s")
        print(f"ratio: {ours / limit:.2f}x (target <= 1.5x)")
        ours_cpu, bare_cpu = min(CPU["-m"]), min(CPU["-c"])
        print(
            f"CPU (process and its children): {ours_cpu:.2f} s against {bare_cpu:.2f} s,"
            f" {ours_cpu / bare_cpu:.2f}x; load average {os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
