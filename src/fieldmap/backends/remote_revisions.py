"""No lost updates over HTTP. A server that keeps revisions (`fieldmap serve`) gives them
in its answers and takes `If-Match`; for one that keeps none (the published contract),
the client makes a revision of what it was shown (a fingerprint of the path, the name…
and `updated_at`), re-reads just before writing, and refuses when it changed.

A conditional write is never retried by the transport: after a 5xx (or a 429) the
client re-reads first. Still at the revision the write was based on: nothing happened,
it tries again (the condition keeps that safe). Already what the write asked for: an
earlier try did it. Anything else: someone else wrote, a `StaleRevisionError`.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar, cast
from uuid import UUID

import httpx

from fieldmap.api import paths
from fieldmap.api.etags import ETAG, IF_MATCH, revision_of_etag
from fieldmap.backends.remote_http import HttpApi
from fieldmap.core.errors import NotFoundError, ServerError, StaleRevisionError
from fieldmap.core.models import CustomField, CustomFieldDetail, EffectiveConfiguration, Mapping
from fieldmap.core.operations import (
    FieldChange,
    MappingChange,
    Scope,
    SetMapping,
    SetMappingOutcome,
    SetMappingResult,
)
from fieldmap.core.revisions import require_revision

CLIENT_MADE = "~"  # the mark of a revision the client made, never a server's
Versioned = TypeVar("Versioned", CustomField, Mapping)
T = TypeVar("T")


def fingerprint(item: CustomField | Mapping) -> str:
    """A revision for a server that keeps none: it changes whenever what is shown does."""
    if isinstance(item, Mapping):
        shown: tuple[object, ...] = (item.json_path, item.updated_at)
    else:
        shown = (item.name, item.description, item.category, item.model, item.updated_at)
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()
    return CLIENT_MADE + digest


def is_client_made(revision: str) -> bool:
    return revision.startswith(CLIENT_MADE)


def revised(item: Versioned, etag: str | None = None) -> Versioned:
    """`item` with a revision: the server's (in the body, else its ETag), else one made."""
    if item.revision is not None:
        return item
    revision = revision_of_etag(etag)
    if revision is None or is_client_made(revision):
        revision = fingerprint(item)
    return item.model_copy(update={"revision": revision})


async def conditional_write(
    expected: str,
    read_current: Callable[[], Awaitable[CustomField | Mapping]],
    send: Callable[[str | None], Awaitable[T]],
    already_done: Callable[[CustomField | Mapping | None], bool],
    pause: Callable[[int], Awaitable[None]],
    attempts: int,
) -> T:
    """`send(if_match)` once `expected` is known to be current, as described above.
    `already_done(current)` says whether `current` (None: gone) is already what it asked
    for, which is then the answer; `pause(attempt)` waits before another try."""
    server_made = not is_client_made(expected)
    for attempt in range(1, attempts + 1):
        if not server_made:
            require_revision(expected, await read_current())
        try:
            return await send(expected if server_made else None)
        except StaleRevisionError as stale:  # the server's 412: say what is there now
            current = await _current_or_none(read_current)
            raise StaleRevisionError(stale.message, current) from None
        except ServerError as error:
            current = await _current_or_none(read_current)
            if already_done(current):
                return cast(T, current)
            if current is None:
                raise NotFoundError("it was deleted meanwhile") from None
            require_revision(expected, current)
            if attempt == attempts:
                raise error from None
            await pause(attempt)
    raise AssertionError("unreachable: the last try returns or raises")


def _landed(request: SetMapping, current: Mapping | None) -> SetMappingResult | None:
    """The answer a set-mapping would have had, when the scope already holds its path."""
    if current is None or current.json_path != request.json_path:
        return None
    outcome = SetMappingOutcome.CREATED if request.expected_absent else SetMappingOutcome.REPLACED
    return SetMappingResult(outcome=outcome, mapping=current)


async def _mapping_at(
    request: SetMapping, list_mappings: Callable[[Scope], Awaitable[list[Mapping]]]
) -> Mapping | None:
    """The field's mapping at the request's scope now, if any."""
    mappings = await list_mappings(request.scope)
    return next((m for m in mappings if m.custom_field_id == request.field_id), None)


async def _current_or_none(
    read_current: Callable[[], Awaitable[CustomField | Mapping]],
) -> CustomField | Mapping | None:
    try:
        return await read_current()
    except NotFoundError:
        return None


class ConditionalWrites:
    """The remote client's revisions: every field and mapping it reads gets one, and the
    writes based on one are conditional."""

    def __init__(self, http: HttpApi) -> None:
        self.http = http
        self.field_of_mapping: dict[UUID, UUID] = {}
        """The field of each mapping read: the published API reads a mapping through it."""

    def detail(self, response: httpx.Response) -> CustomFieldDetail:
        """A field's detail from its answer, the field and its mappings revised."""
        detail = revised(self.http.decode(response, CustomFieldDetail), response.headers.get(ETAG))
        return detail.model_copy(update={"mappings": [self.mapping(m) for m in detail.mappings]})

    def mapping(self, mapping: Mapping, etag: str | None = None) -> Mapping:
        self.field_of_mapping[mapping.id] = mapping.custom_field_id
        return revised(mapping, etag)

    async def read_mapping(
        self, get_field: Callable[[UUID], Awaitable[CustomFieldDetail]], mapping_id: UUID
    ) -> Mapping:
        """The mapping as it is now, read again through its field."""
        field_id = self.field_of_mapping.get(mapping_id)
        found = [] if field_id is None else (await get_field(field_id)).mappings
        mapping = next((m for m in found if m.id == mapping_id), None)
        if mapping is None:
            raise NotFoundError(f"no mapping {mapping_id}")
        return mapping

    async def configuration(
        self,
        effective: EffectiveConfiguration,
        list_mappings: Callable[[Scope], Awaitable[list[Mapping]]],
    ) -> EffectiveConfiguration:
        """`effective` with each winning mapping's revision. A server that keeps none gives
        none: the connector's and its integration's mappings are read (revised, as every
        mapping read is), so that an edit of what was shown is checked before it is sent."""
        unrevised = {
            f.mapping_id
            for f in effective.fields
            if f.mapping_id is not None and f.mapping_revision is None
        }
        if not unrevised:
            return effective
        scopes = (
            Scope(connector_token=effective.connector_token),
            Scope(integration_slug=effective.integration_slug),
        )
        listed = await asyncio.gather(*(list_mappings(scope) for scope in scopes))
        revisions = {m.id: m.revision for mappings in listed for m in mappings}
        fields = [
            f.model_copy(update={"mapping_revision": revisions.get(f.mapping_id)})
            if f.mapping_id in unrevised
            else f
            for f in effective.fields
        ]
        return effective.model_copy(update={"fields": fields})

    async def set_mapping(
        self,
        request: SetMapping,
        send: Callable[[bool], Awaitable[SetMappingResult]],
        list_mappings: Callable[[Scope], Awaitable[list[Mapping]]],
    ) -> SetMappingResult:
        """`send(conditional)` of a set-mapping. One based on what was shown at the scope
        (a revision, or no mapping there) is tried once; after a 5xx the scope is read
        again, as for any conditional write (above)."""
        conditional = request.expected_absent or request.expected_revision is not None
        for attempt in range(1, self.http.retry.attempts + 1):
            try:
                result = await send(conditional)
            except StaleRevisionError as stale:  # a 412 says no more: say what is there now
                current = await _mapping_at(request, list_mappings)
                if attempt > 1 and (landed := _landed(request, current)) is not None:
                    return landed  # the try that failed with a 5xx was done after all
                raise StaleRevisionError(stale.message, current) from None
            except ServerError:
                if not conditional or attempt == self.http.retry.attempts:
                    raise
                current = await _mapping_at(request, list_mappings)
                if (landed := _landed(request, current)) is not None:
                    return landed
                shown = None if request.expected_absent else request.expected_revision
                if (current and current.revision) != shown:
                    raise StaleRevisionError("it was changed meanwhile", current) from None
                await self.http.sleep(self.http.retry.backoff_delay(attempt))
                continue
            return result.model_copy(update={"mapping": self.mapping(result.mapping)})
        raise AssertionError("unreachable: the last try returns or raises")

    async def update_field(
        self, change: FieldChange, get_field: Callable[[UUID], Awaitable[CustomFieldDetail]]
    ) -> CustomFieldDetail:
        path = paths.FIELD.format(field_id=change.field_id)
        wanted = change.update.model_dump(mode="json", exclude_unset=True)

        async def send(if_match: str | None) -> CustomFieldDetail:
            return self.detail(await self._write("PATCH", path, wanted, change, if_match))

        def done(now: CustomFieldDetail | None) -> bool:
            return now is not None and now.model_dump(mode="json", include=set(wanted)) == wanted

        current = partial(get_field, change.field_id)
        return await self._conditional(change.expected_revision, current, send, done)

    async def update_mapping(
        self, change: MappingChange, get_field: Callable[[UUID], Awaitable[CustomFieldDetail]]
    ) -> Mapping:
        path = paths.MAPPING.format(mapping_id=change.mapping_id)

        async def send(if_match: str | None) -> Mapping:
            body = {"json_path": change.json_path}
            response = await self._write("PATCH", path, body, change, if_match)
            return self.mapping(self.http.decode(response, Mapping), response.headers.get(ETAG))

        def done(now: Mapping | None) -> bool:
            return now is not None and now.json_path == change.json_path

        current = partial(self.read_mapping, get_field, change.mapping_id)
        return await self._conditional(change.expected_revision, current, send, done)

    async def delete(
        self,
        path: str,
        expected: str | None,
        read_current: Callable[[], Awaitable[CustomFieldDetail | Mapping]],
    ) -> None:
        if expected is None:
            await self.http.call("DELETE", path)  # retried by the transport, as before
            return

        async def send(if_match: str | None) -> None:
            await self.http.request("DELETE", path, headers=_if_match(if_match), conditional=True)

        await self._conditional(expected, read_current, send, lambda now: now is None)

    async def _write(
        self, method: str, path: str, body: Any, change: Any, if_match: str | None
    ) -> httpx.Response:
        """A write; tried once when it has an expected revision (the caller re-reads)."""
        return await self.http.request(
            method,
            path,
            body=body,
            headers=_if_match(if_match),
            conditional=change.expected_revision is not None,
        )

    async def _conditional(
        self,
        expected: str | None,
        read_current: Callable[[], Awaitable[Any]],
        send: Callable[[str | None], Awaitable[T]],
        already_done: Callable[[Any], bool],
    ) -> T:
        if expected is None:
            return await send(None)

        async def pause(attempt: int) -> None:
            await self.http.sleep(self.http.retry.backoff_delay(attempt))

        return await conditional_write(
            expected, read_current, send, already_done, pause, self.http.retry.attempts
        )


def _if_match(revision: str | None) -> dict[str, str] | None:
    return {IF_MATCH: f'"{revision}"'} if revision is not None else None
