"""The `backend` fixture: one contract suite, run against every implementation.

`remote` is the httpx client talking to a real `fieldmap serve` process (one per session);
each test gets a fresh API key, hence a fresh organization, so tests see only their own data.
"""

from __future__ import annotations

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.protocol import Backend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile

from .world import ACME_ROWS, HRIS, World


@pytest.fixture(params=["local", "remote"])
async def backend(request, tmp_path) -> Backend:
    if request.param == "local":
        backend: Backend = LocalBackend(request.getfixturevalue("engine"))
    else:
        served = request.getfixturevalue("served_api")
        backend = RemoteBackend(
            served.base_url, served.new_key(), config_file=ConfigFile(tmp_path / "config.json")
        )
    yield backend
    await backend.aclose()


@pytest.fixture
async def world(backend) -> World:
    acme = await backend.create_connector("workday", "Acme Corp")
    globex = await backend.create_connector("workday", "Globex")
    hired = await backend.create_connector("greenhouse", "Hired Inc")
    await backend.append_rows(acme.token, HRIS, "employee", ACME_ROWS)
    return World(acme.token, globex.token, hired.token)
