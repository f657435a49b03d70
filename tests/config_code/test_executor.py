"""Export from one served instance, apply to an empty one, export again: byte-identical;
applying again sends no write; the same against a published-routes-only server; a failed
mapping write stops the run and removes the field it left half-mapped."""

from __future__ import annotations

import pytest

from fieldmap.backends.configuration_snapshot import read_snapshot
from fieldmap.backends.plan_executor import execute
from fieldmap.cli_apply_impact import connector_impact
from fieldmap.core.config import ConfigFile
from fieldmap.core.config_document import parse_document, render_document
from fieldmap.core.errors import ConflictError
from fieldmap.core.models import Category, FieldOption, NewCustomField, build
from fieldmap.core.operations import Scope, SetMapping
from fieldmap.core.plan import Action, make_plan

from .instances import SHARED_TOKEN, new_instance


@pytest.fixture
def instances(tmp_path):
    made = []

    def make(name: str, **options):
        made.append(new_instance(tmp_path / name, **options))
        return made[-1]

    yield make
    for instance in made:
        instance.store.close()


async def seed(backend) -> None:
    """Two models' fields, organization mappings and a connector override."""
    badge = await backend.create_field(
        build(
            NewCustomField, name="badge_id", description="Badge", category="HRIS", model="employee"
        )
    )
    phone = await backend.create_field(
        build(NewCustomField, name="guardian_phone", category="HRIS", model="employee")
    )
    salary = await backend.create_field(
        build(NewCustomField, name="desired_salary", category="ATS", model="candidate")
    )
    for field, scope, path in [
        (badge, Scope(integration_slug="workday"), "Worker_ID"),
        (badge, Scope(connector_token=SHARED_TOKEN), "badge.number"),
        (phone, Scope(integration_slug="bamboohr"), "phones[?type=='guardian'].number | [0]"),
        (salary, Scope(integration_slug="greenhouse"), "custom_fields.desired_salary"),
    ]:
        await backend.set_mapping(SetMapping(field_id=field.id, scope=scope, json_path=path))


SIZES = [("s", "Small"), ("m", "Medium"), ("l", "Large")]


async def seed_typed(backend) -> None:
    """A select field with options, mapped, and an integer field (unmapped)."""
    options = [FieldOption(value=value, label=label) for value, label in SIZES]
    shirt = await backend.create_field(
        build(
            NewCustomField,
            name="shirt_size",
            category="HRIS",
            model="employee",
            type="select",
            options=options,
        )
    )
    await backend.set_mapping(
        SetMapping(field_id=shirt.id, scope=Scope(integration_slug="workday"), json_path="Size")
    )
    await backend.create_field(
        build(NewCustomField, name="desk_floor", category="HRIS", model="employee", type="integer")
    )


async def exported(backend, category=None, model=None) -> str:
    return render_document((await read_snapshot(backend, category, model)).configuration)


async def apply_text(backend, text: str, prune: bool = False):
    snapshot = await read_snapshot(backend)
    plan = make_plan(parse_document(text), snapshot.configuration, prune)
    return plan, await execute(backend, plan, snapshot)


@pytest.mark.parametrize("published", [False, True], ids=["fieldmap-serve", "published-only"])
async def test_an_export_applied_to_an_empty_instance_exports_byte_identical(instances, published):
    source, target = instances("source"), instances("target", published=published)
    await seed(source.backend)
    await seed_typed(source.backend)
    document = await exported(source.backend)
    assert document.startswith('{\n  "NOTICE": "This file holds connector tokens')
    assert '"type": "select"' in document and '"label": "Medium"' in document

    plan, outcome = await apply_text(target.backend, document)
    assert outcome.complete and len(outcome.applied) == len(plan.steps) == 10
    assert await exported(target.backend) == document
    kept = ConfigFile(target.config_path).load().field_types
    served = {f.name: f.type for f in target.store_fields()}
    if published:  # the server keeps no type: the config dir does, for this remote
        assert served["shirt_size"] is None
        assert sorted(d.type for d in kept[target.backend.base_url].values()) == [
            "integer",
            "select",
        ]
    else:
        assert served["shirt_size"] == "select" and kept == {}

    target.server.writes.clear()
    plan, outcome = await apply_text(target.backend, document)
    assert plan.empty and outcome.complete
    assert target.server.writes == []  # idempotent: the second run sends no write


async def test_a_changed_document_changes_only_what_differs(instances):
    instance = instances("one")
    await seed(instance.backend)
    edited = (await exported(instance.backend)).replace('"Badge"', '"Badge number"')
    edited = edited.replace('"badge.number"', '"badge.code"')
    instance.server.writes.clear()
    plan, outcome = await apply_text(instance.backend, edited)
    assert [s.action for s in plan.steps] == [Action.UPDATE_FIELD, Action.UPDATE_MAPPING]
    assert outcome.complete and len(instance.server.writes) == 2
    assert await exported(instance.backend) == edited


async def test_prune_deletes_what_the_document_lacks_and_only_with_prune(instances):
    instance = instances("one")
    await seed(instance.backend)
    hris_only = await exported(instance.backend, Category.HRIS, "employee")
    text = hris_only.replace('"bamboohr": "phones[?type==\'guardian\'].number | [0]"', "")
    # The document covers the employee fields only: the ATS field stays even with prune.

    plan, outcome = await apply_text(instance.backend, text)
    assert plan.empty and plan.differs and outcome.applied == ()

    plan, outcome = await apply_text(instance.backend, text, prune=True)
    assert [s.action for s in plan.steps] == [Action.DELETE_MAPPING] and outcome.complete
    after = await exported(instance.backend, Category.HRIS, "employee")
    assert parse_document(after) == parse_document(text)
    assert "desired_salary" in await exported(instance.backend)


def refuse_third_mapping_write():
    seen = []

    def refuse(method: str, path: str) -> bool:
        if "/custom-fields/mapping" not in path:
            return False
        seen.append(path)
        return len(seen) == 3

    return refuse


@pytest.mark.parametrize("published", [False, True], ids=["fieldmap-serve", "published-only"])
async def test_a_failed_mapping_write_stops_and_removes_the_field_it_half_mapped(
    instances, published
):
    source = instances("source")
    await seed(source.backend)
    document = await exported(source.backend, Category.HRIS)
    target = instances("target", published=published, refuse=refuse_third_mapping_write())

    _, outcome = await apply_text(target.backend, document)
    # badge_id: created, two mappings; guardian_phone: created, its mapping refused.
    assert isinstance(outcome.error, ConflictError) and outcome.rollback_error is None
    assert [(s.action, s.field.name) for s in outcome.applied] == [
        (Action.CREATE_FIELD, "badge_id"),
        (Action.CREATE_MAPPING, "badge_id"),
        (Action.CREATE_MAPPING, "badge_id"),
    ]
    assert [(s.action, s.field.name) for s in outcome.undone] == [
        (Action.CREATE_FIELD, "guardian_phone")
    ]
    assert [(s.action, s.field.name) for s in outcome.not_applied] == [
        (Action.CREATE_MAPPING, "guardian_phone")
    ]
    left = (await read_snapshot(target.backend)).configuration.fields
    assert {key.name for key in left} == {"badge_id"}


async def test_a_field_that_existed_stays_when_its_mapping_fails(instances):
    instance = instances("one", refuse=lambda method, path: "/custom-fields/mapping" in path)
    await instance.backend.create_field(
        build(NewCustomField, name="badge_id", category="HRIS", model="employee")
    )
    text = (await exported(instance.backend)).replace(
        '"integrations": {}', '"integrations": {"workday": "Worker_ID"}'
    )
    _, outcome = await apply_text(instance.backend, text)
    assert outcome.error is not None and outcome.undone == ()
    assert {k.name for k in (await read_snapshot(instance.backend)).configuration.fields} == {
        "badge_id"
    }


@pytest.mark.parametrize("published", [False, True], ids=["fieldmap-serve", "published-only"])
async def test_a_changed_type_and_options_are_applied_and_exported_back(instances, published):
    instance = instances("one", published=published)
    await seed_typed(instance.backend)
    text = (await exported(instance.backend)).replace('"label": "Large"', '"label": "L"')
    text = text.replace('"type": "integer"', '"type": "text"')
    instance.server.writes.clear()
    plan, outcome = await apply_text(instance.backend, text)
    assert [(s.action, s.field.name) for s in plan.steps] == [
        (Action.UPDATE_FIELD, "desk_floor"),
        (Action.UPDATE_FIELD, "shirt_size"),
    ]
    assert outcome.complete and len(instance.server.writes) == 2
    assert await exported(instance.backend) == text
    plan, _ = await apply_text(instance.backend, text)
    assert plan.empty


@pytest.mark.parametrize("published", [False, True], ids=["fieldmap-serve", "published-only"])
async def test_the_impact_shown_before_apply_comes_from_the_backend(instances, published):
    instance = instances("one", published=published)
    await seed(instance.backend)
    text = (await exported(instance.backend)).replace('"Worker_ID"', '"Worker.ID"')
    snapshot = await read_snapshot(instance.backend)
    plan = make_plan(parse_document(text), snapshot.configuration)
    shown = (await connector_impact(instance.backend, plan, snapshot)).splitlines()
    latest_only = "  (the server has no impact extension: each connector's latest row only)"
    assert (latest_only in shown) is published
    # The shared connector serves workday and has no rows; a published server lists no
    # connectors, and none is known to this client yet.
    reached = "0 connectors" if published else "1 connector"
    assert f"  HRIS/employee/badge_id · workday: {reached}, 0 with values that change" in shown
