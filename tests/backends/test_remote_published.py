"""The remote client on answers in the published contract's shapes: pages of fields behind
cursors, 204 deletes, raw data without fieldmap's headers (or null), no lookup routes."""

from __future__ import annotations

from uuid import uuid4

import httpx
import pytest

from fieldmap.backends import remote
from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.errors import NoRawDataError, NotFoundError, UnexpectedResponseError
from fieldmap.core.models import Category, RawDataSource, build
from fieldmap.core.operations import FieldsQuery, RawDataRequest

HRIS, LMS = Category.HRIS, Category.LMS


def field(name: str) -> dict:
    return {
        "id": str(uuid4()),
        "name": name,
        "category": "HRIS",
        "model": "employee",
        "source": "API",
        "created_at": "2026-01-01T00:00:00Z",
    }


def page(names: list[str], cursor: str | None) -> httpx.Response:
    return httpx.Response(
        200, json={"items": [field(n) for n in names], "cursor": cursor, "page_size": len(names)}
    )


class Script:
    """Answers each request with the next response, recording the requests."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]


@pytest.fixture
async def open_client():
    opened: list[RemoteBackend] = []

    def open_client(script: Script) -> RemoteBackend:
        transport = httpx.MockTransport(script)
        opened.append(RemoteBackend("https://api.example.test", "k" * 20, transport=transport))
        return opened[-1]

    yield open_client
    for backend in opened:
        await backend.aclose()


async def test_pages_are_followed_to_the_end_asking_for_the_largest_page(open_client):
    script = Script(page(["a", "b"], "c1"), page(["c"], "c2"), page([], None))
    fields = await open_client(script).list_fields(build(FieldsQuery, model="employee"))
    assert [f.name for f in fields] == ["a", "b", "c"]
    assert [r.url.params.get("cursor") for r in script.requests] == [None, "c1", "c2"]
    assert {r.url.params["page_size"] for r in script.requests} == {"200"}
    assert {r.url.params["model"] for r in script.requests} == {"employee"}


async def test_a_cursor_given_twice_is_an_error_not_a_loop(open_client):
    script = Script(page(["a"], "same"), page(["b"], "same"))
    with pytest.raises(UnexpectedResponseError, match="second time"):
        await open_client(script).list_fields()
    assert len(script.requests) == 2


async def test_pages_stop_at_the_bound(open_client, monkeypatch):
    monkeypatch.setattr(remote, "MAX_PAGES", 3)
    script = Script(*(page(["a"], f"c{n}") for n in range(10)))
    with pytest.raises(UnexpectedResponseError, match="after 3 pages"):
        await open_client(script).list_fields()
    assert len(script.requests) == 3


async def test_a_list_instead_of_a_page_is_off_the_contract(open_client):
    with pytest.raises(UnexpectedResponseError, match="off the API contract"):
        await open_client(Script(httpx.Response(200, json=[field("a")]))).list_fields()


async def test_a_204_delete_is_a_success(open_client):
    script = Script(httpx.Response(204))
    backend = open_client(script)
    await backend.delete_field(uuid4())
    await backend.delete_mapping(uuid4())
    assert [r.method for r in script.requests] == ["DELETE", "DELETE"]


async def test_raw_data_without_fieldmaps_headers_is_the_row_of_its_scope(open_client):
    backend = open_client(Script(httpx.Response(200, json={"a": 1})))
    synced = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token="t" * 64)
    )
    sample = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", integration_slug="workday")
    )
    assert (synced.data, synced.source) == ({"a": 1}, RawDataSource.CONNECTOR_SYNC)
    assert sample.source is RawDataSource.INTEGRATION_SAMPLE


async def test_raw_data_null_means_there_is_none(open_client):
    backend = open_client(Script(httpx.Response(200, content=b"null")))
    with pytest.raises(NoRawDataError, match="workday has no HRIS/employee row"):
        await backend.raw_data(
            build(RawDataRequest, category=HRIS, model="employee", integration_slug="workday")
        )


async def test_without_lookup_routes_the_builtin_catalogue_is_used_and_said(open_client):
    script = Script(httpx.Response(404, json={"detail": "Not Found"}))
    backend = open_client(script)
    assert backend.lists_lookups  # not known until asked
    models = await backend.list_models(LMS)
    assert {m.slug for m in models} >= {"course", "enrollment"}
    assert not backend.lists_lookups
    integrations = await backend.list_integrations()
    assert [i.slug for i in integrations] == [i.slug for i in builtin_catalogue().integrations]
    assert len(script.requests) == 1  # the 404 is remembered


async def test_a_lookup_that_fails_otherwise_is_not_hidden(open_client):
    with pytest.raises(UnexpectedResponseError):
        await open_client(Script(httpx.Response(200, json={"models": 3}))).list_models()
    backend = open_client(Script(httpx.Response(404, json={"detail": "no such integration"})))
    assert await backend.list_integrations() == builtin_catalogue().integrations
    with pytest.raises(NotFoundError):
        await backend.get_field(uuid4())
