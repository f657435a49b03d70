"""The remote client on a server without the local-engine extensions, as a Bindbee server:
the real app with those routes hidden, in-process."""

from __future__ import annotations

import httpx
import pytest

from fieldmap.api import extensions, paths
from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile, KnownConnector
from fieldmap.core.errors import ExtensionUnavailableError, NotFoundError
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import ConfigurationRequest, NewRows
from fieldmap.core.row_models import CoverageRequest, RowsQuery
from fieldmap.server.app import create_app

HRIS = Category.HRIS
BASE_URL = "http://bindbee-like.test"
KEY = "key-without-extensions"
EXTENSIONS = tuple(
    paths.API_PREFIX + path
    for path in (paths.CONNECTORS, extensions.COVERAGE.path, extensions.DISCOVER_PATHS.path)
)


def without_extensions(app):
    async def bindbee_like(scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(EXTENSIONS):
            await send(
                {
                    "type": "http.response.start",
                    "status": 404,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"detail": "Not Found"}'})
            return
        await app(scope, receive, send)

    return bindbee_like


@pytest.fixture
def acme_token(engine) -> str:
    connector = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    engine.append_rows(
        NewRows(
            connector_token=connector.token,
            category=HRIS,
            model="employee",
            rows=[{"id": 1}, {"id": None}],
        )
    )
    return connector.token


@pytest.fixture
def config_file(tmp_path) -> ConfigFile:
    return ConfigFile(tmp_path / "config.json")


@pytest.fixture
async def open_remote(store, config_file):
    """Opens remote backends on the same server and config file; closes them at the end."""
    app = without_extensions(create_app(store, {KEY: "default"}))
    opened: list[RemoteBackend] = []

    def open_remote() -> RemoteBackend:
        transport = httpx.ASGITransport(app=app)
        opened.append(RemoteBackend(BASE_URL, KEY, transport=transport, config_file=config_file))
        return opened[-1]

    yield open_remote
    for backend in opened:
        await backend.aclose()


async def test_without_connector_listing_the_backend_says_so(open_remote):
    backend = open_remote()
    assert backend.lists_connectors  # not known yet: the first listing asks
    assert await backend.list_connectors() == []
    assert not backend.lists_connectors
    with pytest.raises(ExtensionUnavailableError, match="fieldmap serve"):
        await backend.create_connector(
            build(NewConnector, integration_slug="workday", name="Initech")
        )
    with pytest.raises(ExtensionUnavailableError):
        await backend.append_rows(
            build(
                NewRows, connector_token="t" * 64, category=HRIS, model="employee", rows=[{"id": 1}]
            )
        )


async def test_a_remembered_token_is_checked_kept_and_listed(open_remote, config_file, acme_token):
    backend = open_remote()
    connector = await backend.remember_connector(
        build(ConfigurationRequest, connector_token=acme_token, category=HRIS, model="employee")
    )
    assert (connector.token, connector.integration_slug) == (acme_token, "workday")
    assert connector.categories == [HRIS]
    assert connector.name == f"Workday {acme_token[:6]}…"
    assert await backend.list_connectors() == [connector]

    stored = config_file.load().known_connectors[BASE_URL]
    assert [(k.token, k.integration_slug) for k in stored] == [(acme_token, "workday")]
    later = open_remote()  # another session reads them from the config file
    assert await later.list_connectors() == [connector]


async def test_an_unknown_token_is_not_remembered(open_remote, config_file):
    backend = open_remote()
    with pytest.raises(NotFoundError):
        await backend.remember_connector(
            build(ConfigurationRequest, connector_token="u" * 64, category=HRIS, model="employee")
        )
    assert config_file.load().known_connectors == {}


async def test_coverage_falls_back_to_the_latest_row(open_remote, acme_token):
    backend = open_remote()
    result = await backend.coverage(
        CoverageRequest(connector_token=acme_token, category=HRIS, model="employee", json_path="id")
    )
    assert (result.only_latest_row, result.rows, result.null) == (True, 1, 1)


async def test_finding_out_about_the_extensions_costs_one_request(store, config_file, acme_token):
    config_file.remember_connector(
        BASE_URL, KnownConnector(token=acme_token, integration_slug="workday")
    )
    sent: list[str] = []

    async def recording(scope, receive, send):
        sent.append(scope["path"].removeprefix(paths.API_PREFIX))
        await app(scope, receive, send)

    app = without_extensions(create_app(store, {KEY: "default"}))
    transport = httpx.ASGITransport(app=recording)
    backend = RemoteBackend(BASE_URL, KEY, transport=transport, config_file=config_file)
    try:
        await backend.coverage(
            CoverageRequest(
                connector_token=acme_token, category=HRIS, model="employee", json_path="id"
            )
        )
    finally:
        await backend.aclose()
    assert sent == [paths.CONNECTORS, paths.RAW_DATA]  # the remembered tokens are not needed


async def test_path_discovery_falls_back_to_the_latest_row(open_remote, acme_token):
    backend = open_remote()
    found = await backend.discover_paths(
        RowsQuery(connector_token=acme_token, category=HRIS, model="employee")
    )
    assert (found.only_latest_row, found.rows) == (True, 1)
    assert found.paths
