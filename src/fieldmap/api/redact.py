"""Request targets fit for a log line or an error message: no secret in full.

Connector tokens are secrets that travel in paths and queries; they are shortened wherever
they appear, and so is any other long opaque value (which a key pasted in the wrong place
would be). UUIDs stay whole: ids are not secrets and people need them to follow a request.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlsplit

from fieldmap.core.ids import short_token

SECRET_QUERY_KEYS = frozenset({"connector_token", "token", "api_key", "key"})
LONG_OPAQUE = re.compile(r"[A-Za-z0-9_\-.~+/=]{24,}")
UUID_TEXT = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def redact_target(path: str, query: str = "") -> str:
    """`path?query` with tokens shortened; `query` is the raw (percent-encoded) query."""
    segments = path.split("/")
    for index, segment in enumerate(segments):
        after_connectors = index > 0 and segments[index - 1] == "connectors"
        if segment and (after_connectors or _looks_secret(segment)):
            segments[index] = _short(segment)
    redacted = "/".join(segments)
    if not query:
        return redacted
    pairs = [
        f"{quote(key, safe='')}="
        + (_short(value) if key in SECRET_QUERY_KEYS or _looks_secret(value) else quote(value))
        for key, value in parse_qsl(query, keep_blank_values=True)
    ]
    return f"{redacted}?{'&'.join(pairs)}"


def redact_url(url: str) -> str:
    """`url`, absolute or not, without `user:password@` and with its tokens shortened;
    a server's URL, so anything but printable ASCII is percent-encoded."""
    try:
        parts = urlsplit(url)
    except ValueError:  # such as a broken IPv6 address
        return "(an invalid URL)"
    host = quote(parts.hostname or "", safe=":")
    host = f"[{host}]" if ":" in host else host  # IPv6
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a port number: leave it out
        port = ""
    origin = f"{quote(parts.scheme)}://{host}{port}" if parts.scheme else ""
    return origin + redact_target(quote(parts.path, safe="/%"), parts.query)


def _short(secret: str) -> str:
    # Percent-encoded so that a log line stays one line whatever the request held.
    return short_token(quote(secret, safe=""))


def _looks_secret(text: str) -> bool:
    return bool(LONG_OPAQUE.fullmatch(text)) and not UUID_TEXT.fullmatch(text)
