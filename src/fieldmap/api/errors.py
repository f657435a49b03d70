"""fieldmap's error tree on the wire, both ways.

    NotFoundError         <-> 404 {"detail": "..."}
    ConflictError         <-> 409 {"detail": "..."}
    StaleRevisionError    <-> 412 {"detail": "..."}  (If-Match no longer current)
    RuleViolation         <-> 422 {"detail": [{loc, msg, type, ctx}, ...]}  one item a Violation
    InvalidJsonPathError  <-> 422, an item of type INVALID_JSON_PATH, ctx {expression, column}
    StoreBusyError         -> 503 (the client retries it like any 5xx)
    AuthenticationError   <-  401 / 403
    ServerError           <-  5xx, 429
    UnexpectedResponseError <- 3xx (redirects are not followed), any answer the contract
                               does not promise

The server calls `to_http`; the remote client calls `from_http`, which never raises itself.
"""

from __future__ import annotations

import math
from typing import Any

from fieldmap.api.redact import redact_url
from fieldmap.core.errors import (
    AuthenticationError,
    ConflictError,
    FieldmapError,
    InvalidJsonPathError,
    NotFoundError,
    RuleViolation,
    ServerError,
    StaleRevisionError,
    StoreBusyError,
    UnexpectedResponseError,
    Violation,
)

UNPROCESSABLE = 422
SAFE_DEPTH = 32  # an error's echo of its input goes this deep, and no deeper
NESTED_TOO_DEEPLY = "(nested too deeply to show)"
# RuleViolation (422) has a body of its own: `to_http` answers it first.
STATUS_OF: tuple[tuple[type[FieldmapError], int], ...] = (
    (NotFoundError, 404),
    (StaleRevisionError, 412),  # before ConflictError, which it is a kind of
    (ConflictError, 409),
    (StoreBusyError, 503),
)


def to_http(error: FieldmapError) -> tuple[int, dict[str, Any]]:
    """The status and JSON body that carry `error` to a client."""
    if isinstance(error, RuleViolation):
        return UNPROCESSABLE, {"detail": [violation_item(v) for v in error.violations]}
    status = next((s for kind, s in STATUS_OF if isinstance(error, kind)), 500)
    return status, {"detail": error.message}


def violation_item(violation: Violation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "loc": list(violation.loc),
        "msg": violation.msg,
        "type": violation.type,
    }
    if violation.ctx:
        item["ctx"] = json_safe(violation.ctx)
    return item


def json_safe(value: Any, depth: int = 0) -> Any:
    """`value` with everything JSON cannot carry (exceptions, NaN, objects) as text, lone
    surrogates escaped, and what nests past `SAFE_DEPTH` cut: an error's echo of its input
    must never be what fails."""
    if isinstance(value, dict | list | tuple) and depth >= SAFE_DEPTH:
        return NESTED_TOO_DEEPLY
    if isinstance(value, dict):
        return {_text(str(key)): json_safe(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item, depth + 1) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, int | float | bool):
        return value
    return _text(str(value))


def _text(text: str) -> str:
    # A lone surrogate cannot be UTF-8: it is shown as its escape, `\ud800`.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def from_http(
    status: int, body: Any, request: str, *, key_hint: str, location: str | None = None
) -> FieldmapError:
    """The error a non-2xx answer means; `request` (method and redacted path) says which
    call failed, `key_hint` where the API key came from, for a 401, and `location` where
    a 3xx sends the client."""
    message = _message(body)
    if 300 <= status < 400:
        to = f" to {redact_url(location)}" if location else ""
        return UnexpectedResponseError(
            f"the server redirected {request} (HTTP {status}){to}; fieldmap follows no "
            "redirects: check the server's URL (http or https? a path too many?)"
        )
    if status in (401, 403):
        verb = "refused" if status == 401 else "does not allow this for"
        return AuthenticationError(
            f"the server {verb} the API key (HTTP {status}); check {key_hint}"
        )
    if status == 404:
        return NotFoundError(message or f"not found: {request}")
    if status == 409:
        return ConflictError(message or f"conflict: {request}")
    if status == 412:
        # The current version is read again by the caller, which knows what it wrote.
        return StaleRevisionError(message or f"changed since it was read: {request}")
    if status == 413:
        return RuleViolation(
            Violation(("body",), message or "the request is larger than the server accepts")
        )
    if status in (400, UNPROCESSABLE):
        return _violations(body) or RuleViolation(
            Violation(("body",), message or f"the server refused {request} (HTTP {status})")
        )
    if status == 429:
        return ServerError(f"the server is rate limiting {request}; try again later", status)
    if status >= 500:
        suffix = f": {message}" if message else ""
        return ServerError(
            f"the server failed on {request} (HTTP {status}){suffix}; try again later", status
        )
    return UnexpectedResponseError(f"unexpected HTTP {status} from {request}")


def _message(body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("detail", "message", "error"):
            if isinstance(body.get(key), str):
                return body[key]
    return None


def _violations(body: Any) -> RuleViolation | None:
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list) or not detail:
        return None
    items = [_violation(item) for item in detail]
    violations = [v for v in items if v is not None]
    if len(violations) != len(items):
        return None
    path_error = next((v for v in violations if v.type == InvalidJsonPathError.code), None)
    if path_error is None:
        return RuleViolation(violations)
    column = path_error.ctx.get("column")
    return InvalidJsonPathError(
        path_error.msg,
        str(path_error.ctx.get("expression", "")),
        column if isinstance(column, int) and not isinstance(column, bool) else None,
        path_error.loc,
    )


def _violation(item: Any) -> Violation | None:
    if not isinstance(item, dict) or not isinstance(item.get("msg"), str):
        return None
    loc = item.get("loc")
    ctx = item.get("ctx")
    return Violation(
        tuple(part for part in loc if isinstance(part, str | int)) if isinstance(loc, list) else (),
        item["msg"],
        str(item.get("type", "value_error")),
        ctx if isinstance(ctx, dict) else {},
    )
