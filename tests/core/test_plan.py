"""Plans: what applying a document creates, changes and deletes, in order, and idempotence."""

from __future__ import annotations

import json
from dataclasses import replace
from random import Random

import pytest

from fieldmap.core.config_document import Configuration, FieldConfig, FieldKey
from fieldmap.core.field_types import FieldType, TypeSpec
from fieldmap.core.models import Category
from fieldmap.core.plan import (
    Action,
    Scope,
    apply_plan,
    make_plan,
    render_json,
    render_text,
    rollback,
)
from tests.core.config_samples import BADGE, SALARY, SIZE, TOKEN, random_configuration, sample

EMPTY = Configuration({})
A = Action


def test_a_document_against_an_empty_configuration_creates_field_by_field():
    plan = make_plan(sample(), EMPTY)
    assert [(s.action, s.field, s.scope) for s in plan.steps] == [
        (A.CREATE_FIELD, SALARY, None),
        (A.CREATE_FIELD, BADGE, None),
        (A.CREATE_MAPPING, BADGE, Scope("integration", "hibob")),
        (A.CREATE_MAPPING, BADGE, Scope("integration", "workday")),
        (A.CREATE_MAPPING, BADGE, Scope("connector", TOKEN)),  # organization scopes first
        (A.CREATE_FIELD, SIZE, None),
        (A.CREATE_MAPPING, SIZE, Scope("integration", "bamboohr")),
    ]
    assert plan.counts() == {"create": 7, "change": 0, "delete": 0, "not pruned": 0}


def test_the_same_configuration_gives_an_empty_plan():
    plan = make_plan(sample(), sample(), prune=True)
    assert plan.empty and not plan.differs


def _edited():
    fields = dict(sample().fields)
    badge = fields[BADGE]
    fields[BADGE] = replace(
        badge,
        type=TypeSpec(FieldType.INTEGER),
        integrations={"workday": "Worker.New_Badge"},  # hibob dropped, workday changed
    )
    del fields[SIZE]
    return Configuration(fields)


def test_changes_and_deletions_without_prune_leave_the_deletions_out():
    plan = make_plan(_edited(), sample())
    assert [(s.action, s.field) for s in plan.steps] == [
        (A.UPDATE_FIELD, BADGE),
        (A.UPDATE_MAPPING, BADGE),
    ]
    assert plan.steps[1].before == "Worker.Badge" and plan.steps[1].after == "Worker.New_Badge"
    assert [(s.action, s.field) for s in plan.not_pruned] == [
        (A.DELETE_MAPPING, BADGE),
        (A.DELETE_FIELD, SIZE),
    ]
    assert plan.differs


def test_with_prune_deletions_come_last_mappings_before_fields():
    plan = make_plan(_edited(), sample(), prune=True)
    assert [s.action for s in plan.steps] == [
        A.UPDATE_FIELD,
        A.UPDATE_MAPPING,
        A.DELETE_MAPPING,
        A.DELETE_FIELD,
    ]
    assert plan.steps[2].scope == Scope("integration", "hibob")
    assert plan.not_pruned == ()


def test_prune_stays_within_what_the_document_covers():
    hris_only = Configuration({BADGE: sample().fields[BADGE]}, Category.HRIS)
    plan = make_plan(hris_only, sample(), prune=True)
    assert [(s.action, s.field) for s in plan.steps] == [(A.DELETE_FIELD, SIZE)]  # not SALARY


@pytest.mark.parametrize("seed", range(200))
@pytest.mark.parametrize("prune", [True, False])
def test_applying_a_plan_makes_the_next_plan_empty(seed, prune):
    rng = Random(seed)
    document, current = random_configuration(rng), random_configuration(rng)
    applied = apply_plan(current, make_plan(document, current, prune))
    assert make_plan(document, applied, prune).empty
    if prune:
        assert applied.fields == document.fields
        return
    assert set(current.fields) <= set(applied.fields)  # nothing deleted
    for key, config in document.fields.items():
        got = applied.fields[key]
        assert (got.description, got.type) == (config.description, config.type)
        assert config.integrations.items() <= got.integrations.items()
        assert config.connectors.items() <= got.connectors.items()


def test_a_failure_removes_the_field_created_in_this_run_that_is_not_fully_mapped():
    plan = make_plan(sample(), EMPTY)
    # Steps 0 (SALARY), 1 (BADGE) and 2 (its first mapping) applied; the second mapping failed.
    (undo,) = rollback(plan, applied=3)
    assert undo.action is A.DELETE_FIELD and undo.field == BADGE
    assert rollback(plan, applied=2) == [rollback(plan, applied=3)[0]]
    assert rollback(plan, applied=1) == []  # SALARY has no mapping to wait for
    assert rollback(plan, applied=len(plan.steps)) == []


def test_a_field_that_existed_before_the_run_is_never_rolled_back():
    current = Configuration({BADGE: FieldConfig("Number on the badge")})
    plan = make_plan(sample(), current)
    badge_steps = [i for i, s in enumerate(plan.steps) if s.field == BADGE]
    assert plan.steps[badge_steps[0]].action is A.UPDATE_FIELD
    assert all(s.field != BADGE for s in rollback(plan, applied=badge_steps[1]))


def test_the_readable_rendering_shortens_tokens_and_says_what_stays():
    text = render_text(make_plan(_edited(), sample()))
    assert "~ HRIS/employee/badge_id: field: type text -> integer" in text
    assert (
        '~ HRIS/employee/badge_id: mapping for workday: "Worker.Badge" -> "Worker.New_Badge"'
        in text
    )
    assert "Without --prune, these stay" in text
    assert "- HRIS/employee/shirt_size: field" in text
    assert text.rstrip().endswith("0 to create, 2 to change, 0 to delete.")
    created = render_text(make_plan(sample(), EMPTY))
    assert TOKEN not in created and "connector demo_t…" in created
    assert render_text(make_plan(sample(), sample())).startswith("Nothing to apply.")


def test_a_hostile_slug_or_path_is_shown_escaped():
    key = FieldKey(Category.HRIS, "employee", "badge_id")
    document = Configuration({key: FieldConfig(integrations={"\u202eevil": "a\u0007b"})})
    text = render_text(make_plan(document, EMPTY))
    assert "\u202e" not in text and "\u0007" not in text


def test_the_json_rendering_has_every_step_with_full_tokens():
    rendered = json.loads(render_json(make_plan(_edited(), sample(), prune=True)))
    assert rendered["counts"] == {"create": 0, "change": 2, "delete": 2, "not pruned": 0}
    assert [s["action"] for s in rendered["steps"]][-1] == "delete field"
    change = rendered["steps"][0]
    assert change["before"]["type"] == "text" and change["after"]["type"] == "integer"
    created = json.loads(render_json(make_plan(sample(), EMPTY)))
    assert {"kind": "connector", "name": TOKEN} in [s["scope"] for s in created["steps"]]
