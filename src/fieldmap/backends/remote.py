"""The `Backend` over HTTP, for any server of the Custom Fields API (Bindbee's, or
`fieldmap serve`). Requests, their bounds and errors are `HttpApi`'s (remote_http.py);
what a server without fieldmap's extensions cannot do is made of published calls in
remote_fallbacks.py.

- Only 2xx is success: redirects are not followed (a 3xx is `UnexpectedResponseError`).
- Idempotent requests are retried with exponential backoff on connect errors, 429 (after
  Retry-After) and 5xx, by the transport (`RetryingTransport`), waiting `max_total_wait`
  in all at most and saying so in `waiting` meanwhile; POST is never retried. A DELETE
  retried after a 5xx that finds nothing (404) succeeded: the earlier try did it.
- Each call ends within `deadline` seconds, whatever the server's pace, and an answer
  over `max_response_bytes` is `ResponseTooLargeError`, not read on.
- The custom fields are listed page by page, following the cursor to the end (at most
  `MAX_PAGES`; a cursor given twice is an error, not a loop). Deletes take 200 or 204.
- Writes of a field or mapping with an expected revision are conditional
  (remote_revisions.py): `If-Match` where the server keeps revisions, else a re-read just
  before; never retried blindly after a 5xx.
- Lookups (models, integrations) are an extension too: a server without them (a 404,
  remembered) gets fieldmap's built-in catalogue instead, and `lists_lookups` says so.
- The local-engine extensions come together: GET /connectors, asked once, says whether the
  server has them. Without them, `list_connectors` gives the tokens people added with
  `remember_connector` (kept in the config file), `coverage` gives the figures of the one
  latest raw row (`only_latest_row`), `set_mapping` and `integration_configuration` are
  made of published calls, finding the data reads latest rows (remote_find.py), `impact`
  and `overrides` are computed here from each known connector's latest row
  (`only_latest_row`) (`FALLBACKS`), and creating connectors, appending rows or any other
  operation of `api.extensions`' table raises `ExtensionUnavailableError`.
  Fields' types and options are kept in the config file (remote_types.py) and put back on
  the fields the server answers; `types_kept_in` says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from fieldmap.api import paths
from fieldmap.api.extensions import BY_NAME, SET_MAPPING, Extension
from fieldmap.api.schemas import Acknowledged, IntegrationList, ModelList
from fieldmap.backends import remote_fallbacks as fallback
from fieldmap.backends import remote_find, remote_impact
from fieldmap.backends import remote_revisions as revisions
from fieldmap.backends.known_connectors import KnownConnectors, as_connectors
from fieldmap.backends.remote_extensions import Extensions, body_of
from fieldmap.backends.remote_http import (
    DEFAULT_DEADLINE,
    DEFAULT_RETRY,
    DEFAULT_TIMEOUT,
    MAX_RESPONSE_BYTES,
    HttpApi,
)
from fieldmap.backends.remote_raw_data import raw_data_of
from fieldmap.backends.remote_types import (
    KeptTypes,
    Typed,
    published_new_field,
    published_update,
)
from fieldmap.backends.retry import RetryPolicy
from fieldmap.core import operations as op
from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.config import ConfigFile, KnownConnector
from fieldmap.core.custom_fields import updated_field
from fieldmap.core.errors import (
    NotFoundError,
    UnexpectedResponseError,
)
from fieldmap.core.ids import short_token
from fieldmap.core.models import (
    Category,
    Connector,
    CustomField,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldPage,
    Integration,
    Mapping,
    Model,
    NewConnector,
    NewCustomField,
    NewMapping,
)
from fieldmap.core.row_models import (
    PreviewRequest,
    PreviewResult,
    RawData,
)
from fieldmap.core.row_texts import ObjectTexts

FALLBACKS: dict[str, Callable[..., Awaitable[Any]]] = {
    "coverage": fallback.latest_row_coverage,
    "conversions": fallback.latest_row_conversions,
    "discover_paths": fallback.latest_row_paths,
    "integration_configuration": fallback.integration_configuration,  # puts kept types back
    "search": remote_find.latest_rows_search,
    "find_record": remote_find.latest_row_record,
    "suggest_fallbacks": remote_find.latest_row_fallbacks,
    "unified_output": remote_find.latest_row_unified_output,
    "impact": remote_impact.impact,
    "overrides": remote_impact.overrides,
}
"""The table's operations a server without the extensions can still answer, made of its
published calls (each called with the backend, the request and the caller's options)."""
MAX_PAGES = 1000  # a server handing out cursors forever must not hold us forever
PAGE_SIZE = 200  # the most the published contract allows


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
        self.waiting: str | None = None
        self.waiting_changed: Callable[[], None] | None = None
        self.http = HttpApi(
            base_url,
            api_key,
            key_hint=key_hint,
            on_wait=self._set_waiting,
            transport=transport,
            timeout=timeout,
            retry=retry,
            sleep=sleep,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )
        self.base_url = self.http.base_url
        self._known = KnownConnectors(self.base_url, config_file)
        self._types = KeptTypes(self.base_url, config_file)
        self.extensions = Extensions(self.http)
        self._lookups: bool | None = None
        self.revisions = revisions.ConditionalWrites(self.http)

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        # The operations of `api.extensions`' table not written out here; a typo stays an
        # AttributeError.
        if name not in BY_NAME:
            raise AttributeError(name)
        return partial(self._extension, BY_NAME[name])

    async def _extension(
        self, extension: Extension[Any, Any], request: Any, *args: Any, **options: Any
    ) -> Any:
        """The server's extension, else the fallback made of published calls, if any.
        `args` and `options` are the caller's own objects for the fallback (impact's
        `work`), not sent."""
        if await self.extensions.available():
            return await self.extensions.call(extension, request)
        if (made_of_published := FALLBACKS.get(extension.name)) is None:
            raise self.extensions.unavailable(f"`{extension.name}`")
        return await made_of_published(self, request, *args, **options)

    @property
    def description(self) -> str:
        return self.http.description

    @property
    def key_hint(self) -> str:
        """Where the API key came from (never the key)."""
        return self.http.key_hint

    @property
    def lists_connectors(self) -> bool:
        """Whether the server lists connectors: known from the first `list_connectors` (or
        any extension call); assumed until then, so that the first listing asks."""
        return self.extensions.present is not False

    @property
    def types_kept_in(self) -> str | None:
        """Where fields' types live when the server does not keep them (None: it does, or
        it is not known yet)."""
        return self._types.where if self.extensions.present is False else None

    # -- lookups ---------------------------------------------------------------------------

    @property
    def lists_lookups(self) -> bool:
        """Whether the server lists models and integrations (an extension): known from the
        first listing; otherwise they come from fieldmap's built-in catalogue."""
        return self._lookups is not False

    async def list_models(self, category: Category | None = None) -> list[Model]:
        listed = await self._lookup(paths.MODELS, category, ModelList)
        models = listed.models if listed is not None else builtin_catalogue().models
        return [m for m in models if category is None or m.category == category]

    async def list_integrations(self, category: Category | None = None) -> list[Integration]:
        listed = await self._lookup(paths.INTEGRATIONS, category, IntegrationList)
        integrations = (
            listed.integrations if listed is not None else builtin_catalogue().integrations
        )
        return [i for i in integrations if category is None or category in i.categories]

    async def _lookup(self, path: str, category: Category | None, shape: Any) -> Any:
        """The server's lookup; None when it has no lookups (a 404, remembered)."""
        if self._lookups is False:
            return None
        try:
            listed = await self.http.call("GET", path, shape, params={"category": category})
        except NotFoundError:
            self._lookups = False
            return None
        self._lookups = True
        return listed

    # -- connectors ------------------------------------------------------------------------

    async def list_connectors(self) -> list[Connector]:
        listed = await self.extensions.listed_connectors()
        return listed if listed is not None else await self._as_connectors(await self._known.all())

    async def create_connector(self, new: NewConnector) -> Connector:
        await self.extensions.require("creating connectors")
        return await self.http.call("POST", paths.CONNECTORS, Connector, body=body_of(new))

    async def remember_connector(self, request: op.ConfigurationRequest) -> Connector:
        """Check the token with the connector's configuration for (category, model); on a
        server without connector listing, keep it in the config file."""
        token = request.connector_token
        effective = await self.configuration(request)
        if (listed := await self.extensions.listed_connectors()) is not None:
            by_token = {c.token: c for c in listed}
            if token not in by_token:
                raise NotFoundError(f"no connector with token {short_token(token)}")
            return by_token[token]
        known = KnownConnector(token=token, integration_slug=effective.integration_slug)
        await self._known.remember(known)
        (connector,) = await self._as_connectors([known])
        return connector

    async def append_rows(self, rows: op.NewRows) -> op.RowCount:
        await self.extensions.require("appending synced rows")
        if isinstance(rows.rows, ObjectTexts):
            rows.rows.settle()  # a check running aside has its verdict before they are sent
        path = paths.CONNECTOR_ROWS.format(token=quote(rows.connector_token, safe=""))
        body = rows.model_dump(mode="json", exclude={"connector_token"})
        return await self.http.call("POST", path, op.RowCount, body=body)

    # -- raw data, preview, coverage -------------------------------------------------------

    async def raw_data(self, request: op.RawDataRequest) -> RawData:
        params = request.model_dump(mode="json")
        response = await self.http.request("GET", paths.RAW_DATA, params=params)
        return raw_data_of(request, response, self.http)

    async def preview(self, request: PreviewRequest) -> PreviewResult:
        # Only the keys the request set: `raw_data` present, even null, means inline data.
        return await self.http.call("POST", paths.PREVIEW, PreviewResult, body=body_of(request))

    # -- custom fields ---------------------------------------------------------------------

    async def list_fields(self, query: op.FieldsQuery = op.EVERY_FIELD) -> list[CustomField]:
        """Every page, following the cursor to the end (at most `MAX_PAGES`)."""
        params: dict[str, Any] = {**query.model_dump(mode="json"), "page_size": PAGE_SIZE}
        fields: list[CustomField] = []
        seen_cursors: set[str] = set()
        for _ in range(MAX_PAGES):
            page = await self.http.call("GET", paths.FIELDS, FieldPage, params=params)
            fields += [revisions.revised(field) for field in page.items]
            if page.cursor is None:
                if self.extensions.present:
                    return fields
                return await self._types.typed_fields(fields)
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
        response = await self.http.request("GET", paths.FIELD.format(field_id=field_id))
        return await self._typed(self.revisions.detail(response), field_id)

    async def create_field(self, new: NewCustomField) -> CustomField:
        body, typed = body_of(new), None
        if new.type is not None and not await self.extensions.available():
            body, typed = published_new_field(new)
        # A server may answer the whole field, or only its id (`fieldmap serve` does).
        answer = await self.http.call("POST", paths.FIELDS, CustomField | Acknowledged, body=body)
        if isinstance(answer, CustomField):
            field = await self._typed(revisions.revised(answer), answer.id)
        else:
            field = await self.get_field(answer.id)
        if typed is None:
            return field
        await self._types.keep(field.id, typed)
        return await self._typed(field, field.id)

    async def update_field(self, change: op.FieldChange) -> CustomFieldDetail:
        untyped, typing = published_update(change.update)
        if typing is None or await self.extensions.available():
            detail = await self.revisions.update_field(change, self.get_field)
            return await self._typed(detail, change.field_id)
        # Checked before anything is sent; the server gets the other keys only.
        typed = updated_field(await self.get_field(change.field_id), typing)
        sent = change.model_copy(update={"update": untyped})
        detail = await self.revisions.update_field(sent, self.get_field)
        await self._types.keep(change.field_id, typed)
        return await self._typed(detail, change.field_id)

    async def delete_field(self, field_id: UUID, expected_revision: str | None = None) -> None:
        path = paths.FIELD.format(field_id=field_id)  # 200 or 204
        await self.revisions.delete(path, expected_revision, partial(self.get_field, field_id))
        await self._types.forget(field_id)

    async def _typed(self, field: Typed, field_id: UUID) -> Typed:
        """`field` with the type kept in the config file, unless the server is known to
        keep types. Before the server is asked, kept types apply: only a server that does
        not keep them has any kept."""
        return field if self.extensions.present else await self._types.typed(field, field_id)

    # -- mappings --------------------------------------------------------------------------

    async def list_mappings(self, scope: op.Scope) -> list[Mapping]:
        listed = await self.http.call("GET", paths.MAPPINGS, list[Mapping], params=body_of(scope))
        return [self.revisions.mapping(mapping) for mapping in listed]

    async def create_mapping(self, new: NewMapping) -> Mapping:
        answer = await self.http.call(
            "POST", paths.MAPPINGS, Mapping | Acknowledged, body=body_of(new)
        )
        if isinstance(answer, Mapping):
            return self.revisions.mapping(answer)
        detail = await self.get_field(new.custom_field_id)
        return next(m for m in detail.mappings if m.id == answer.id)

    async def set_mapping(self, request: op.SetMapping) -> op.SetMappingResult:
        if await self.extensions.available():
            send = partial(self.extensions.call, SET_MAPPING, request)
            return await self.revisions.set_mapping(request, send, self.list_mappings)
        return await fallback.set_mapping(self, request)

    async def update_mapping(self, change: op.MappingChange) -> Mapping:
        return await self.revisions.update_mapping(change, self.get_field)

    async def delete_mapping(self, mapping_id: UUID, expected_revision: str | None = None) -> None:
        path = paths.MAPPING.format(mapping_id=mapping_id)
        current = partial(self.revisions.read_mapping, self.get_field, mapping_id)
        await self.revisions.delete(path, expected_revision, current)

    # -- configurations --------------------------------------------------------------------

    async def configuration(self, request: op.ConfigurationRequest) -> EffectiveConfiguration:
        params = request.model_dump(mode="json")
        effective = await self.http.call(
            "GET", paths.CONFIGURATION, EffectiveConfiguration, params=params
        )
        for field in effective.fields:
            if field.mapping_id is not None:
                self.revisions.field_of_mapping[field.mapping_id] = field.custom_field_id
        effective = await self.revisions.configuration(effective, self.list_mappings)
        if self.extensions.present:
            return effective
        return await self._types.typed_configuration(effective)

    # -- remembered connectors -------------------------------------------------------------

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _as_connectors(self, known: list[KnownConnector]) -> list[Connector]:
        if not any(k.integration_slug for k in known):
            return []  # no integration to look up
        return as_connectors(known, await self.list_integrations())

    def _set_waiting(self, waiting: str | None) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            if self.waiting_changed is not None:
                self.waiting_changed()
