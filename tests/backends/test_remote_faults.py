"""The remote client under injected faults (httpx.MockTransport): each failure becomes its
typed error with a message a person can act on, and retries stop at their limit."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from uuid import uuid4

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy, retry_after
from fieldmap.core.errors import (
    AuthenticationError,
    ConfigError,
    ConflictError,
    ExtensionUnavailableError,
    InvalidJsonPathError,
    NotFoundError,
    RuleViolation,
    ServerError,
    UnexpectedResponseError,
    UnreachableError,
)
from fieldmap.core.models import Category, NewCustomField, NewMapping, build
from fieldmap.core.operations import ConfigurationRequest, MappingChange, RawDataRequest

API_KEY = "sk-test-0123456789abcdef"
HRIS = Category.HRIS
NEW_FIELD = NewCustomField(name="badge_id", category=HRIS, model="employee")


class Server:
    """Answers requests from a script of responses (or exceptions), recording each."""

    def __init__(self, *script: httpx.Response | Exception | Callable) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step(request) if callable(step) else step


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
async def client(slept) -> AsyncIterator[Callable[..., RemoteBackend]]:
    """Opens backends on a scripted server, recording their sleeps (no jitter unless a test
    asks for it), and closes them all at the end."""
    opened: list[RemoteBackend] = []

    async def record_sleep(seconds: float) -> None:
        slept.append(seconds)

    def open_client(server: Server, **options) -> RemoteBackend:
        options.setdefault("retry", RetryPolicy(jitter=0))
        backend = RemoteBackend(
            "https://api.example.test",
            API_KEY,
            key_hint="the environment variable FIELDMAP_API_KEY",
            transport=httpx.MockTransport(server),
            sleep=record_sleep,
            **options,
        )
        opened.append(backend)
        return backend

    yield open_client
    for backend in opened:
        await backend.aclose()


def models_body() -> dict:
    return {"models": [{"slug": "employee", "display_name": "Employee", "category": "HRIS"}]}


def error_text(error: Exception) -> str:
    return f"{error} {error!r} {getattr(error, 'message', '')}"


async def test_connect_errors_are_retried_with_backoff_then_unreachable(client, slept):
    server = Server(httpx.ConnectError("[Errno 111] Connection refused"))
    backend = client(server)
    with pytest.raises(UnreachableError, match="cannot reach https://api.example.test"):
        await backend.list_models()
    assert len(server.requests) == 4
    assert slept == [0.25, 0.5, 1.0]


async def test_a_closed_loopback_port_is_unreachable():
    from tests.served import free_port

    backend = RemoteBackend(
        f"http://127.0.0.1:{free_port()}", API_KEY, retry=RetryPolicy(attempts=1)
    )
    try:
        with pytest.raises(UnreachableError, match="cannot reach http://127.0.0.1"):
            await backend.list_models()
    finally:
        await backend.aclose()


async def test_a_post_is_never_retried(client, slept):
    server = Server(httpx.ConnectError("refused"))
    with pytest.raises(UnreachableError):
        await client(server).create_field(NEW_FIELD)
    assert (len(server.requests), slept) == (1, [])


async def test_a_read_timeout_says_the_server_did_not_answer(client):
    server = Server(httpx.ReadTimeout("timed out"))
    with pytest.raises(UnreachableError, match="did not answer GET /api/v1/lookup/models"):
        await client(server).list_models()
    assert len(server.requests) == 1  # the server may be busy with it: not sent again


async def test_429_waits_as_long_as_retry_after_says(client, slept):
    server = Server(
        httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json=models_body())
    )
    assert [m.slug for m in await client(server).list_models()] == ["employee"]
    assert slept == [3.0]


async def test_a_retry_after_past_the_longest_wait_fails_at_once(client, slept):
    server = Server(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(ServerError, match="rate limiting") as caught:
        await client(server).list_models()
    assert (caught.value.status, len(server.requests), slept) == (429, 1, [])


async def test_5xx_is_retried_up_to_the_limit_then_a_server_error(client, slept):
    server = Server(httpx.Response(503, json={"detail": "maintenance"}))
    backend = client(server, retry=RetryPolicy(attempts=3, backoff=0.1, jitter=0))
    with pytest.raises(ServerError, match=r"HTTP 503\): maintenance") as caught:
        await backend.list_models()
    assert (caught.value.status, len(server.requests)) == (503, 3)
    assert slept == [0.1, 0.2]


async def test_backoff_waits_are_spread_by_the_jitter(client, slept):
    lowest, highest = RetryPolicy(uniform=lambda: 0.0), RetryPolicy(uniform=lambda: 0.999)
    assert [lowest.backoff_delay(retry) for retry in (1, 2, 3)] == [0.2, 0.4, 0.8]
    assert highest.backoff_delay(1) == pytest.approx(0.3, abs=1e-3)
    assert RetryPolicy(max_delay=1.0, uniform=lambda: 0.999).backoff_delay(10) == 1.0
    assert 0.2 <= RetryPolicy().backoff_delay(1) <= 0.3

    server = Server(httpx.Response(503), httpx.Response(503), httpx.Response(200, json={}))
    await client(server, retry=lowest).delete_mapping(uuid4())
    assert slept == [0.2, 0.4]


async def test_a_5xx_then_success_is_transparent(client):
    server = Server(httpx.Response(500), httpx.Response(200, json=models_body()))
    assert len(await client(server).list_models()) == 1


async def test_a_patch_is_retried_with_the_same_body(client):
    mapping_id = uuid4()
    answer = {  # the whole mapping, changed
        "id": str(mapping_id),
        "custom_field_id": str(uuid4()),
        "integration_slug": "workday",
        "json_path": "a.b",
        "created_at": "2026-01-01T00:00:00Z",
    }
    server = Server(httpx.Response(503), httpx.Response(200, json=answer))
    changed = await client(server).update_mapping(
        build(MappingChange, mapping_id=mapping_id, json_path="a.b")
    )
    assert (changed.id, changed.json_path) == (mapping_id, "a.b")
    assert [request.method for request in server.requests] == ["PATCH", "PATCH"]
    assert {request.content for request in server.requests} == {b'{"json_path":"a.b"}'}


async def test_a_patch_that_finds_nothing_on_its_retry_is_not_found(client):
    server = Server(httpx.Response(502), httpx.Response(404, json={"detail": "no mapping"}))
    with pytest.raises(NotFoundError, match="no mapping"):
        await client(server).update_mapping(
            build(MappingChange, mapping_id=uuid4(), json_path="a.b")
        )


async def test_a_delete_whose_retry_finds_nothing_had_succeeded(client):
    # The first try deleted it, a proxy lost the answer (502), the retry finds nothing.
    for delete in ("delete_mapping", "delete_field"):
        server = Server(httpx.Response(502), httpx.Response(404, json={"detail": "gone"}))
        await getattr(client(server), delete)(uuid4())
        assert [request.method for request in server.requests] == ["DELETE", "DELETE"]


@pytest.mark.parametrize(
    "first_try",
    [
        httpx.ConnectError("refused"),  # never sent: the thing was not there at all
        httpx.Response(429),  # refused unread
        httpx.Response(404, json={"detail": "no mapping"}),
    ],
)
async def test_a_delete_of_something_that_was_not_there_is_not_found(client, first_try):
    server = Server(first_try, httpx.Response(404, json={"detail": "no mapping"}))
    with pytest.raises(NotFoundError, match="no mapping"):
        await client(server).delete_mapping(uuid4())


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_is_not_followed_and_says_where_it_led(client, status):
    token = "T" * 40
    location = f"https://user:pw@other.example.test/api/v1/custom-fields?connector_token={token}"
    server = Server(httpx.Response(status, headers={"Location": location}))
    with pytest.raises(UnexpectedResponseError) as caught:
        await client(server).delete_field(uuid4())
    message = caught.value.message
    assert "redirected DELETE /api/v1/custom-fields/" in message
    assert f"(HTTP {status}) to https://other.example.test/api/v1/custom-fields" in message
    assert token not in message and "pw" not in message
    assert len(server.requests) == 1


async def test_a_redirect_without_a_location_is_unexpected_too(client):
    with pytest.raises(UnexpectedResponseError, match=r"redirected GET .*\(HTTP 302\);"):
        await client(Server(httpx.Response(302))).list_models()


async def test_a_failed_post_gets_one_try(client):
    server = Server(httpx.Response(500, text="oops"))
    with pytest.raises(ServerError):
        await client(server).create_field(NEW_FIELD)
    assert len(server.requests) == 1


async def test_401_says_where_the_key_came_from_never_the_key(client):
    server = Server(httpx.Response(401, json={"detail": f"bad key {API_KEY}"}))
    with pytest.raises(AuthenticationError, match="FIELDMAP_API_KEY") as caught:
        await client(server).list_models()
    assert API_KEY not in error_text(caught.value)
    assert server.requests[0].headers["Authorization"] == f"Bearer {API_KEY}"


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, {"detail": "no custom field 123"}, NotFoundError),
        (409, {"detail": "badge_id exists"}, ConflictError),
        (404, None, NotFoundError),
        (418, {"detail": "teapot"}, UnexpectedResponseError),
    ],
)
async def test_statuses_become_their_errors(client, status, body, error):
    server = Server(httpx.Response(status, json=body))
    with pytest.raises(error) as caught:
        await client(server).get_field(uuid4())
    if body and status != 418:
        assert caught.value.message == body["detail"]


async def test_a_422_names_the_field_and_the_servers_message(client):
    detail = [{"loc": ["body", "name"], "msg": "String should match pattern", "type": "x"}]
    server = Server(httpx.Response(422, json={"detail": detail}))
    with pytest.raises(RuleViolation) as caught:
        await client(server).create_field(NEW_FIELD)
    (violation,) = caught.value.violations
    assert (violation.loc, violation.msg) == (("body", "name"), "String should match pattern")
    assert str(caught.value) == "name: String should match pattern"


async def test_an_invalid_json_path_comes_back_with_its_column(client):
    detail = [
        {
            "loc": ["body", "json_path"],
            "msg": "unexpected token",
            "type": "INVALID_JSON_PATH",
            "ctx": {"expression": "a.[", "column": 2},
        }
    ]
    server = Server(httpx.Response(422, json={"detail": detail}))
    mapping = NewMapping(custom_field_id=uuid4(), integration_slug="workday", json_path="a.[")
    with pytest.raises(InvalidJsonPathError) as caught:
        await client(server).create_mapping(mapping)
    assert (caught.value.column, caught.value.expression, caught.value.code) == (
        2,
        "a.[",
        "INVALID_JSON_PATH",
    )


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>gateway</html>"),
        httpx.Response(200, content=b"\xff\xfe{"),
        httpx.Response(200, json={"models": "not a list"}),
        httpx.Response(200, json=[1, 2]),
    ],
)
async def test_malformed_bodies_are_unexpected_responses(client, response):
    with pytest.raises(UnexpectedResponseError, match="/api/v1/lookup/models"):
        await client(Server(response)).list_models()


async def test_raw_data_with_an_unknown_source_header_is_unexpected(client):
    server = Server(httpx.Response(200, json={"a": 1}, headers={"X-Raw-Data-Source": "cache"}))
    with pytest.raises(UnexpectedResponseError, match="X-Raw-Data-Source"):
        await client(server).raw_data(
            build(RawDataRequest, category=HRIS, model="employee", integration_slug="workday")
        )


async def test_raw_data_of_a_row_from_a_server_without_rows_is_unavailable(client):
    server = Server(
        httpx.Response(200, json={"a": 1}, headers={"X-Raw-Data-Source": "connector_sync"})
    )
    with pytest.raises(ExtensionUnavailableError, match="cannot show raw row 3"):
        await client(server).raw_data(
            build(
                RawDataRequest, category=HRIS, model="employee", integration_slug="workday", row=3
            )
        )
    latest = await client(server).raw_data(
        build(RawDataRequest, category=HRIS, model="employee", integration_slug="workday")
    )
    assert (latest.data, latest.row_index, latest.row_count) == ({"a": 1}, 0, 1)


DEEP = b"[" * 100_000 + b"]" * 100_000


async def test_a_body_nested_too_deep_is_unexpected(client):
    with pytest.raises(UnexpectedResponseError, match="not JSON fieldmap can read"):
        await client(Server(httpx.Response(200, content=DEEP))).list_models()
    with pytest.raises(ServerError, match="HTTP 500"):
        await client(Server(httpx.Response(500, content=DEEP))).create_field(NEW_FIELD)


async def test_unknown_keys_in_answers_are_ignored(client):
    body = models_body()
    body["models"][0]["icon"] = "x.png"
    body["next"] = None
    assert len(await client(Server(httpx.Response(200, json=body))).list_models()) == 1


async def test_tokens_in_error_messages_are_shortened(client):
    token = "T" * 64
    server = Server(httpx.Response(500))
    with pytest.raises(ServerError) as caught:
        await client(server, retry=RetryPolicy(attempts=1)).configuration(
            build(ConfigurationRequest, connector_token=token, category=HRIS, model="employee")
        )
    assert token not in error_text(caught.value)
    assert "TTTTTT…" in caught.value.message


async def test_the_description_shows_no_credentials():
    backend = RemoteBackend("https://user:pw@api.example.test:8443/base/", API_KEY)
    assert backend.description == "https://api.example.test:8443/base"
    await backend.aclose()


@pytest.mark.parametrize("key", ["", "  ", "two\nlines", "clé-secrète", "ключ"])
def test_an_unusable_key_is_refused_before_any_request(key):
    with pytest.raises(ConfigError, match="printable ASCII") as caught:
        RemoteBackend("https://api.example.test", key, key_hint="$MY_KEY")
    assert "$MY_KEY" in caught.value.message
    assert not key.strip() or key not in error_text(caught.value)


def test_retry_after_reads_seconds_and_http_dates():
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after("7", now) == 7.0
    assert retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_retry_after_never_raises_and_is_never_negative(header):
    from datetime import UTC, datetime

    seconds = retry_after(header, datetime(2026, 1, 1, tzinfo=UTC))
    assert seconds is None or seconds >= 0
