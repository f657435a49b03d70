"""The server answers while evaluation is busy: `/healthz` and the cheap routes need no
thread of evaluation's, and evaluation needs none of the shared pool. The pools are held
by the test itself, so nothing depends on how long an expression takes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest

from fieldmap.server.app import create_app

from .app_fixture import API_KEY

GUARD_S = 10.0  # an answer that has not come by then is waiting for a thread
PREVIEW = {"category": "HRIS", "model": "employee", "json_path": "ab", "raw_data": {"ab": 1}}


@pytest.fixture
async def served(store) -> AsyncIterator[tuple[httpx.AsyncClient, anyio.CapacityLimiter]]:
    app = create_app(store, {API_KEY: "default"})
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://fieldmap.test",
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    async with client:
        yield client, app.state.evaluation_limiter


async def holding_every_token(limiter: anyio.CapacityLimiter) -> list[object]:
    holders = [object() for _ in range(int(limiter.total_tokens))]
    for holder in holders:
        await limiter.acquire_on_behalf_of(holder)
    return holders


def releasing(limiter: anyio.CapacityLimiter, holders: list[object]) -> None:
    for holder in holders:
        limiter.release_on_behalf_of(holder)


async def test_healthz_and_evaluation_answer_while_the_shared_pool_is_full(served):
    client, _ = served
    shared = anyio.to_thread.current_default_thread_limiter()
    holders = await holding_every_token(shared)
    try:
        health = await asyncio.wait_for(client.get("/healthz"), GUARD_S)
        preview = await asyncio.wait_for(
            client.post("/api/v1/custom-fields/preview", json=PREVIEW), GUARD_S
        )
    finally:
        releasing(shared, holders)
    assert health.status_code == 200
    assert preview.status_code == 200, preview.text
    assert preview.json()["resolved_value"] == 1


async def test_busy_evaluation_leaves_the_other_routes_answering(served):
    client, evaluation = served
    holders = await holding_every_token(evaluation)
    waiting = asyncio.create_task(client.post("/api/v1/custom-fields/preview", json=PREVIEW))
    try:
        health = await asyncio.wait_for(client.get("/healthz"), GUARD_S)
        fields = await asyncio.wait_for(client.get("/api/v1/custom-fields"), GUARD_S)
        assert not waiting.done()  # evaluation waits for a thread of its own pool
    finally:
        releasing(evaluation, holders)
    assert (health.status_code, fields.status_code) == (200, 200)
    assert (await asyncio.wait_for(waiting, GUARD_S)).status_code == 200
