"""ETag on a field's and a mapping's answers; If-Match on PATCH and DELETE (412 when the
revision moved on); without If-Match, the routes behave as Bindbee's contract says."""

from __future__ import annotations

import pytest

FIELDS = "/api/v1/custom-fields"
MAPPINGS = f"{FIELDS}/mapping"


async def mapped_field(api) -> tuple[str, str]:
    field = await api.post(FIELDS, json={"name": "badge", "category": "HRIS", "model": "employee"})
    assert field.headers["ETag"] == '"1"'
    field_id = field.json()["id"]
    mapping = await api.post(
        MAPPINGS,
        json={"custom_field_id": field_id, "integration_slug": "workday", "json_path": "badge.id"},
    )
    assert mapping.headers["ETag"] == '"1"'
    return field_id, mapping.json()["id"]


async def test_answers_carry_the_revision_as_etag(api):
    field_id, mapping_id = await mapped_field(api)
    detail = await api.get(f"{FIELDS}/{field_id}")
    assert detail.headers["ETag"] == '"1"'
    assert detail.json()["mappings"][0]["revision"] == "1"
    patched = await api.patch(f"{MAPPINGS}/{mapping_id}", json={"json_path": "badge.no"})
    assert (patched.headers["ETag"], patched.json()["revision"]) == ('"2"', "2")
    renamed = await api.patch(f"{FIELDS}/{field_id}", json={"name": "bdg"})
    assert renamed.headers["ETag"] == '"2"'


async def test_if_match_on_a_moved_revision_is_412_and_changes_nothing(api):
    field_id, mapping_id = await mapped_field(api)
    await api.patch(f"{MAPPINGS}/{mapping_id}", json={"json_path": "theirs"})
    stale = {"If-Match": '"1"'}
    refused = await api.patch(f"{MAPPINGS}/{mapping_id}", json={"json_path": "mine"}, headers=stale)
    assert refused.status_code == 412
    assert "changed" in refused.json()["detail"]
    assert (await api.delete(f"{MAPPINGS}/{mapping_id}", headers=stale)).status_code == 412
    assert (
        await api.patch(f"{FIELDS}/{field_id}", json={"name": "x_y"}, headers={"If-Match": '"9"'})
    ).status_code == 412
    assert (
        await api.delete(f"{FIELDS}/{field_id}", headers={"If-Match": '"9"'})
    ).status_code == 412
    detail = (await api.get(f"{FIELDS}/{field_id}")).json()
    assert (detail["name"], detail["mappings"][0]["json_path"]) == ("badge", "theirs")


async def test_if_match_on_the_current_revision_or_star_goes_through(api):
    field_id, mapping_id = await mapped_field(api)
    current = {"If-Match": '"1"'}
    patched = await api.patch(
        f"{MAPPINGS}/{mapping_id}", json={"json_path": "mine"}, headers=current
    )
    assert patched.status_code == 200
    any_ = {"If-Match": "*"}
    assert (
        await api.patch(f"{FIELDS}/{field_id}", json={"name": "bdg"}, headers=any_)
    ).status_code == 200
    assert (
        await api.delete(f"{MAPPINGS}/{mapping_id}", headers={"If-Match": '"2"'})
    ).status_code == 204
    assert (
        await api.delete(f"{FIELDS}/{field_id}", headers={"If-Match": '"2"'})
    ).status_code == 204


async def test_without_if_match_writes_go_through_as_before(api):
    _, mapping_id = await mapped_field(api)
    for path in ("a.b", "c.d"):
        assert (
            await api.patch(f"{MAPPINGS}/{mapping_id}", json={"json_path": path})
        ).status_code == 200
    assert (await api.delete(f"{MAPPINGS}/{mapping_id}")).status_code == 204


@pytest.mark.parametrize("if_match", ['W/"1"', "1", '"1", "2"', '""', '"a b"'])
async def test_an_if_match_that_is_not_one_strong_tag_is_refused(api, if_match):
    _, mapping_id = await mapped_field(api)
    answer = await api.patch(
        f"{MAPPINGS}/{mapping_id}", json={"json_path": "x.y"}, headers={"If-Match": if_match}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["header", "If-Match"]


async def test_the_published_shapes_stay_and_the_conditions_are_documented(api):
    spec = (await api.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    assert schemas["Mapping"]["required"] == ["id", "custom_field_id", "json_path", "created_at"]
    assert "revision" not in schemas["CustomFieldDetail"]["required"]
    for path in (f"{MAPPINGS}/{{mapping_id}}", f"{FIELDS}/{{field_id}}"):
        for method in ("patch", "delete"):
            operation = spec["paths"][path][method]
            assert "412" in operation["responses"]
            header = next(p for p in operation["parameters"] if p["name"] == "If-Match")
            assert (header["in"], header.get("required", False)) == ("header", False)
