"""The `Backend` over HTTP, for any server of the Custom Fields API (Bindbee's, or
`fieldmap serve`).

- Every failure is an error of `fieldmap.core.errors`: httpx's exceptions are translated
  here, HTTP statuses by `fieldmap.api.errors`, answers off the contract become
  `UnexpectedResponseError`.
- Only 2xx is success: redirects are not followed (a 3xx is `UnexpectedResponseError`).
- Idempotent requests are retried with exponential backoff on connect errors, 429 (after
  Retry-After) and 5xx, by the transport (`RetryingTransport`), waiting `max_total_wait`
  in all at most and saying so in `waiting` meanwhile; POST is never retried. A DELETE
  retried after a 5xx that finds nothing (404) succeeded: the earlier try did it.
- Each call ends within `deadline` seconds, whatever the server's pace, and an answer
  over `max_response_bytes` is `ResponseTooLargeError`, not read on.
- The custom fields are listed page by page, following the cursor to the end (at most
  `MAX_PAGES`; a cursor given twice is an error, not a loop). Deletes take 200 or 204.
- Lookups (models, integrations) are an extension too: a server without them (a 404,
  remembered) gets fieldmap's built-in catalogue instead, and `lists_lookups` says so.
- The local-engine extensions come together: GET /connectors, asked once, says whether the
  server has them. Without them, `list_connectors` gives the tokens people added with
  `remember_connector` (kept in the config file), `coverage` gives the figures of the one
  latest raw row (`only_latest_row`), and creating connectors or appending rows raises
  `ExtensionUnavailableError`.
- The API key lives in the client's Authorization header and nowhere else: never in
  `description`, an error message or a log line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode
from uuid import UUID

import httpx
from pydantic import TypeAdapter, ValidationError

from fieldmap.api import paths
from fieldmap.api.errors import from_http
from fieldmap.api.redact import redact_target, redact_url
from fieldmap.api.schemas import Acknowledged, IntegrationList, ModelList, RowCount
from fieldmap.backends.bounded_read import send_bounded
from fieldmap.backends.retry import AFTER_SERVER_ERROR, RetryingTransport, RetryPolicy
from fieldmap.backends.known_connectors import KnownConnectors, as_connectors
from fieldmap.core.config import ConfigFile, KnownConnector
from fieldmap.core.coverage import coverage
from fieldmap.core.demo import catalog as builtin_catalog
from fieldmap.core.discovery import discover_paths
from fieldmap.core.errors import (
    ConfigError,
    ExtensionUnavailableError,
    NoRawDataError,
    NotFoundError,
    UnexpectedResponseError,
    UnreachableError,
)
from fieldmap.core.ids import short_token
from fieldmap.core.models import (
    Category,
    Connector,
    Coverage,
    CoverageRequest,
    CustomField,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldPage,
    FieldSource,
    FieldUpdate,
    Integration,
    Mapping,
    Model,
    NewCustomField,
    NewMapping,
    PathDiscovery,
    PreviewRequest,
    PreviewResult,
    RawData,
    RawDataSource,
    RowsQuery,
)

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
DEFAULT_DEADLINE = 60.0  # seconds for a whole call: a body dripped a byte at a time ends
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # an answer past this is refused, not read on
MAX_PAGES = 1000  # a server handing out cursors forever must not hold us forever
PAGE_SIZE = 200  # the most the published contract allows
DEFAULT_RETRY = RetryPolicy()


class RemoteBackend:
    """Serves the contract from a Custom Fields API at `base_url` (without `/api/v1`)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        key_hint: str = "your API key",
        config_file: ConfigFile | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        """`key_hint` says where the key came from, for the message of a 401;
        `config_file` keeps remembered connector tokens (None: for this session only);
        `deadline` bounds each call whole (every try, wait and byte of the answer), where
        `timeout` bounds each read."""
        # An HTTP header carries ASCII only: httpx would fail on anything else at once.
        if not api_key.strip() or not (api_key.isascii() and api_key.isprintable()):
            raise ConfigError(
                f"the API key in {key_hint} is empty or has characters other than printable ASCII"
            )
        self.base_url = base_url.rstrip("/")
        self.key_hint = key_hint
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self.waiting: str | None = None
        self.waiting_changed: Callable[[], None] | None = None
        self._known = KnownConnectors(self.base_url, config_file)
        self._extensions: bool | None = None
        self._lookups: bool | None = None
        self._client = httpx.AsyncClient(
            base_url=self.base_url + paths.API_PREFIX,
            headers={"Authorization": f"Bearer {api_key}", "User-Agent": "fieldmap"},
            transport=RetryingTransport(
                transport or httpx.AsyncHTTPTransport(),
                retry,
                server=self.description,
                sleep=sleep,
                on_wait=self._set_waiting,
            ),
            timeout=timeout,
        )

    @property
    def description(self) -> str:
        return redact_url(self.base_url)

    @property
    def lists_connectors(self) -> bool:
        """Whether the server lists connectors: known from the first `list_connectors` (or
        any extension call); assumed until then, so that the first listing asks."""
        return self._extensions is not False

    # -- lookups ---------------------------------------------------------------------------

    @property
    def lists_lookups(self) -> bool:
        """Whether the server lists models and integrations (an extension): known from the
        first listing; otherwise they come from fieldmap's built-in catalogue."""
        return self._lookups is not False

    async def list_models(self, category: Category | None = None) -> list[Model]:
        listed = await self._lookup(paths.MODELS, category, ModelList)
        models = listed.models if listed is not None else builtin_catalog().models
        return [m for m in models if category is None or m.category == category]

    async def list_integrations(self, category: Category | None = None) -> list[Integration]:
        listed = await self._lookup(paths.INTEGRATIONS, category, IntegrationList)
        integrations = listed.integrations if listed is not None else builtin_catalog().integrations
        return [i for i in integrations if category is None or category in i.categories]

    async def _lookup(self, path: str, category: Category | None, shape: Any) -> Any:
        """The server's lookup; None when it has no lookups (a 404, remembered)."""
        if self._lookups is False:
            return None
        try:
            response = await self._request("GET", path, params={"category": category})
        except NotFoundError:
            self._lookups = False
            return None
        self._lookups = True
        return self._decode(response, shape)

    # -- connectors ------------------------------------------------------------------------

    async def list_connectors(self) -> list[Connector]:
        listed = await self._listed_connectors()
        return listed if listed is not None else await self._as_connectors(await self._known.all())

    async def create_connector(self, integration_slug: str, name: str) -> Connector:
        await self._require_extensions("creating connectors")
        body = {"integration_slug": integration_slug, "name": name}
        response = await self._request("POST", paths.CONNECTORS, body=body)
        return self._decode(response, Connector)

    async def remember_connector(self, token: str, category: Category, model: str) -> Connector:
        """Check the token with the connector's configuration for (category, model); on a
        server without connector listing, keep it in the config file."""
        effective = await self.configuration(token, category, model)
        if (listed := await self._listed_connectors()) is not None:
            by_token = {c.token: c for c in listed}
            if token not in by_token:
                raise NotFoundError(f"no connector with token {short_token(token)}")
            return by_token[token]
        known = KnownConnector(token=token, integration_slug=effective.integration_slug)
        await self._known.remember(known)
        (connector,) = await self._as_connectors([known])
        return connector

    async def append_rows(
        self, connector_token: str, category: Category, model: str, rows: list[dict[str, Any]]
    ) -> int:
        await self._require_extensions("appending synced rows")
        response = await self._request(
            "POST",
            paths.CONNECTOR_ROWS.format(token=quote(connector_token, safe="")),
            body={"category": category, "model": model, "rows": rows},
        )
        return self._decode(response, RowCount).row_count

    # -- raw data, preview, coverage -------------------------------------------------------

    async def raw_data(
        self,
        category: Category,
        model: str,
        *,
        connector_token: str | None = None,
        integration_slug: str | None = None,
        row: int | None = None,
    ) -> RawData:
        params = {
            "category": category,
            "model": model,
            "connector_token": connector_token,
            "integration_slug": integration_slug,
            "row": row,
        }
        response = await self._request("GET", paths.RAW_DATA, params=params)
        data = self._json(response)
        headers = response.headers
        if row is not None and paths.RAW_DATA_ROW_HEADER not in headers:
            raise ExtensionUnavailableError(
                f"{self.description} cannot show raw row {row}: picking a row is an "
                "extension of `fieldmap serve`, and this server sends its latest row only"
            )
        if data is None:
            scope = integration_slug or f"connector {short_token(connector_token or '')}"
            raise NoRawDataError(f"{scope} has no {category}/{model} row and no sample")
        # Without the extension header, the published rule: a connector's row is synced
        # (a server falls back to the sample only for a connector that never synced).
        default = RawDataSource.CONNECTOR_SYNC if connector_token else RawDataSource.INTEGRATION_SAMPLE
        try:
            return RawData(
                data=data,
                source=RawDataSource(headers.get(paths.RAW_DATA_SOURCE_HEADER, default)),
                row_index=int(headers.get(paths.RAW_DATA_ROW_HEADER, 0)),
                row_count=int(headers.get(paths.RAW_DATA_ROWS_HEADER, 1)),
            )
        except ValueError:
            raise UnexpectedResponseError(
                f"{self.description} sent raw data with an invalid "
                f"{paths.RAW_DATA_SOURCE_HEADER} or row header"
            ) from None

    async def preview(self, request: PreviewRequest) -> PreviewResult:
        # Only the keys the request set: `raw_data` present, even null, means inline data.
        body = request.model_dump(mode="json", exclude_unset=True)
        response = await self._request("POST", paths.PREVIEW, body=body)
        return self._decode(response, PreviewResult)

    async def coverage(self, request: CoverageRequest) -> Coverage:
        if await self._has_extensions():
            return await self._post_query(paths.COVERAGE, request, Coverage)
        raw = await self._latest_row(request)
        one_row = coverage(request.json_path, [raw.data], raw.source)
        return one_row.model_copy(update={"only_latest_row": True})

    async def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        if await self._has_extensions():
            return await self._post_query(paths.PATHS, query, PathDiscovery)
        raw = await self._latest_row(query)
        return PathDiscovery(
            rows=1,
            raw_data_source=raw.source,
            only_latest_row=True,
            paths=discover_paths([raw.data]),
        )

    async def _post_query(self, path: str, query: RowsQuery, shape: Any) -> Any:
        body = query.model_dump(mode="json", exclude_unset=True)
        return self._decode(await self._request("POST", path, body=body), shape)

    async def _latest_row(self, query: RowsQuery) -> RawData:
        """What a server without the across-rows extensions can give: the one raw row."""
        return await self.raw_data(
            query.category,
            query.model,
            connector_token=query.connector_token,
            integration_slug=query.integration_slug,
        )

    # -- custom fields ---------------------------------------------------------------------

    async def list_fields(
        self,
        category: Category | None = None,
        model: str | None = None,
        source: FieldSource | None = None,
    ) -> list[CustomField]:
        """Every page, following the cursor to the end (at most `MAX_PAGES`)."""
        params: dict[str, Any] = {
            "category": category,
            "model": model,
            "source": source,
            "page_size": PAGE_SIZE,
        }
        fields: list[CustomField] = []
        seen_cursors: set[str] = set()
        for _ in range(MAX_PAGES):
            response = await self._request("GET", paths.FIELDS, params=params)
            page = self._decode(response, FieldPage)
            fields += page.items
            if page.cursor is None:
                return fields
            if page.cursor in seen_cursors:
                raise UnexpectedResponseError(
                    f"{self.description} gave a cursor of the custom fields a second time: "
                    "its pages go round in a loop"
                )
            seen_cursors.add(page.cursor)
            params = {**params, "cursor": page.cursor}
        raise UnexpectedResponseError(
            f"{self.description} still had custom fields after {MAX_PAGES} pages of "
            f"{PAGE_SIZE}: fieldmap stops there"
        )

    async def get_field(self, field_id: UUID) -> CustomFieldDetail:
        response = await self._request("GET", paths.FIELD.format(field_id=field_id))
        return self._decode(response, CustomFieldDetail)

    async def create_field(self, field: NewCustomField) -> UUID:
        body = field.model_dump(mode="json", exclude_unset=True)
        response = await self._request("POST", paths.FIELDS, body=body)
        return self._decode(response, Acknowledged).id

    async def update_field(self, field_id: UUID, update: FieldUpdate) -> CustomFieldDetail:
        body = update.model_dump(mode="json", exclude_unset=True)
        response = await self._request("PATCH", paths.FIELD.format(field_id=field_id), body=body)
        return self._decode(response, CustomFieldDetail)

    async def delete_field(self, field_id: UUID) -> None:
        await self._request("DELETE", paths.FIELD.format(field_id=field_id))  # 200 or 204

    async def create_mapping(self, mapping: NewMapping) -> UUID:
        body = mapping.model_dump(mode="json", exclude_unset=True)
        response = await self._request("POST", paths.MAPPINGS, body=body)
        return self._decode(response, Acknowledged).id

    async def list_mappings(
        self, *, integration_slug: str | None = None, connector_token: str | None = None
    ) -> list[Mapping]:
        params = {"integration_slug": integration_slug, "connector_token": connector_token}
        response = await self._request("GET", paths.MAPPINGS, params=params)
        return self._decode(response, list[Mapping])

    async def update_mapping(self, mapping_id: UUID, json_path: str) -> None:
        path = paths.MAPPING.format(mapping_id=mapping_id)
        await self._request("PATCH", path, body={"json_path": json_path})

    async def delete_mapping(self, mapping_id: UUID) -> None:
        await self._request("DELETE", paths.MAPPING.format(mapping_id=mapping_id))

    async def configuration(
        self, connector_token: str, category: Category, model: str
    ) -> EffectiveConfiguration:
        params = {"connector_token": connector_token, "category": category, "model": model}
        response = await self._request("GET", paths.CONFIGURATION, params=params)
        return self._decode(response, EffectiveConfiguration)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- extensions and remembered connectors ----------------------------------------------

    async def _listed_connectors(self) -> list[Connector] | None:
        """The server's connectors; None when it lacks the extensions (found out here, by
        the first GET /connectors, and remembered)."""
        if self._extensions is False:
            return None
        try:
            response = await self._request("GET", paths.CONNECTORS)
        except NotFoundError:
            self._extensions = False
            return None
        self._extensions = True
        return self._decode(response, list[Connector])

    async def _has_extensions(self) -> bool:
        if self._extensions is None:
            await self._listed_connectors()  # a probe: no remembered tokens to read
        return bool(self._extensions)

    async def _require_extensions(self, what: str) -> None:
        if not await self._has_extensions():
            raise ExtensionUnavailableError(
                f"{self.description} does not allow {what}: that is an extension of "
                "`fieldmap serve`, which this server is not"
            )

    async def _as_connectors(self, known: list[KnownConnector]) -> list[Connector]:
        if not any(k.integration_slug for k in known):
            return []  # no integration to look up
        return as_connectors(known, await self.list_integrations())

    # -- HTTP ------------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
    ) -> httpx.Response:
        """Send (the transport retries as the policy says), all within `deadline` seconds;
        a non-2xx answer raises its typed error."""
        params = {key: value for key, value in (params or {}).items() if value is not None}
        request = f"{method} {redact_target(paths.API_PREFIX + path, urlencode(params))}"
        try:
            async with asyncio.timeout(self.deadline):
                outgoing = self._client.build_request(method, path, params=params, json=body)
                response = await send_bounded(
                    self._client, outgoing, self.max_response_bytes, self.description
                )
        except TimeoutError:
            raise UnreachableError(
                f"{self.description} did not finish {request} within {self.deadline:g} s"
            ) from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise UnreachableError(
                f"cannot reach {self.description} ({_reason(error)}): check the URL "
                "and the network"
            ) from None
        except httpx.TimeoutException:
            raise UnreachableError(f"{self.description} did not answer {request} in time") from None
        except httpx.HTTPError as error:
            raise UnreachableError(
                f"the connection to {self.description} failed during {request} "
                f"({_reason(error)})"
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

    def _set_waiting(self, waiting: str | None) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            if self.waiting_changed is not None:
                self.waiting_changed()

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
            raise UnexpectedResponseError(
                f"{self.description} answered {_what(response)} with a body that is not JSON "
                "fieldmap can read"
            ) from None

    def _decode(self, response: httpx.Response, shape: Any) -> Any:
        return self._validate(self._json(response), shape, response)

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
