"""The HTTP side of the remote client: one httpx client, requests bounded in time and
size, answers decoded against the contract, and every failure an error of
`fieldmap.core.errors` (httpx's exceptions translated here, HTTP statuses by
`fieldmap.api.errors`). The API key lives in the client's Authorization header and
nowhere else: never in `description`, an error message or a log line."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import TypeAdapter, ValidationError

from fieldmap.api import paths
from fieldmap.api.errors import from_http
from fieldmap.api.redact import redact_target, redact_url
from fieldmap.backends.bounded_read import send_bounded
from fieldmap.backends.retry import (
    AFTER_SERVER_ERROR,
    CONDITIONAL,
    RetryingTransport,
    RetryPolicy,
)
from fieldmap.core.errors import ConfigError, UnexpectedResponseError, UnreachableError

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
DEFAULT_DEADLINE = 60.0  # seconds for a whole call: a body dripped a byte at a time ends
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # an answer past this is refused, not read on
DEFAULT_RETRY = RetryPolicy()


class HttpApi:
    """Requests to the Custom Fields API at `base_url` (without `/api/v1`)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        key_hint: str,
        on_wait: Callable[[str | None], None],
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        # An HTTP header carries ASCII only: httpx would fail on anything else at once.
        if not api_key.strip() or not (api_key.isascii() and api_key.isprintable()):
            raise ConfigError(
                f"the API key in {key_hint} is empty or has characters other than printable ASCII"
            )
        self.base_url = base_url.rstrip("/")
        self.description = redact_url(self.base_url)
        self.key_hint = key_hint
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self.retry = retry
        self.sleep = sleep
        self._client = httpx.AsyncClient(
            base_url=self.base_url + paths.API_PREFIX,
            headers={"Authorization": f"Bearer {api_key}", "User-Agent": "fieldmap"},
            transport=RetryingTransport(
                transport or httpx.AsyncHTTPTransport(),
                retry,
                server=self.description,
                sleep=sleep,
                on_wait=on_wait,
            ),
            timeout=timeout,
        )

    async def call(
        self,
        method: str,
        path: str,
        shape: Any = None,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
        conditional: bool = False,
    ) -> Any:
        """The answer decoded as `shape` (None: the answer is not read)."""
        response = await self.request(
            method, path, params=params, body=body, conditional=conditional
        )
        return None if shape is None else self.decode(response, shape)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        conditional: bool = False,
    ) -> httpx.Response:
        """Send (the transport retries as the policy says, but a `conditional` write never),
        all within `deadline` seconds; a non-2xx answer raises its typed error."""
        params = {key: value for key, value in (params or {}).items() if value is not None}
        request = f"{method} {redact_target(paths.API_PREFIX + path, urlencode(params))}"
        try:
            async with asyncio.timeout(self.deadline):
                outgoing = self._client.build_request(
                    method,
                    path,
                    params=params,
                    json=body,
                    headers=headers,
                    extensions={CONDITIONAL: conditional},
                )
                response = await send_bounded(
                    self._client, outgoing, self.max_response_bytes, self.description
                )
        except TimeoutError:
            raise UnreachableError(
                f"{self.description} did not finish {request} within {self.deadline:g} s"
            ) from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise UnreachableError(
                f"cannot reach {self.description} ({_reason(error)}): check the URL and the network"
            ) from None
        except httpx.TimeoutException:
            raise UnreachableError(f"{self.description} did not answer {request} in time") from None
        except httpx.HTTPError as error:
            raise UnreachableError(
                f"the connection to {self.description} failed during {request} ({_reason(error)})"
            ) from None
        status = response.status_code
        if 200 <= status < 300:
            return response
        if status == 404 and method == "DELETE" and response.extensions[AFTER_SERVER_ERROR]:
            return response  # an earlier try deleted it, and its answer was lost
        raise from_http(
            status,
            _body_or_none(response),
            request,
            key_hint=self.key_hint,
            location=response.headers.get("Location"),
        )

    def json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
            raise UnexpectedResponseError(
                f"{self.description} answered {_what(response)} with a body that is not JSON "
                "fieldmap can read"
            ) from None

    def decode(self, response: httpx.Response, shape: Any) -> Any:
        return self._validate(self.json(response), shape, response)

    def _validate(self, data: Any, shape: Any, response: httpx.Response) -> Any:
        # Unknown keys are ignored: a server may well say more than the contract needs.
        try:
            return _adapter(shape).validate_python(data, extra="ignore")
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "the body"
            raise UnexpectedResponseError(
                f"{self.description} answered {_what(response)} with a body off the API "
                f"contract ({where}: {first['msg']})"
            ) from None


@lru_cache(maxsize=64)
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _body_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):
        return None


def _what(response: httpx.Response) -> str:
    request = response.request
    return f"{request.method} {redact_target(request.url.path, request.url.query.decode())}"


def _reason(error: httpx.HTTPError) -> str:
    return str(error) or type(error).__name__
