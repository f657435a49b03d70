"""The `backend` fixture: one contract suite, run against every implementation."""

from __future__ import annotations

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.protocol import Backend
from .world import ACME_ROWS, HRIS, World


@pytest.fixture(params=["local"])
async def backend(request, engine) -> Backend:
    backend = LocalBackend(engine)
    yield backend
    await backend.aclose()


@pytest.fixture
async def world(backend) -> World:
    acme = await backend.create_connector("workday", "Acme Corp")
    globex = await backend.create_connector("workday", "Globex")
    hired = await backend.create_connector("greenhouse", "Hired Inc")
    await backend.append_rows(acme.token, HRIS, "employee", ACME_ROWS)
    return World(acme.token, globex.token, hired.token)
