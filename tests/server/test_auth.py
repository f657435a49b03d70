"""API keys: none or a wrong one gets a 401 that says nothing of the data; each key's
organization sees only its own fields, mappings and connectors."""

from __future__ import annotations

import httpx
import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.errors import AuthenticationError, NotFoundError
from fieldmap.core.models import Category, NewConnector, NewCustomField, NewMapping, build
from fieldmap.core.operations import ConfigurationRequest, MappingChange, NewRows, RawDataRequest
from fieldmap.core.row_models import PreviewRequest
from fieldmap.server.app import create_app

HRIS = Category.HRIS
REQUESTS = [
    ("GET", "/api/v1/lookup/models", None),
    ("GET", "/api/v1/custom-fields", None),
    ("POST", "/api/v1/custom-fields", {"name": "x", "category": "HRIS", "model": "employee"}),
    ("POST", "/api/v1/custom-fields", {"not": "even valid"}),
    ("GET", "/api/v1/connectors", None),
    ("GET", "/api/v1/no-such-route", None),
]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-key", "Basic abc", "Bearer"])
@pytest.mark.parametrize(("method", "path", "body"), REQUESTS)
def test_no_key_or_a_wrong_one_is_a_bare_401(served_api, authorization, method, path, body):
    headers = {"Authorization": authorization} if authorization else {}
    response = httpx.request(method, served_api.base_url + path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert set(response.json()) == {"detail"}
    assert "API key" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/healthz", "/openapi.json"])
def test_health_and_the_api_description_need_no_key(served_api, path):
    assert httpx.get(served_api.base_url + path).status_code == 200


async def test_the_client_says_the_key_was_refused_and_never_shows_it(served_api):
    backend = RemoteBackend(served_api.base_url, "not-a-key-at-all", key_hint="$MY_KEY")
    with pytest.raises(AuthenticationError, match=r"\$MY_KEY") as caught:
        await backend.list_models()
    await backend.aclose()
    assert "not-a-key-at-all" not in str(caught.value)


async def test_two_organizations_cannot_see_each_other(served_api):
    alice = RemoteBackend(served_api.base_url, served_api.new_key())
    bob = RemoteBackend(served_api.base_url, served_api.new_key())
    try:
        connector = await alice.create_connector(
            build(NewConnector, integration_slug="workday", name="Alice's Workday")
        )
        field_id = (
            await alice.create_field(
                NewCustomField(name="guardian_mobile", category=HRIS, model="employee")
            )
        ).id
        mapping_id = (
            await alice.create_mapping(
                NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
            )
        ).id
        token = connector.token

        assert await bob.list_fields() == []
        assert await bob.list_connectors() == []
        for attempt in (
            bob.get_field(field_id),
            bob.delete_field(field_id),
            bob.update_mapping(build(MappingChange, mapping_id=mapping_id, json_path="bb")),
            bob.delete_mapping(mapping_id),
            bob.configuration(
                build(ConfigurationRequest, connector_token=token, category=HRIS, model="employee")
            ),
            bob.raw_data(
                build(RawDataRequest, category=HRIS, model="employee", connector_token=token)
            ),
            bob.append_rows(
                build(
                    NewRows,
                    connector_token=token,
                    category=HRIS,
                    model="employee",
                    rows=[{"id": 1}],
                )
            ),
            bob.preview(
                PreviewRequest(
                    connector_token=token, category=HRIS, model="employee", json_path="aa"
                )
            ),
            bob.create_mapping(
                NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
            ),
        ):
            with pytest.raises(NotFoundError):
                await attempt
        own_field = (
            await bob.create_field(
                NewCustomField(name="guardian_mobile", category=HRIS, model="employee")
            )
        ).id  # the same name in another organization: no conflict
        with pytest.raises(NotFoundError):
            await bob.create_mapping(
                NewMapping(custom_field_id=own_field, connector_token=token, json_path="aa")
            )

        (mapping,) = (await alice.get_field(field_id)).mappings
        assert mapping.json_path == "aa"  # all of Bob's attempts left Alice's data alone
    finally:
        await alice.aclose()
        await bob.aclose()


async def test_an_empty_key_never_lets_a_request_without_a_key_in(store):
    app = create_app(store, {"": "default"})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://fieldmap.test") as client:
        for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer  "}):
            response = await client.get("/api/v1/lookup/models", headers=headers)
            assert response.status_code == 401, headers
