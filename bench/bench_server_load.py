"""`fieldmap serve` under heavy requests (issue 9): how long `/healthz` takes while N
heavy previews run, and how long `GET /custom-fields` waits while a connector's rows are
parsed after an append. A new server process on a new data dir for each figure.

    .venv/bin/python bench/bench_server_load.py [--heavy 10 45] [--rows 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import httpx

KEY = "bench-key"
HEADERS = {"Authorization": f"Bearer {KEY}"}
# About a second of CPU per request: a sort of 100,000 numbers by their text.
HEAVY = {
    "category": "HRIS",
    "model": "employee",
    "json_path": "sort_by(@, &to_string(@)) | length(@)",
    "raw_data": list(range(100_000)),
}


@contextmanager
def served():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CONFIG_HOME": home, "FIELDMAP_API_KEYS": KEY}
        command = [sys.executable, "-m", "fieldmap", "serve", "--port", str(port)]
        command += ["--data-dir", f"{home}/data"]
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=1).raise_for_status()
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            process.wait()


async def health_while_heavy(url: str, heavy: int) -> list[float]:
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=600) as client:
        tasks = [
            asyncio.create_task(client.post("/api/v1/custom-fields/preview", json=HEAVY))
            for _ in range(heavy)
        ]
        await asyncio.sleep(0.5)  # let them start
        times = []
        for _ in range(5):
            started = time.perf_counter()
            (await client.get("/healthz")).raise_for_status()
            times.append(time.perf_counter() - started)
        await asyncio.gather(*tasks)
    return times


async def fields_while_parsing(url: str, rows: int) -> float:
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=600) as client:
        connector = await client.post(
            "/api/v1/connectors", json={"integration_slug": "workday", "name": "Bench"}
        )
        token = connector.json()["token"]
        row = {"id": 1, "name": {"first": "Ada", "last": "Lovelace"}, "tags": ["a"] * 20}
        for _ in range(rows // 10_000):
            body = {"category": "HRIS", "model": "employee", "rows": [row] * 10_000}
            (await client.post(f"/api/v1/connectors/{token}/rows", json=body)).raise_for_status()
        query = {"category": "HRIS", "model": "employee", "connector_token": token}
        coverage = asyncio.create_task(
            client.post("/api/v1/custom-fields/coverage", json={**query, "json_path": "id"})
        )
        await asyncio.sleep(0.05)  # the coverage request is parsing the rows
        started = time.perf_counter()
        (await client.get("/api/v1/custom-fields")).raise_for_status()
        waited = time.perf_counter() - started
        await coverage
    return waited


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--heavy", type=int, nargs="+", default=[10, 45])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    for heavy in args.heavy:
        with served() as url:
            times = asyncio.run(health_while_heavy(url, heavy))
        ms = sorted(t * 1000 for t in times)
        print(
            f"/healthz with {heavy} heavy previews: median {statistics.median(ms):.0f} ms, "
            f"worst {ms[-1]:.0f} ms"
        )
    with served() as url:
        waited = asyncio.run(fields_while_parsing(url, args.rows))
    print(f"GET /custom-fields while {args.rows:,} rows are parsed: {waited * 1000:.0f} ms")


if __name__ == "__main__":
    main()
