"""The `backend` fixture: one contract suite, run against every implementation.

`remote` is the httpx client talking to a real `fieldmap serve` process (one per session);
each test gets a fresh API key, hence a fresh organization, so tests see only their own data.
`published` is the same client on a server of the published contract only
(`published_server.py`, in-process): tests marked `extension` are skipped there, and the
connectors and rows they start from are made through the engine behind it.
"""

from __future__ import annotations

import httpx
import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.protocol import Backend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.models import NewConnector, build
from fieldmap.core.operations import NewRows

from .published_server import published_app
from .world import ACME_ROWS, HRIS, World

PUBLISHED_KEY = "published-only-key"


@pytest.fixture(params=["local", "remote", "published"])
async def backend(request, tmp_path) -> Backend:
    config_file = ConfigFile(tmp_path / "config.json")
    if request.param == "local":
        backend: Backend = LocalBackend(request.getfixturevalue("engine"))
    elif request.param == "remote":
        served = request.getfixturevalue("served_api")
        backend = RemoteBackend(served.base_url, served.new_key(), config_file=config_file)
    else:
        if request.node.get_closest_marker("extension"):
            pytest.skip("an extension of fieldmap serve: the published contract has no such route")
        app = published_app(request.getfixturevalue("engine"), PUBLISHED_KEY)
        backend = RemoteBackend(
            "http://published.test",
            PUBLISHED_KEY,
            transport=httpx.ASGITransport(app=app),
            config_file=config_file,
        )
    yield backend
    await backend.aclose()


@pytest.fixture
def seeder(request, backend) -> Backend:
    """What makes connectors and synced rows: the backend itself, or for a published-only
    server (which cannot) the engine behind it."""
    if "published" in request.node.callspec.id:
        return LocalBackend(request.getfixturevalue("engine"))
    return backend


@pytest.fixture
async def world(seeder) -> World:
    acme = await seeder.create_connector(
        build(NewConnector, integration_slug="workday", name="Acme Corp")
    )
    globex = await seeder.create_connector(
        build(NewConnector, integration_slug="workday", name="Globex")
    )
    hired = await seeder.create_connector(
        build(NewConnector, integration_slug="greenhouse", name="Hired Inc")
    )
    await seeder.append_rows(
        build(NewRows, connector_token=acme.token, category=HRIS, model="employee", rows=ACME_ROWS)
    )
    return World(acme.token, globex.token, hired.token)
