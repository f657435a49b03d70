"""No lost updates through the remote client: two clients racing through a real
`fieldmap serve` (If-Match), a published-only server (re-read just before writing), and
a server failing a conditional write with a 5xx (re-read, never a blind retry)."""

from __future__ import annotations

import asyncio
import json
from uuid import uuid4

import httpx
import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy
from fieldmap.core.errors import ServerError, StaleRevisionError
from fieldmap.core.models import Category, NewCustomField, NewMapping
from fieldmap.core.operations import MappingChange, Scope, SetMapping, SetMappingOutcome

from ..contract.published_server import published_app
from .misbehaving import answer, misbehaving_server

ROUNDS = 100
WORKDAY = Scope(integration_slug="workday")


async def mapped_field(backend) -> None:
    field = await backend.create_field(
        NewCustomField(name="badge", category=Category.HRIS, model="employee")
    )
    await backend.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path="badge.id")
    )


async def race(first, second) -> None:
    """Each round both read the mapping and both write on what they read, at once."""
    for round_ in range(ROUNDS):
        shown = await asyncio.gather(first.list_mappings(WORKDAY), second.list_mappings(WORKDAY))
        paths = [f"path_{who}_{round_}" for who in "ab"]
        outcomes = await asyncio.gather(
            *(
                client.update_mapping(
                    MappingChange(
                        mapping_id=mappings[0].id,
                        json_path=path,
                        expected_revision=mappings[0].revision,
                    )
                )
                for client, mappings, path in zip((first, second), shown, paths, strict=True)
            ),
            return_exceptions=True,
        )
        won = [
            path for path, o in zip(paths, outcomes, strict=True) if not isinstance(o, Exception)
        ]
        stale = [o for o in outcomes if isinstance(o, StaleRevisionError)]
        assert (len(won), len(stale)) == (1, 1), (round_, outcomes)
        assert stale[0].current is not None and stale[0].current.json_path == won[0]
        (now,) = await first.list_mappings(WORKDAY)
        assert now.json_path == won[0]


async def test_two_clients_racing_through_fieldmap_serve_lose_no_update(served_api):
    key = served_api.new_key()
    first = RemoteBackend(served_api.base_url, key)
    second = RemoteBackend(served_api.base_url, key)
    try:
        await mapped_field(first)
        await race(first, second)
    finally:
        await first.aclose()
        await second.aclose()


async def create_race(first, second) -> None:
    """Each round both saw no mapping of the field for Workday and both create one at once."""
    field = await first.create_field(
        NewCustomField(name="badge", category=Category.HRIS, model="employee")
    )
    for round_ in range(ROUNDS):
        paths = [f"path_{who}_{round_}" for who in "ab"]
        outcomes = await asyncio.gather(
            *(
                client.set_mapping(
                    SetMapping(
                        field_id=field.id, scope=WORKDAY, json_path=path, expected_absent=True
                    )
                )
                for client, path in zip((first, second), paths, strict=True)
            ),
            return_exceptions=True,
        )
        won = [o for o in outcomes if not isinstance(o, Exception)]
        stale = [o for o in outcomes if isinstance(o, StaleRevisionError)]
        assert (len(won), len(stale)) == (1, 1), (round_, outcomes)
        assert won[0].outcome is SetMappingOutcome.CREATED
        assert stale[0].current is not None
        assert stale[0].current.json_path == won[0].mapping.json_path
        (now,) = await first.list_mappings(WORKDAY)
        assert now.json_path == won[0].mapping.json_path
        await first.delete_mapping(now.id)


async def test_two_clients_creating_one_mapping_through_fieldmap_serve_lose_no_update(
    served_api,
):
    key = served_api.new_key()
    first = RemoteBackend(served_api.base_url, key)
    second = RemoteBackend(served_api.base_url, key)
    try:
        await create_race(first, second)
    finally:
        await first.aclose()
        await second.aclose()


def published_backend(engine) -> RemoteBackend:
    app = published_app(engine, "key")
    return RemoteBackend("http://published.test", "key", transport=httpx.ASGITransport(app=app))


async def test_a_server_without_revisions_is_read_again_just_before_writing(engine):
    mine, theirs = published_backend(engine), published_backend(engine)
    try:
        await mapped_field(mine)
        (shown,) = await mine.list_mappings(WORKDAY)
        assert shown.revision is not None  # made by the client: the server keeps none
        (their_view,) = await theirs.list_mappings(WORKDAY)
        await theirs.update_mapping(
            MappingChange(
                mapping_id=their_view.id, json_path="theirs", expected_revision=their_view.revision
            )
        )
        with pytest.raises(StaleRevisionError) as raised:
            await mine.update_mapping(
                MappingChange(
                    mapping_id=shown.id, json_path="mine", expected_revision=shown.revision
                )
            )
        assert raised.value.current.json_path == "theirs"
        with pytest.raises(StaleRevisionError):
            await mine.delete_mapping(shown.id, shown.revision)
        current = raised.value.current
        overwritten = await mine.update_mapping(
            MappingChange(mapping_id=shown.id, json_path="mine", expected_revision=current.revision)
        )
        assert overwritten.json_path == "mine"
    finally:
        await mine.aclose()
        await theirs.aclose()
    assert (await LocalBackend(engine).list_mappings(WORKDAY))[0].json_path == "mine"


def detail(revision: str, json_path: str, mapping_id: str, field_id: str) -> bytes:
    mapping = {
        "id": mapping_id,
        "custom_field_id": field_id,
        "integration_slug": "workday",
        "json_path": json_path,
        "created_at": "2026-01-01T00:00:00Z",
        "revision": revision,
    }
    field = {
        "id": field_id,
        "name": "badge",
        "category": "HRIS",
        "model": "employee",
        "source": "API",
        "created_at": "2026-01-01T00:00:00Z",
        "revision": "1",
        "mappings": [mapping],
        "mapping_counts": {"total": 1, "organization": 1, "connector": 0},
    }
    return json.dumps(field).encode()


@pytest.mark.parametrize(
    ("after_failure", "outcome", "patches"),
    [
        (("1", "badge.id"), "tried again", 2),  # nothing happened: safe to try again
        (("2", "mine"), "done", 1),  # the failed try did it
        (("2", "theirs"), "stale", 1),  # someone else wrote meanwhile
    ],
)
async def test_a_conditional_write_failing_with_a_5xx_is_read_again_never_retried_blindly(
    after_failure, outcome, patches
):
    field_id, mapping_id = str(uuid4()), str(uuid4())
    script = [
        answer(200, detail("1", "badge.id", mapping_id, field_id)),  # what was shown
        answer(503),  # the conditional PATCH fails
        answer(200, detail(*after_failure, mapping_id, field_id)),  # read again
    ]
    done = json.loads(detail("2", "mine", mapping_id, field_id))["mappings"][0]
    script.append(answer(200, json.dumps(done).encode(), {"ETag": '"2"'}))
    slept: list[float] = []

    async def record(seconds: float) -> None:
        slept.append(seconds)

    async with misbehaving_server(*script) as (url, received):
        backend = RemoteBackend(url, "sk", sleep=record, retry=RetryPolicy(jitter=0))
        try:
            shown = (await backend.get_field(field_id)).mappings[0]
            change = MappingChange(
                mapping_id=shown.id, json_path="mine", expected_revision=shown.revision
            )
            if outcome == "stale":
                with pytest.raises(StaleRevisionError) as raised:
                    await backend.update_mapping(change)
                assert raised.value.current.json_path == "theirs"
            else:
                updated = await backend.update_mapping(change)
                assert (updated.json_path, updated.revision) == ("mine", "2")
        finally:
            await backend.aclose()
    methods = [head.split(b" ", 1)[0] for head in received]
    assert methods == [b"GET", b"PATCH", b"GET", b"PATCH"][: 2 + patches]
    assert all(b'if-match: "1"' in head.lower() for head in received if head.startswith(b"PATCH"))
    assert slept == ([0.25] if patches == 2 else [])


async def test_a_conditional_write_failing_on_every_try_gives_the_servers_error():
    field_id, mapping_id = str(uuid4()), str(uuid4())
    unchanged = answer(200, detail("1", "badge.id", mapping_id, field_id))
    script = [unchanged] + [answer(500), unchanged] * 4

    async def no_sleep(seconds: float) -> None:
        pass

    async with misbehaving_server(*script) as (url, received):
        backend = RemoteBackend(url, "sk", sleep=no_sleep, retry=RetryPolicy(jitter=0))
        try:
            shown = (await backend.get_field(field_id)).mappings[0]
            with pytest.raises(ServerError):
                await backend.update_mapping(
                    MappingChange(mapping_id=shown.id, json_path="x.y", expected_revision="1")
                )
        finally:
            await backend.aclose()
    assert [h.split(b" ", 1)[0] for h in received].count(b"PATCH") == 4  # the policy's tries


async def test_two_clients_creating_one_mapping_on_a_published_server_lose_no_update(engine):
    """Without revisions: each lists the scope's mappings first, and a POST that finds one
    created meanwhile (409) is the conflict too."""
    first, second = published_backend(engine), published_backend(engine)
    try:
        await create_race(first, second)
    finally:
        await first.aclose()
        await second.aclose()


class AnswerLost(httpx.AsyncBaseTransport):
    """Passes every request on to the server; the first set-mapping's answer is lost on
    the way back (a proxy's 503), after the server has done it."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.set_mappings = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "PUT" and request.url.path.endswith("/mapping/set"):
            self.set_mappings += 1
            if self.set_mappings == 1:
                await response.aread()
                return httpx.Response(503, request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.mark.parametrize("based_on", ["no mapping", "a revision"])
async def test_a_conditional_set_mapping_that_landed_before_its_5xx_is_not_a_conflict(
    served_api, based_on
):
    """The server created (or replaced) the mapping and the answer was lost: the client
    reads the scope again and finds its own write there, instead of trying again and
    taking its own mapping for someone else's."""
    key = served_api.new_key()
    setup = RemoteBackend(served_api.base_url, key)
    transport = AnswerLost()
    client = RemoteBackend(served_api.base_url, key, transport=transport, sleep=asyncio.sleep)
    try:
        field = await setup.create_field(
            NewCustomField(name="badge", category=Category.HRIS, model="employee")
        )
        request = SetMapping(
            field_id=field.id, scope=WORKDAY, json_path="badge.id", expected_absent=True
        )
        if based_on == "a revision":
            await setup.set_mapping(request)
            (shown,) = await setup.list_mappings(WORKDAY)
            request = SetMapping(
                field_id=field.id,
                scope=WORKDAY,
                json_path="badge.number",
                expected_revision=shown.revision,
            )
        result = await client.set_mapping(request)
        (now,) = await setup.list_mappings(WORKDAY)
    finally:
        await setup.aclose()
        await client.aclose()
    created = based_on == "no mapping"
    assert result.outcome == (SetMappingOutcome.CREATED if created else SetMappingOutcome.REPLACED)
    assert result.mapping.json_path == now.json_path == request.json_path
    assert transport.set_mappings == 1  # read again, not sent again
