"""The remote client under injected faults (httpx.MockTransport): each failure becomes its
typed error with a message a person can act on, and retries stop at their limit."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import httpx
import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy, retry_after
from fieldmap.core.errors import (
    AuthenticationError,
    ConfigError,
    ConflictError,
    InvalidJsonPathError,
    NotFoundError,
    RuleViolation,
    ServerError,
    UnexpectedResponseError,
    UnreachableError,
)
from fieldmap.core.models import Category, NewCustomField, NewMapping

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


def client(server: Server, slept: list[float], **options) -> RemoteBackend:
    async def record_sleep(seconds: float) -> None:
        slept.append(seconds)

    return RemoteBackend(
        "https://api.example.test",
        API_KEY,
        key_hint="the environment variable FIELDMAP_API_KEY",
        transport=httpx.MockTransport(server),
        sleep=record_sleep,
        **options,
    )


def models_body() -> dict:
    return {"models": [{"slug": "employee", "display_name": "Employee", "category": "HRIS"}]}


def error_text(error: Exception) -> str:
    return f"{error} {error!r} {getattr(error, 'message', '')}"


async def test_connect_errors_are_retried_with_backoff_then_unreachable(slept):
    server = Server(httpx.ConnectError("[Errno 111] Connection refused"))
    backend = client(server, slept)
    with pytest.raises(UnreachableError, match="cannot reach https://api.example.test"):
        await backend.list_models()
    assert len(server.requests) == 4
    assert slept == [0.25, 0.5, 1.0]


async def test_a_closed_loopback_port_is_unreachable(slept):
    from tests.served import free_port

    backend = RemoteBackend(
        f"http://127.0.0.1:{free_port()}", API_KEY, retry=RetryPolicy(attempts=1)
    )
    with pytest.raises(UnreachableError, match="cannot reach http://127.0.0.1"):
        await backend.list_models()
    await backend.aclose()


async def test_a_post_is_never_retried(slept):
    server = Server(httpx.ConnectError("refused"))
    with pytest.raises(UnreachableError):
        await client(server, slept).create_field(NEW_FIELD)
    assert (len(server.requests), slept) == (1, [])


async def test_a_read_timeout_says_the_server_did_not_answer(slept):
    server = Server(httpx.ReadTimeout("timed out"))
    with pytest.raises(UnreachableError, match="did not answer GET /api/v1/lookup/models"):
        await client(server, slept).list_models()
    assert len(server.requests) == 1  # the server may be busy with it: not sent again


async def test_429_waits_as_long_as_retry_after_says(slept):
    server = Server(
        httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json=models_body())
    )
    assert [m.slug for m in await client(server, slept).list_models()] == ["employee"]
    assert slept == [3.0]


async def test_a_retry_after_past_the_longest_wait_fails_at_once(slept):
    server = Server(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(ServerError, match="rate limiting") as caught:
        await client(server, slept).list_models()
    assert (caught.value.status, len(server.requests), slept) == (429, 1, [])


async def test_5xx_is_retried_up_to_the_limit_then_a_server_error(slept):
    server = Server(httpx.Response(503, json={"detail": "maintenance"}))
    backend = client(server, slept, retry=RetryPolicy(attempts=3, backoff=0.1))
    with pytest.raises(ServerError, match=r"HTTP 503\): maintenance") as caught:
        await backend.list_models()
    assert (caught.value.status, len(server.requests)) == (503, 3)
    assert slept == [0.1, 0.2]


async def test_a_5xx_then_success_is_transparent(slept):
    server = Server(httpx.Response(500), httpx.Response(200, json=models_body()))
    assert len(await client(server, slept).list_models()) == 1


async def test_a_failed_post_gets_one_try(slept):
    server = Server(httpx.Response(500, text="oops"))
    with pytest.raises(ServerError):
        await client(server, slept).create_field(NEW_FIELD)
    assert len(server.requests) == 1


async def test_401_says_where_the_key_came_from_never_the_key(slept):
    server = Server(httpx.Response(401, json={"detail": f"bad key {API_KEY}"}))
    with pytest.raises(AuthenticationError, match="FIELDMAP_API_KEY") as caught:
        await client(server, slept).list_models()
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
async def test_statuses_become_their_errors(slept, status, body, error):
    server = Server(httpx.Response(status, json=body))
    with pytest.raises(error) as caught:
        await client(server, slept).get_field(uuid4())
    if body and status != 418:
        assert caught.value.message == body["detail"]


async def test_a_422_names_the_field_and_the_servers_message(slept):
    detail = [{"loc": ["body", "name"], "msg": "String should match pattern", "type": "x"}]
    server = Server(httpx.Response(422, json={"detail": detail}))
    with pytest.raises(RuleViolation) as caught:
        await client(server, slept).create_field(NEW_FIELD)
    (violation,) = caught.value.violations
    assert (violation.loc, violation.msg) == (("body", "name"), "String should match pattern")
    assert str(caught.value) == "name: String should match pattern"


async def test_an_invalid_json_path_comes_back_with_its_column(slept):
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
        await client(server, slept).create_mapping(mapping)
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
async def test_malformed_bodies_are_unexpected_responses(slept, response):
    with pytest.raises(UnexpectedResponseError, match="/api/v1/lookup/models"):
        await client(Server(response), slept).list_models()


async def test_raw_data_without_its_source_header_is_unexpected(slept):
    server = Server(httpx.Response(200, json={"a": 1}))
    with pytest.raises(UnexpectedResponseError, match="X-Raw-Data-Source"):
        await client(server, slept).raw_data(HRIS, "employee", integration_slug="workday")


async def test_unknown_keys_in_answers_are_ignored(slept):
    body = models_body()
    body["models"][0]["icon"] = "x.png"
    body["next"] = None
    assert len(await client(Server(httpx.Response(200, json=body)), slept).list_models()) == 1


async def test_paginated_field_lists_are_followed_to_the_end(slept):
    def field(name: str) -> dict:
        return {
            "id": str(uuid4()),
            "name": name,
            "category": "HRIS",
            "model": "employee",
            "source": "API",
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "mapping_counts": {"total": 0},
        }

    server = Server(
        httpx.Response(200, json={"items": [field("a")], "cursor": "c1", "page_size": 1}),
        httpx.Response(200, json={"items": [field("b")], "cursor": None, "page_size": 1}),
    )
    assert [f.name for f in await client(server, slept).list_fields()] == ["a", "b"]
    assert server.requests[1].url.params["cursor"] == "c1"


async def test_tokens_in_error_messages_are_shortened(slept):
    token = "T" * 64
    server = Server(httpx.Response(500))
    with pytest.raises(ServerError) as caught:
        await client(server, slept, retry=RetryPolicy(attempts=1)).configuration(
            token, HRIS, "employee"
        )
    assert token not in error_text(caught.value)
    assert "TTTTTT…" in caught.value.message


def test_the_description_shows_no_credentials():
    backend = RemoteBackend("https://user:pw@api.example.test:8443/base/", API_KEY)
    assert backend.description == "https://api.example.test:8443/base"


@pytest.mark.parametrize("key", ["", "  ", "two\nlines"])
def test_an_unusable_key_is_refused_before_any_request(key):
    with pytest.raises(ConfigError):
        RemoteBackend("https://api.example.test", key)


def test_retry_after_reads_seconds_and_http_dates():
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after("7", now) == 7.0
    assert retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None
