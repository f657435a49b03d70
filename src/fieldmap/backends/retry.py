"""When the remote client tries a request again, how long it waits first, and the httpx
transport that does it."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

# RFC 9110's idempotent methods; this API's one PATCH only sets a json_path, so it is too.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
AFTER_SERVER_ERROR = "fieldmap.after_server_error"  # a key of httpx.Response.extensions
# A key of httpx.Request.extensions: a conditional write, tried once (the caller re-reads
# before any other try, since the first one may have been done).
CONDITIONAL = "fieldmap.conditional"
# ASCII digits only: `"²".isdigit()` is true, and `float("²")` fails.
_DELAY_SECONDS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class RetryPolicy:
    """Tries of an idempotent request on connect errors, 429 and 5xx; POST gets one try."""

    attempts: int = 4
    """Tries in all, the first one included."""
    backoff: float = 0.25
    """Seconds before the first retry; doubled before each next one."""
    max_delay: float = 30.0
    """Longest wait; a server asking (Retry-After) for longer gets its error at once."""
    max_total_wait: float = 20.0
    """Longest wait across all the retries of one call; a wait that would pass it is not
    made, and the call fails with the server's error at once."""
    jitter: float = 0.2
    """Share of each backoff added or taken off at random, so that clients which failed
    together do not all come back together."""
    uniform: Callable[[], float] = random.random
    """Draws the jitter, evenly in [0, 1); tests give a fixed one."""

    def attempts_for(self, method: str) -> int:
        return self.attempts if method.upper() in IDEMPOTENT_METHODS else 1

    def backoff_delay(self, retry: int) -> float:
        """Seconds before retry number `retry` (1-based), give or take the jitter."""
        spread = 1 + self.jitter * (2 * self.uniform() - 1)
        return min(self.backoff * 2 ** (retry - 1) * spread, self.max_delay)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delay-seconds or an HTTP date), if readable:
    never negative, and `inf` for a number too large to be a float. Never raises."""
    if value is None:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        return float(value)  # inf past 1e308 digits' worth: longer than any wait
    try:
        when = parsedate_to_datetime(value)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    except (TypeError, ValueError, OverflowError, IndexError):
        return None  # unreadable, or a date without a time zone (TypeError on subtraction)
    return max(0.0, seconds) if math.isfinite(seconds) else None


class RetryingTransport(httpx.AsyncBaseTransport):
    """Tries a request again as `policy` says, around the transport that sends it: on
    connect errors and on the statuses of `RETRY_STATUSES`, after the server's Retry-After
    or the backoff, while the waits stay under `policy.max_total_wait`. The last answer
    comes back as it is (a 429 or a 5xx included), for the client to make it an error;
    `AFTER_SERVER_ERROR` in its extensions says an earlier try got a 5xx, so the server
    may have done the request already. `on_wait` hears why it waits for `server` (how a
    person knows the server), and None after."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        server: str,
        sleep: Callable[[float], Awaitable[None]],
        on_wait: Callable[[str | None], None],
    ) -> None:
        self.inner = inner
        self.server = server
        self.policy = policy
        self._sleep = sleep
        self._on_wait = on_wait

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = self.policy
        attempts = 1 if request.extensions.get(CONDITIONAL) else policy.attempts_for(request.method)
        waited = 0.0
        after_server_error = False
        for attempt in range(1, attempts + 1):
            last_try = attempt == attempts
            try:
                response = await self.inner.handle_async_request(request)
            except (httpx.ConnectError, httpx.ConnectTimeout):
                delay = policy.backoff_delay(attempt)
                if last_try or waited + delay > policy.max_total_wait:
                    raise
                waited += await self._wait(delay, "it cannot be reached")
                continue
            status = response.status_code
            if status in RETRY_STATUSES and not last_try:
                delay = retry_after(response.headers.get("Retry-After"))
                delay = policy.backoff_delay(attempt) if delay is None else delay
                if delay <= policy.max_delay and waited + delay <= policy.max_total_wait:
                    await response.aclose()
                    after_server_error = after_server_error or status >= 500
                    why = "it is rate limiting" if status == 429 else f"it failed (HTTP {status})"
                    waited += await self._wait(delay, why)
                    continue
            response.extensions[AFTER_SERVER_ERROR] = after_server_error
            return response
        raise AssertionError("unreachable: the last try returns or raises")

    async def _wait(self, seconds: float, why: str) -> float:
        self._on_wait(f"waiting {seconds:.0f} s to try {self.server} again: {why}")
        try:
            await self._sleep(seconds)
        finally:
            self._on_wait(None)
        return seconds

    async def aclose(self) -> None:
        await self.inner.aclose()
