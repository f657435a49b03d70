"""`fieldmap serve` on every route of the published contract, in its shapes: pages of
fields behind a cursor, PATCH of a field, mapping counts and lists, 204 deletes, raw data
or null, exactly one scope, model slugs, LMS, and `{"detail": "..."}` error bodies."""

from __future__ import annotations

import base64

import pytest

from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store

from .app_fixture import in_process_client

FIELDS = "/api/v1/custom-fields"
EMPLOYEE = {"category": "HRIS", "model": "employee"}


async def create(api, name: str, **where) -> str:
    answer = await api.post(FIELDS, json={"name": name, **(where or EMPLOYEE)})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


async def all_pages(api, **params) -> tuple[list[str], list[dict]]:
    ids, pages, cursor = [], [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        answer = await api.get(FIELDS, params=query)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert set(page) == {"cursor", "page_size", "items"}
        pages.append(page)
        ids += [item["id"] for item in page["items"]]
        cursor = page["cursor"]
        if cursor is None:
            return ids, pages


@pytest.mark.parametrize("page_size", [1, 2, 50, 200])
async def test_pages_of_each_allowed_size_list_every_field_once(api, page_size):
    created = [await create(api, f"field_{n}") for n in range(5)]
    ids, pages = await all_pages(api, page_size=page_size)
    assert ids == sorted(created)
    assert len(pages) == -(-5 // page_size)
    assert [p["page_size"] for p in pages] == [len(p["items"]) for p in pages]


async def test_the_default_page_is_50(api):
    for n in range(51):
        await create(api, f"field_{n}")
    first = (await api.get(FIELDS)).json()
    assert (len(first["items"]), first["cursor"] is not None) == (50, True)


@pytest.mark.parametrize("page_size", [0, 201, -1])
async def test_a_page_size_outside_1_to_200_is_a_422(api, page_size):
    answer = await api.get(FIELDS, params={"page_size": page_size})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "page_size"]


async def test_a_cursor_from_other_filters_or_not_ours_is_a_422(api):
    for n in range(3):
        await create(api, f"field_{n}")
    cursor = (await api.get(FIELDS, params={"page_size": 1, "model": "employee"})).json()["cursor"]
    other = await api.get(FIELDS, params={"page_size": 1, "model": "employment", "cursor": cursor})
    assert other.status_code == 422
    assert other.json()["detail"][0]["loc"] == ["query", "cursor"]
    forged = base64.urlsafe_b64encode(b'{"after": 1}').decode()
    for bad in (forged, "!!!", "e30"):
        assert (await api.get(FIELDS, params={"cursor": bad})).status_code == 422


async def test_fields_created_between_pages_neither_repeat_nor_hide_others(api):
    before = [await create(api, f"field_{n}") for n in range(4)]
    first = (await api.get(FIELDS, params={"page_size": 2})).json()
    late = await create(api, "created_meanwhile")
    rest, _ = await all_pages(api, page_size=2, cursor=first["cursor"])
    listed = [item["id"] for item in first["items"]] + rest
    assert len(listed) == len(set(listed))
    assert set(before) <= set(listed) and late in listed


async def test_filters_apply_across_pages(api):
    for n in range(4):
        await create(api, f"field_{n}")
    await create(api, "desired_salary", category="ATS", model="candidate")
    ids, _ = await all_pages(api, page_size=1, category="HRIS", source="API")
    assert len(ids) == 4
    ats, _ = await all_pages(api, page_size=1, model="candidate")
    assert len(ats) == 1


async def test_patch_answers_the_detail_and_keeps_the_rules(api):
    field_id = await create(api, "guardian")
    await create(api, "taken")
    answer = await api.patch(
        f"{FIELDS}/{field_id}", json={"name": "guardian_mobile", "description": "Who to call"}
    )
    assert answer.status_code == 200
    detail = answer.json()
    assert (detail["name"], detail["description"]) == ("guardian_mobile", "Who to call")
    assert detail["mapping_counts"] == {"total": 0, "organization": 0, "connector": 0}
    cleared = await api.patch(f"{FIELDS}/{field_id}", json={"description": None})
    assert cleared.json()["description"] is None
    assert (await api.patch(f"{FIELDS}/{field_id}", json={"name": "taken"})).status_code == 409
    for bad in ({"name": "Not Snake"}, {"name": "x"}, {"model": "Employee!"}, {"nope": 1}):
        assert (await api.patch(f"{FIELDS}/{field_id}", json=bad)).status_code == 422, bad
    moved = await api.patch(f"{FIELDS}/{field_id}", json={"model": "employment"})
    assert moved.json()["model"] == "employment"
    await api.post(
        f"{FIELDS}/mapping",
        json={"custom_field_id": field_id, "integration_slug": "workday", "json_path": "id"},
    )
    refused = await api.patch(f"{FIELDS}/{field_id}", json={"model": "employee"})
    assert refused.status_code == 409
    assert "only while it has none" in refused.json()["detail"]


async def test_counts_mapping_lists_and_204_deletes(api, engine):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    field_id = await create(api, "badge_id")
    org = await api.post(
        f"{FIELDS}/mapping",
        json={"custom_field_id": field_id, "integration_slug": "workday", "json_path": "aa"},
    )
    own = await api.post(
        f"{FIELDS}/mapping",
        json={"custom_field_id": field_id, "connector_token": acme.token, "json_path": "bb"},
    )
    detail = (await api.get(f"{FIELDS}/{field_id}")).json()
    assert detail["mapping_counts"] == {"total": 2, "organization": 1, "connector": 1}
    assert all(m["created_at"] and m["updated_at"] for m in detail["mappings"])
    by_slug = await api.get(f"{FIELDS}/mapping", params={"integration_slug": "workday"})
    assert [m["id"] for m in by_slug.json()] == [org.json()["id"]]
    by_token = await api.get(f"{FIELDS}/mapping", params={"connector_token": acme.token})
    assert [m["id"] for m in by_token.json()] == [own.json()["id"]]
    patched = await api.patch(f"{FIELDS}/mapping/{own.json()['id']}", json={"json_path": "cc"})
    assert set(patched.json()) >= {"id", "custom_field_id", "json_path", "created_at", "updated_at"}
    deleted = await api.delete(f"{FIELDS}/mapping/{own.json()['id']}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    deleted = await api.delete(f"{FIELDS}/{field_id}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert (await api.delete(f"{FIELDS}/{field_id}")).json() == {
        "detail": f"no custom field {field_id}"
    }


@pytest.mark.parametrize(
    "params",
    [{}, {"integration_slug": "workday", "connector_token": "t" * 64}],
)
@pytest.mark.parametrize("path", ["/mapping", "/raw-data"])
async def test_exactly_one_scope_else_422(api, path, params):
    answer = await api.get(FIELDS + path, params={**EMPLOYEE, **params})
    assert answer.status_code == 422
    assert "exactly one" in answer.json()["detail"][0]["msg"]


async def test_raw_data_is_null_when_there_is_none(api):
    answer = await api.get(
        f"{FIELDS}/raw-data",
        params={"category": "HRIS", "model": "employment", "integration_slug": "workday"},
    )
    assert (answer.status_code, answer.json()) == (200, None)
    unknown = await api.get(f"{FIELDS}/raw-data", params={**EMPLOYEE, "integration_slug": "nope"})
    assert unknown.status_code == 404


@pytest.mark.parametrize("model", ["Employee", "9lives", "a" * 65, "em ployee"])
async def test_a_model_slug_off_the_pattern_is_a_422(api, model):
    for path in ("/raw-data", "/configuration", ""):
        answer = await api.get(
            FIELDS + path,
            params={"category": "HRIS", "model": model, "connector_token": "t" * 64},
        )
        assert answer.status_code == 422, (path, model)
    created = await api.post(FIELDS, json={"name": "ab", "category": "HRIS", "model": model})
    assert created.status_code == 422


async def test_errors_are_a_detail_sentence_and_401_asks_for_bearer(api, store):
    async with in_process_client(store) as client:
        client.headers.pop("Authorization")
        refused = await client.get(FIELDS)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert isinstance(refused.json()["detail"], str)
    missing = await api.get(f"{FIELDS}/00000000-0000-7000-8000-000000000000")
    assert missing.status_code == 404 and isinstance(missing.json()["detail"], str)
    await create(api, "twice")
    twice = await api.post(FIELDS, json={"name": "twice", **EMPLOYEE})
    assert twice.status_code == 409 and isinstance(twice.json()["detail"], str)


async def test_lms_fields_map_and_configure_on_the_demo_catalogue(tmp_path):
    store = Store.open(
        tmp_path / "lms", on_create=lambda s: insert_catalogue(Engine(s), builtin_catalogue())
    )
    academy = Engine(store).create_connector(
        NewConnector(integration_slug="docebo", name="Academy")
    )
    try:
        async with in_process_client(store) as api:
            where = {"category": "LMS", "model": "enrollment"}
            field_id = await create(api, "enrollment_reason", **where)
            mapped = await api.post(
                f"{FIELDS}/mapping",
                json={
                    "custom_field_id": field_id,
                    "integration_slug": "docebo",
                    "json_path": "enrollment_fields.enrollment_field_2",
                },
            )
            assert mapped.status_code == 201
            query = {**where, "connector_token": academy.token}
            raw = (await api.get(f"{FIELDS}/raw-data", params=query)).json()
            assert raw["enrollment_fields"]["enrollment_field_2"] == "Manager request"
            (entry,) = (await api.get(f"{FIELDS}/configuration", params=query)).json()["fields"]
            assert (entry["name"], entry["source"]) == ("enrollment_reason", "organization")
            lms = (await api.get("/api/v1/lookup/models", params={"category": "LMS"})).json()
            assert {m["slug"] for m in lms["models"]} == {"course", "enrollment"}
    finally:
        store.close()
    assert Category.LMS in academy.categories
