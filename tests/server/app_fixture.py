"""The app in-process (httpx's ASGI transport): for tests that send many odd requests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from fieldmap.server.app import create_app

API_KEY = "in-process-key"


def in_process_client(store, **app_options) -> httpx.AsyncClient:
    app = create_app(store, {API_KEY: "default"}, **app_options)
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://fieldmap.test",
        headers={"Authorization": f"Bearer {API_KEY}"},
    )


@pytest.fixture
async def api(store) -> AsyncIterator[httpx.AsyncClient]:
    async with in_process_client(store) as client:
        yield client


async def connector_with_rows(api: httpx.AsyncClient, rows: list) -> str:
    """A new Workday connector of the key's organization holding `rows` (HRIS employee)."""
    created = await api.post(
        "/api/v1/connectors", json={"integration_slug": "workday", "name": "Acme"}
    )
    token = created.json()["token"]
    appended = await api.post(
        f"/api/v1/connectors/{token}/rows",
        json={"category": "HRIS", "model": "employee", "rows": rows},
    )
    assert appended.status_code == 200, appended.text
    return token
