"""`fieldmap serve` throughput (issue 16): preview and configuration against a hello-world
FastAPI on the same uvicorn, and `--workers 2` against one worker, in one run.

    .venv/bin/python bench/bench_serve_throughput.py [--seconds 3] [--rows 100000]

Each server is a new process on loopback; the client is one process of httpx keep-alive
connections (`--concurrency`), so it shares the 2 cores with the server: ratios only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import httpx
import orjson
from payloads import rows

KEY = "bench-key"
HEADERS = {"Authorization": f"Bearer {KEY}"}
HELLO = """
import sys, uvicorn
from fastapi import FastAPI
app = FastAPI()
@app.get("/hello")
def hello() -> dict:
    return {"hello": "world"}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


@contextmanager
def process(command: list[str], env: dict[str, str], ready: str):
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_ready(ready)
        yield
    finally:
        server.terminate()
        server.wait(timeout=20)


async def rate(requests: list[tuple[str, str, dict]], seconds: float, concurrency: int) -> float:
    """Requests answered per second, `concurrency` at a time, cycling through `requests`."""
    done = 0
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(headers=HEADERS, timeout=30) as client:

        async def loop(offset: int) -> None:
            nonlocal done
            n = offset
            while time.perf_counter() < deadline:
                method, url, body = requests[n % len(requests)]
                answer = await client.request(method, url, **body)
                answer.raise_for_status()
                done += 1
                n += 1

        start = time.perf_counter()
        await asyncio.gather(*(loop(n) for n in range(concurrency)))
        return done / (time.perf_counter() - start)


def fieldmap_requests(base: str, rows_count: int) -> dict[str, list[tuple[str, str, dict]]]:
    api = f"{base}/api/v1"
    created = httpx.post(
        f"{api}/connectors", headers=HEADERS, json={"integration_slug": "workday", "name": "A"}
    )
    token = created.json()["token"]
    batch = 10_000
    every = rows(rows_count)
    for start in range(0, rows_count, batch):
        body = {"category": "HRIS", "model": "employee", "rows": every[start : start + batch]}
        httpx.post(
            f"{api}/connectors/{token}/rows",
            headers={**HEADERS, "Content-Type": "application/json"},
            content=orjson.dumps(body),
            timeout=120,
        ).raise_for_status()
    query = {"category": "HRIS", "model": "employee", "connector_token": token}
    preview = {**query, "json_path": "name.first"}
    return {
        "preview": [("POST", f"{api}/custom-fields/preview", {"json": preview})],
        "configuration": [("GET", f"{api}/custom-fields/configuration", {"params": query})],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; a connector of {args.rows:,} rows")
    port = free_port()
    with process(
        [sys.executable, "-c", HELLO, str(port)], dict(os.environ), f"http://127.0.0.1:{port}/hello"
    ):
        hello = {
            c: asyncio.run(rate([("GET", f"http://127.0.0.1:{port}/hello", {})], args.seconds, c))
            for c in args.concurrency
        }
    for c in args.concurrency:
        print(f"hello-world FastAPI, concurrency {c}: {hello[c]:,.0f} requests/s")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CONFIG_HOME": home, "FIELDMAP_API_KEYS": KEY}
        data = os.path.join(home, "data")
        made = False
        for workers in (1, 2):
            port = free_port()
            command = [
                sys.executable,
                "-m",
                "fieldmap",
                "serve",
                "--data-dir",
                data,
                "--port",
                str(port),
                "--workers",
                str(workers),
            ]
            base = f"http://127.0.0.1:{port}"
            with process(command, env, f"{base}/healthz"):
                if not made:
                    requests = fieldmap_requests(base, args.rows)
                    requests = {
                        name: [(m, u.replace(base, "{base}"), b) for m, u, b in r]
                        for name, r in requests.items()
                    }
                    made = True
                for name, listed in requests.items():
                    concrete = [(m, u.format(base=base), b) for m, u, b in listed]
                    for c in args.concurrency:
                        got = asyncio.run(rate(concrete, args.seconds, c))
                        print(
                            f"{name}, {workers} worker(s), concurrency {c}: {got:,.0f} "
                            f"requests/s ({hello[c] / got:.2f}x below hello-world)"
                        )
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
