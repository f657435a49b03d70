"""The server's request log: one line per request, never a key or a connector token whole."""

from __future__ import annotations

import re

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.errors import NotFoundError
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import ConfigurationRequest, NewRows

HRIS = Category.HRIS


async def test_each_request_is_one_line_without_the_key_or_the_token(served_api):
    key = served_api.new_key()
    backend = RemoteBackend(served_api.base_url, key)
    try:
        connector = await backend.create_connector(
            build(NewConnector, integration_slug="workday", name="Logged Inc")
        )
        token = connector.token
        await backend.append_rows(
            build(NewRows, connector_token=token, category=HRIS, model="employee", rows=[{"id": 1}])
        )
        await backend.configuration(
            build(ConfigurationRequest, connector_token=token, category=HRIS, model="employee")
        )
        try:
            await backend.configuration(
                build(ConfigurationRequest, connector_token=token, category=HRIS, model="nope")
            )
        except NotFoundError:
            pass
    finally:
        await backend.aclose()

    log = served_api.log_path.read_text(encoding="utf-8")
    assert key not in log
    assert token not in log
    short = re.escape(token[:6]) + "…"
    assert re.search(rf"POST /api/v1/connectors/{short}/rows 200 \d+\.\dms$", log, re.MULTILINE)
    assert re.search(
        rf"GET /api/v1/custom-fields/configuration\?connector_token={short}"
        r"&category=HRIS&model=nope 404 \d+\.\dms$",
        log,
        re.MULTILINE,
    )
