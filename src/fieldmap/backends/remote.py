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
  (`only_latest_row`), and creating connectors or appending rows raises
  `ExtensionUnavailableError`.
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
from fieldmap.api.schemas import Acknowledged, IntegrationList, ModelList
from fieldmap.backends import remote_fallbacks as fallback
from fieldmap.backends import remote_find, remote_impact
from fieldmap.backends import remote_revisions as revisions
from fieldmap.backends.known_connectors import KnownConnectors, as_connectors
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
from fieldmap.core import find_operations as find
from fieldmap.core import operations as op
from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.columns import Work
from fieldmap.core.config import ConfigFile, KnownConnector
from fieldmap.core.custom_fields import updated_field
from fieldmap.core.errors import (
    ExtensionUnavailableError,
    NotFoundError,
    StaleRevisionError,
    UnexpectedResponseError,
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
    Integration,
    Mapping,
    Model,
    NewConnector,
    NewCustomField,
    NewMapping,
    PathDiscovery,
    PreviewRequest,
    PreviewResult,
    RawData,
    RowsQuery,
)
from fieldmap.core.operations_impact import (
    ImpactRequest,
    ImpactResult,
    OverridesReport,
    OverridesRequest,
)

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
        self._extensions: bool | None = None
        self._lookups: bool | None = None
        self.revisions = revisions.ConditionalWrites(self.http)

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
        return self._extensions is not False

    @property
    def types_kept_in(self) -> str | None:
        """Where fields' types live when the server does not keep them (None: it does, or
        it is not known yet)."""
        return self._types.where if self._extensions is False else None

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
        listed = await self._listed_connectors()
        return listed if listed is not None else await self._as_connectors(await self._known.all())

    async def create_connector(self, new: NewConnector) -> Connector:
        await self._require_extensions("creating connectors")
        return await self.http.call("POST", paths.CONNECTORS, Connector, body=_body(new))

    async def remember_connector(self, request: op.ConfigurationRequest) -> Connector:
        """Check the token with the connector's configuration for (category, model); on a
        server without connector listing, keep it in the config file."""
        token = request.connector_token
        effective = await self.configuration(request)
        if (listed := await self._listed_connectors()) is not None:
            by_token = {c.token: c for c in listed}
            if token not in by_token:
                raise NotFoundError(f"no connector with token {short_token(token)}")
            return by_token[token]
        known = KnownConnector(token=token, integration_slug=effective.integration_slug)
        await self._known.remember(known)
        (connector,) = await self._as_connectors([known])
        return connector

    async def append_rows(self, rows: op.NewRows) -> op.RowCount:
        await self._require_extensions("appending synced rows")
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
        return await self.http.call("POST", paths.PREVIEW, PreviewResult, body=_body(request))

    async def coverage(self, request: CoverageRequest) -> Coverage:
        if await self._has_extensions():
            return await self.http.call("POST", paths.COVERAGE, Coverage, body=_body(request))
        return await fallback.latest_row_coverage(self, request)

    async def conversions(self, request: op.ConversionsRequest) -> op.Conversions:
        if await self._has_extensions():
            body = _body(request)
            return await self.http.call("POST", paths.CONVERSIONS, op.Conversions, body=body)
        return await fallback.latest_row_conversions(self, request)

    async def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        if await self._has_extensions():
            return await self.http.call("POST", paths.PATHS, PathDiscovery, body=_body(query))
        return await fallback.latest_row_paths(self, query)

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
                if self._extensions:
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
        body, typed = _body(new), None
        if new.type is not None and not await self._has_extensions():
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
        if typing is None or await self._has_extensions():
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
        return field if self._extensions else await self._types.typed(field, field_id)

    # -- mappings --------------------------------------------------------------------------

    async def list_mappings(self, scope: op.Scope) -> list[Mapping]:
        listed = await self.http.call("GET", paths.MAPPINGS, list[Mapping], params=_body(scope))
        return [self.revisions.mapping(mapping) for mapping in listed]

    async def create_mapping(self, new: NewMapping) -> Mapping:
        answer = await self.http.call(
            "POST", paths.MAPPINGS, Mapping | Acknowledged, body=_body(new)
        )
        if isinstance(answer, Mapping):
            return self.revisions.mapping(answer)
        detail = await self.get_field(new.custom_field_id)
        return next(m for m in detail.mappings if m.id == answer.id)

    async def set_mapping(self, request: op.SetMapping) -> op.SetMappingResult:
        if await self._has_extensions():
            try:
                result = await self.http.call(
                    "PUT", paths.SET_MAPPING, op.SetMappingResult, body=_body(request)
                )
            except StaleRevisionError as stale:
                raise await self.revisions.with_current(
                    stale, request, self.list_mappings
                ) from None
            return result.model_copy(update={"mapping": self.revisions.mapping(result.mapping)})
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
        if self._extensions:
            return effective
        return await self._types.typed_configuration(effective)

    async def integration_configuration(
        self, request: op.IntegrationConfigurationRequest
    ) -> op.IntegrationConfiguration:
        if await self._has_extensions():
            return await self.http.call(
                "GET",
                paths.INTEGRATION_CONFIGURATION,
                op.IntegrationConfiguration,
                params=request.model_dump(mode="json"),
            )
        # Made of `configuration` calls, which put the kept types back.
        return await fallback.integration_configuration(self, request)

    # -- finding the data -----------------------------------------------------------------

    async def search(self, request: find.SearchRequest) -> find.SearchResult:
        if await self._has_extensions():
            return await self._post(paths.SEARCH, request, find.SearchResult)
        return await remote_find.latest_rows_search(self, request)

    async def find_record(self, request: find.RecordRequest) -> find.RecordResult:
        if await self._has_extensions():
            return await self._post(paths.RECORD, request, find.RecordResult)
        return await remote_find.latest_row_record(self, request)

    async def suggest_fallbacks(self, request: find.FallbacksRequest) -> find.FallbackSuggestions:
        if await self._has_extensions():
            return await self._post(paths.FALLBACKS, request, find.FallbackSuggestions)
        return await remote_find.latest_row_fallbacks(self, request)

    async def unified_output(self, request: find.UnifiedOutputRequest) -> find.UnifiedOutput:
        if await self._has_extensions():
            return await self._post(paths.UNIFIED_OUTPUT, request, find.UnifiedOutput)
        return await remote_find.latest_row_unified_output(self, request)

    async def _post(self, path: str, request: Any, shape: Any) -> Any:
        return await self.http.call("POST", path, shape, body=_body(request))

    # -- impact and overrides --------------------------------------------------------------

    async def impact(self, request: ImpactRequest, work: Work | None = None) -> ImpactResult:
        if await self._has_extensions():
            body = request.model_dump(mode="json")  # whole: `kind` tells the changes apart
            return await self.http.call("POST", paths.IMPACT, ImpactResult, body=body)
        return await remote_impact.impact(self, request, work)

    async def overrides(
        self, request: OverridesRequest, work: Work | None = None
    ) -> OverridesReport:
        if await self._has_extensions():
            body = request.model_dump(mode="json")
            return await self.http.call("POST", paths.OVERRIDES, OverridesReport, body=body)
        return await remote_impact.overrides(self, request, work)

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- extensions and remembered connectors ----------------------------------------------

    async def _listed_connectors(self) -> list[Connector] | None:
        """The server's connectors; None when it lacks the extensions (found out here, by
        the first GET /connectors, and remembered)."""
        if self._extensions is False:
            return None
        try:
            listed = await self.http.call("GET", paths.CONNECTORS, list[Connector])
        except NotFoundError:
            self._extensions = False
            return None
        self._extensions = True
        return listed

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

    def _set_waiting(self, waiting: str | None) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            if self.waiting_changed is not None:
                self.waiting_changed()


def _body(request: Any) -> dict[str, Any]:
    """A request as JSON, with only the keys it was given (a null sent means something)."""
    return request.model_dump(mode="json", exclude_unset=True)
