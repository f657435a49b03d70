"""Keyset pages of custom fields, field updates and mapping counts, in the engine."""

from __future__ import annotations

import sqlite3

import pytest

from fieldmap.core.errors import ConflictError, NotFoundError, RuleViolation
from fieldmap.core.models import (
    Category,
    FieldUpdate,
    NewConnector,
    NewCustomField,
    NewMapping,
    build,
)
from fieldmap.core.operations import FieldChange, MappingChange, Scope
from fieldmap.core.store import MIGRATIONS, Store

HRIS, ATS = Category.HRIS, Category.ATS


def make_fields(engine, count, model="employee", category=HRIS):
    return [
        engine.create_field(NewCustomField(name=f"f{n:03}", category=category, model=model)).id
        for n in range(count)
    ]


def every_page(engine, page_size, **filters):
    pages, cursor = [], None
    while True:
        page = engine.page_fields(page_size=page_size, cursor=cursor, **filters)
        pages.append(page)
        if page.cursor is None:
            return pages
        cursor = page.cursor


@pytest.mark.parametrize("page_size", [1, 2, 50, 200])
def test_following_cursors_lists_every_field_once_in_id_order(engine, page_size):
    ids = make_fields(engine, 7)
    pages = every_page(engine, page_size)
    listed = [f.id for page in pages for f in page.items]
    assert listed == sorted(ids, key=str)
    assert all(page.page_size == len(page.items) <= page_size for page in pages)
    assert len(pages) == -(-7 // page_size)


def test_fields_created_between_pages_never_repeat_or_hide_listed_ones(engine):
    before = make_fields(engine, 5)
    first = engine.page_fields(page_size=2)
    engine.create_field(NewCustomField(name="late_one", category=HRIS, model="employee"))
    cursor, listed = first.cursor, [f.id for f in first.items]
    while cursor is not None:
        page = engine.page_fields(page_size=2, cursor=cursor)
        listed += [f.id for f in page.items]
        cursor = page.cursor
    assert len(listed) == len(set(listed)) == 6
    assert set(before) < set(listed)


def test_filters_apply_across_pages_and_a_cursor_is_bound_to_its_filters(engine):
    make_fields(engine, 3)
    make_fields(engine, 4, model="candidate", category=ATS)
    listed = [f for p in every_page(engine, 3, model="candidate") for f in p.items]
    assert {f.model for f in listed} == {"candidate"} and len(listed) == 4
    cursor = engine.page_fields(page_size=1, model="candidate").cursor
    with pytest.raises(RuleViolation, match="other filters") as caught:
        engine.page_fields(page_size=1, model="employee", cursor=cursor)
    assert caught.value.violations[0].loc == ("query", "cursor")
    with pytest.raises(RuleViolation, match="not a cursor"):
        engine.page_fields(page_size=1, cursor="bm90IGpzb24")


def test_a_field_can_be_renamed_and_its_description_cleared(engine):
    (field_id,) = make_fields(engine, 1)
    engine.update_field(
        FieldChange(field_id=field_id, update=FieldUpdate(description="Who to call"))
    )
    detail = engine.update_field(
        FieldChange(field_id=field_id, update=FieldUpdate(name="guardian_mobile"))
    )
    assert (detail.name, detail.description) == ("guardian_mobile", "Who to call")
    assert detail.updated_at > detail.created_at
    assert (
        engine.update_field(
            FieldChange(field_id=field_id, update=FieldUpdate(description=None))
        ).description
        is None
    )


def test_a_rename_keeps_the_name_rules(engine):
    first, second = make_fields(engine, 2)
    with pytest.raises(ConflictError):
        engine.update_field(FieldChange(field_id=second, update=FieldUpdate(name="f000")))
    with pytest.raises(RuleViolation):
        build(FieldUpdate, name="Bad Name")  # the engine trusts what was validated
    assert engine.get_field(second).name == "f001"


def test_the_model_changes_only_while_the_field_has_no_mappings(engine):
    (field_id,) = make_fields(engine, 1)
    moved = engine.update_field(
        FieldChange(field_id=field_id, update=FieldUpdate(model="employment"))
    )
    assert moved.model == "employment"
    with pytest.raises(NotFoundError):
        engine.update_field(FieldChange(field_id=field_id, update=FieldUpdate(model="nope")))
    engine.create_mapping(
        NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
    )
    with pytest.raises(ConflictError, match="1 mapping"):
        engine.update_field(FieldChange(field_id=field_id, update=FieldUpdate(model="employee")))
    with pytest.raises(ConflictError):
        engine.update_field(
            FieldChange(
                field_id=field_id, update=build(FieldUpdate, category=ATS, model="candidate")
            )
        )
    assert (
        engine.update_field(
            FieldChange(field_id=field_id, update=FieldUpdate(name="still_free"))
        ).model
        == "employment"
    )


def test_a_field_counts_its_mappings_by_scope(engine):
    (field_id,) = make_fields(engine, 1)
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    engine.create_mapping(
        NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
    )
    engine.create_mapping(
        NewMapping(custom_field_id=field_id, connector_token=acme.token, json_path="bb")
    )
    counts = engine.get_field(field_id).mapping_counts
    assert (counts.total, counts.organization, counts.connector) == (2, 1, 1)


def test_mappings_are_listed_per_scope_with_their_times(engine):
    (field_id,) = make_fields(engine, 1)
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    org = engine.create_mapping(
        NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
    )
    own = engine.create_mapping(
        NewMapping(custom_field_id=field_id, connector_token=acme.token, json_path="bb")
    )
    assert engine.list_mappings(build(Scope, integration_slug="workday")) == [org]
    assert engine.list_mappings(build(Scope, connector_token=acme.token)) == [own]
    assert engine.list_mappings(build(Scope, integration_slug="bamboohr")) == []
    updated = engine.update_mapping(build(MappingChange, mapping_id=org.id, json_path="cc"))
    assert (updated.json_path, updated.created_at) == ("cc", org.created_at)
    assert updated.updated_at > org.updated_at
    with pytest.raises(RuleViolation):
        engine.list_mappings(build(Scope))
    with pytest.raises(RuleViolation):
        engine.list_mappings(build(Scope, integration_slug="workday", connector_token=acme.token))
    with pytest.raises(NotFoundError):
        engine.list_mappings(build(Scope, connector_token="x" * 64))


def test_a_version_1_store_gains_the_paging_index(tmp_path):
    db = sqlite3.connect(tmp_path / "old.sqlite3")
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.close()
    (tmp_path / "old.sqlite3").rename(tmp_path / "fieldmap.sqlite3")
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / "fieldmap.sqlite3")
    indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "custom_fields_by_org_id" in indexes
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
