"""When the remote client tries a request again, and how long it waits first."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# RFC 9110's idempotent methods; this API's one PATCH only sets a json_path, so it is too.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Tries of an idempotent request on connect errors, 429 and 5xx; POST gets one try."""

    attempts: int = 4
    """Tries in all, the first one included."""
    backoff: float = 0.25
    """Seconds before the first retry; doubled before each next one."""
    max_delay: float = 30.0
    """Longest wait; a server asking (Retry-After) for longer gets its error at once."""
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
    """Seconds a Retry-After header asks for (delay-seconds or an HTTP date), if readable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
