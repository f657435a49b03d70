"""413 for a request body over the limit: by its Content-Length, or counted as it streams."""

from __future__ import annotations

import json

import pytest

from .app_fixture import in_process_client

LIMIT = 256
PREVIEW = "/api/v1/custom-fields/preview"


def preview_body(size: int) -> bytes:
    """A valid preview request of exactly `size` bytes."""
    base = {"category": "HRIS", "model": "employee", "json_path": "[@][0]", "raw_data": ""}
    padding = size - len(json.dumps(base).encode())
    return json.dumps({**base, "raw_data": "x" * padding}).encode()


@pytest.fixture
async def limited(store):
    async with in_process_client(store, max_body_bytes=LIMIT) as client:
        yield client


async def test_a_body_at_the_limit_is_accepted(limited):
    response = await limited.post(
        PREVIEW, content=preview_body(LIMIT), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200


async def test_a_declared_length_over_the_limit_is_refused(limited):
    response = await limited.post(
        PREVIEW, content=preview_body(LIMIT + 1), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert str(LIMIT) in response.json()["detail"]


async def test_a_streamed_body_is_counted_as_it_comes(limited):
    body = preview_body(LIMIT * 4)
    chunk_size = 64
    sent_chunks = []

    async def chunks():
        for start in range(0, len(body), chunk_size):
            sent_chunks.append(start)
            yield body[start : start + chunk_size]

    response = await limited.post(
        PREVIEW, content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "content-length" not in response.request.headers  # nothing declared: counted
    # Reading stopped at the first chunk past the limit, not at the end of the body.
    assert len(sent_chunks) == LIMIT // chunk_size + 1 < len(body) // chunk_size


async def test_the_default_limit_is_10_mb(api):
    too_big = preview_body(10 * 1024 * 1024 + 1)
    response = await api.post(
        PREVIEW, content=too_big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
