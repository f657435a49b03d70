"""The remote client against a real loopback server that misbehaves: unreadable
Retry-After headers, a body dripped a byte at a time, answers too large to read, and
waits that would add up past the cap. The client's sleeps before retries are recorded,
not slept; the server's own pace is real, and cut by the client's deadline."""

from __future__ import annotations

import gzip
import json

import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy
from fieldmap.core.errors import ResponseTooLargeError, ServerError, UnreachableError

from .misbehaving import answer, chunked, dripping, misbehaving_server

MODELS = json.dumps(
    {"models": [{"slug": "employee", "display_name": "Employee", "category": "HRIS"}]}
).encode()


def backend_on(url: str, slept: list[float], waiting: list[str | None], **options) -> RemoteBackend:
    async def record_sleep(seconds: float) -> None:
        waiting.append(backend.waiting)  # what the UI shows while it waits
        slept.append(seconds)

    options.setdefault("retry", RetryPolicy(jitter=0))
    backend = RemoteBackend(url, "sk-test-key", sleep=record_sleep, **options)
    return backend


@pytest.mark.parametrize(
    "header",
    ["²", "-5", "1.5", "", "soon", "Thu, 01 Jan 2026 12:00:30", "Mon, 01 Jan 99999 00:00:00 GMT"],
)
async def test_an_unreadable_retry_after_falls_back_to_the_backoff(header):
    slept: list[float] = []
    async with misbehaving_server(
        answer(429, headers={"Retry-After": header}), answer(200, MODELS)
    ) as (url, received):
        backend = backend_on(url, slept, [])
        try:
            models = await backend.list_models()
        finally:
            await backend.aclose()
    assert [m.slug for m in models] == ["employee"]
    assert (slept, len(received)) == ([0.25], 2)


async def test_a_huge_retry_after_fails_at_once():
    slept: list[float] = []
    async with misbehaving_server(answer(429, headers={"Retry-After": "9" * 400})) as (url, _):
        backend = backend_on(url, slept, [])
        try:
            with pytest.raises(ServerError, match="rate limiting"):
                await backend.list_models()
        finally:
            await backend.aclose()
    assert slept == []


async def test_waits_stop_at_the_total_cap_and_say_why_meanwhile():
    slept: list[float] = []
    waiting: list[str | None] = []
    async with misbehaving_server(answer(429, headers={"Retry-After": "8"})) as (url, received):
        backend = backend_on(url, slept, waiting, retry=RetryPolicy(max_total_wait=20))
        try:
            with pytest.raises(ServerError, match="rate limiting"):
                await backend.list_models()
            after = backend.waiting
        finally:
            await backend.aclose()
    assert (slept, len(received)) == ([8.0, 8.0], 3)  # a third wait would pass 20 s
    assert waiting == [f"waiting 8 s to try {url} again: it is rate limiting"] * 2
    assert after is None


async def test_a_body_dripped_a_byte_at_a_time_ends_at_the_deadline():
    async with misbehaving_server(dripping(MODELS, every=0.2)) as (url, _):
        backend = backend_on(url, [], [], deadline=1.0)
        try:
            with pytest.raises(UnreachableError, match=r"did not finish GET .* within 1 s"):
                await backend.list_models()
        finally:
            await backend.aclose()


@pytest.mark.parametrize(
    "step",
    [
        pytest.param(answer(200, b"[" + b" " * 2000 + b"]"), id="declared-length"),
        pytest.param(chunked(b" " * 100, 30), id="chunked"),
        pytest.param(
            answer(200, gzip.compress(b" " * 5000), {"Content-Encoding": "gzip"}), id="gzip"
        ),
    ],
)
async def test_an_answer_past_the_size_cap_is_refused(step):
    async with misbehaving_server(step) as (url, _):
        backend = backend_on(url, [], [], max_response_bytes=1000)
        try:
            with pytest.raises(ResponseTooLargeError, match="over 1,000 bytes"):
                await backend.list_models()
        finally:
            await backend.aclose()


async def test_a_compressed_answer_under_the_cap_is_read():
    step = answer(200, gzip.compress(MODELS), {"Content-Encoding": "gzip"})
    async with misbehaving_server(step) as (url, _):
        backend = backend_on(url, [], [], max_response_bytes=1000)
        try:
            models = await backend.list_models()
        finally:
            await backend.aclose()
    assert [m.slug for m in models] == ["employee"]
