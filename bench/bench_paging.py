"""Listing custom fields through the API, page by page (issue 11): the remote client
following cursors over the served app in-process, and one keyset page in the engine.

    .venv/bin/python bench/bench_paging.py [--fields 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewCustomField
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store
from fieldmap.server.app import create_app

KEY = "bench-key"


def seeded(directory: Path, count: int) -> Store:
    store = Store.open(directory, on_create=lambda s: insert_catalogue(Engine(s), builtin_catalogue()))
    engine = Engine(store)
    with store.write():
        for n in range(count):
            engine.create_field(
                NewCustomField(name=f"field_{n}", category=Category.HRIS, model="employee")
            )
    return store


async def list_remotely(store: Store) -> float:
    transport = httpx.ASGITransport(app=create_app(store, {KEY: "default"}))
    backend = RemoteBackend("http://bench.test", KEY, transport=transport)
    try:
        start = time.perf_counter()
        fields = await backend.list_fields()
        elapsed = time.perf_counter() - start
    finally:
        await backend.aclose()
    assert len({f.id for f in fields}) == len(fields)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fields", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        store = seeded(Path(directory), args.fields)
        engine = Engine(store)
        remote = [asyncio.run(list_remotely(store)) for _ in range(args.runs)]
        last_page = engine.page_fields(page_size=200)
        cursor = None
        while last_page.cursor is not None:
            cursor = last_page.cursor
            last_page = engine.page_fields(page_size=200, cursor=cursor)
        pages = []
        for _ in range(args.runs):
            start = time.perf_counter()
            engine.page_fields(page_size=200, cursor=cursor)
            pages.append(time.perf_counter() - start)
        store.close()
    print(
        f"remote list_fields of {args.fields} fields ({-(-args.fields // 200)} pages of 200): "
        f"median {statistics.median(remote) * 1000:.0f} ms"
    )
    last = statistics.median(pages) * 1000
    print(f"engine: the last page of 200 after a cursor: median {last:.1f} ms")


if __name__ == "__main__":
    main()
