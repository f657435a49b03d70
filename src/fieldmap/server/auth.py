"""API keys: which organization a request acts for, checked before anything else runs.

A key is `KEY` or `KEY:ORG`; a key without an organization belongs to the default one (the
organization of the local TUI, which holds the demo data).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

from fieldmap.core.engine import DEFAULT_ORG
from fieldmap.core.errors import ConfigError
from fieldmap.server.asgi import send_json

ORG_SCOPE_KEY = "fieldmap.org"
OPEN_PATHS = frozenset({"/healthz", "/api/v1/healthz", "/openapi.json", "/docs", "/redoc"})


def parse_keys(specs: Iterable[str]) -> dict[str, str]:
    """`{key: org}` from `KEY[:ORG]` entries (blank ones are skipped); an error names the
    entry by its position, never by its text."""
    keys: dict[str, str] = {}
    for position, spec in enumerate(specs, start=1):
        spec = spec.strip()
        if not spec:
            continue
        key, colon, org = spec.partition(":")
        if not key or (colon and not org):
            raise ConfigError(f"API key entry {position} is not KEY or KEY:ORG")
        org = org or DEFAULT_ORG
        if keys.get(key, org) != org:
            raise ConfigError(f"API key entry {position} gives a key another organization has")
        keys[key] = org
    return keys


class ApiKeys:
    """Looks a presented key up by its digest, so comparisons take the same time. An empty
    key never matches: it is what a request without a key presents."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._orgs = {_digest(key): org for key, org in keys.items()}

    def org_of(self, presented: str) -> str | None:
        if not presented:
            return None
        digest = _digest(presented)
        for known, org in self._orgs.items():
            if hmac.compare_digest(known, digest):
                return org
        return None


class ApiKeyMiddleware:
    """Answers 401 (saying nothing about the data) unless `Authorization: Bearer <key>`
    names a known key; otherwise puts the key's organization in the request scope."""

    def __init__(self, app: ASGIApp, keys: ApiKeys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        org = self.keys.org_of(_bearer(scope))
        if org is None:
            await send_json(
                send,
                401,
                {"detail": "missing or invalid API key: send Authorization: Bearer <API key>"},
                [(b"www-authenticate", b"Bearer")],
            )
            return
        scope[ORG_SCOPE_KEY] = org
        await self.app(scope, receive, send)


def _bearer(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer":
                return credentials.strip()
    return ""


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
