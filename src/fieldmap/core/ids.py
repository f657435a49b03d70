"""Identifiers: UUID version 7 for records, opaque URL-safe secrets for connector tokens."""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid

CONNECTOR_TOKEN_LENGTH = 64


_last_uuid7 = 0
_uuid7_lock = threading.Lock()


def uuid7() -> uuid.UUID:
    """A time-ordered UUID (RFC 9562 version 7); the stdlib has it only from Python 3.14.

    Monotonic within the process (RFC 9562, 6.2 method 2: one more than the last when the
    clock has not moved on), so that a record made later always sorts after: a client
    paging through fields in id order sees the ones created meanwhile."""
    global _last_uuid7
    unix_ms = time.time_ns() // 1_000_000
    value = (unix_ms & (2**48 - 1)) << 80 | int.from_bytes(os.urandom(10)) & (2**80 - 1)
    value = value & ~(0xF << 76) | 0x7 << 76  # version
    value = value & ~(0x3 << 62) | 0x2 << 62  # RFC 4122 variant
    with _uuid7_lock:
        # The 62 random low bits would take ~2**61 increments to carry into the variant.
        value = max(value, _last_uuid7 + 1)
        _last_uuid7 = value
    return uuid.UUID(int=value)


def url_safe_secret(nbytes: int) -> str:
    """`secrets.token_urlsafe(nbytes)` that does not start with `-` or `_`, so that it can
    follow an option on a command line (`--connector TOKEN`, `--api-key KEY`)."""
    while (secret := secrets.token_urlsafe(nbytes))[0] in "-_":
        pass
    return secret


def new_connector_token() -> str:
    """64 URL-safe characters (48 random bytes)."""
    return url_safe_secret(CONNECTOR_TOKEN_LENGTH * 3 // 4)


def short_token(secret: str) -> str:
    """A secret as people may see it in logs and messages: enough to recognise, no more."""
    return f"{secret[:6]}…"
