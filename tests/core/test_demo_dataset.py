"""The demo dataset: a coherent catalogue, realistic connectors, and mappings that resolve."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from fieldmap.core.catalogue import builtin_catalogue
from fieldmap.core.demo import demo_content
from fieldmap.core.demo.overrides import demo_override_mappings
from fieldmap.core.jmes import Resolved, check, evaluate, path_of
from fieldmap.core.models import (
    FIELD_NAME_PATTERN,
    JSON_PATH_PATTERN,
    MAX_JSON_PATH_LENGTH,
    Category,
    FieldSource,
)

HRIS, ATS, LMS = Category.HRIS, Category.ATS, Category.LMS
CORE_MODELS = {HRIS: "employee", ATS: "candidate", LMS: "enrollment"}
TOKEN = re.compile(r"[A-Za-z0-9_-]{64}")
# Objects whose keys are data (BambooHR's `dates`: one key per day off), not a shape.
DATA_KEYED = {"dates"}
# The one mapping that is meant to come out null on some rows: Workday workers without a badge.
PARTIAL = ("badge_id", "workday")
# The demo override meant to be broken (null on every row), for the overrides report.
BROKEN = next(m for m in demo_override_mappings() if m.field_name == "guardian_mobile")


@pytest.fixture(scope="module")
def cat():
    return builtin_catalogue()


@pytest.fixture(scope="module")
def content():
    return demo_content()


def integration_categories(cat) -> dict[str, set[Category]]:
    return {i.slug: set(i.categories) for i in cat.integrations}


def rows_of(connector, category: Category, model: str) -> list[dict[str, Any]]:
    return connector.rows.get((category, model), [])


def nodes(value: Any, steps: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, Any]]:
    """Every node of a JSON value with the keys and indices leading to it, root included."""
    yield steps, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, (*steps, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, (*steps, index))


def shape(value: Any) -> set[tuple[str, ...]]:
    """The key paths of a JSON value, with list indices and data keys collapsed."""
    paths = set()
    for steps, _ in nodes(value):
        collapsed: list[str] = []
        for step in steps:
            if isinstance(step, int):
                collapsed.append("[]")
            elif collapsed and collapsed[-1] in DATA_KEYED:
                collapsed.append("*")
            else:
                collapsed.append(step)
        paths.add(tuple(collapsed))
    return paths


def value_at(mapping, row: Any) -> Any:
    outcome = evaluate(mapping.json_path, row)
    assert isinstance(outcome, Resolved), f"{mapping.json_path}: {outcome}"
    return outcome.value


def effective_mapping(content, connector, field):
    """The mapping a connector uses for a field: its own override, else its integration's."""
    key = (field.category, field.model, field.name)
    candidates = [m for m in content.mappings if (m.category, m.model, m.field_name) == key]
    own = [m for m in candidates if m.connector_token == connector.token]
    shared = [m for m in candidates if m.integration_slug == connector.integration_slug]
    return (own or shared or [None])[0]


# --- the catalogue -----------------------------------------------------------------------


def test_the_catalogue_has_the_required_models(cat):
    models = {(m.category, m.slug): m.display_name for m in cat.models}
    for slug in ("employee", "employment", "company", "location", "team"):
        assert (HRIS, slug) in models
    for slug in ("candidate", "application", "job"):
        assert (ATS, slug) in models
    assert models[HRIS, "employee"] == "Employee"
    assert len(models) == len(cat.models), "a model is listed twice"


def test_the_catalogue_has_the_required_integrations(cat):
    categories = integration_categories(cat)
    names = {i.slug: i.display_name for i in cat.integrations}
    for slug in ("workday", "bamboohr", "personio", "hibob", "adp_workforce_now"):
        assert categories[slug] == {HRIS}
    for slug in ("greenhouse", "lever", "ashby"):
        assert categories[slug] == {ATS}
    assert names["bamboohr"] == "BambooHR"
    assert names["adp_workforce_now"] == "ADP Workforce Now"
    assert len(names) == len(cat.integrations), "an integration is listed twice"


def test_lms_is_real_models_an_integration_samples_and_a_connector_with_rows(cat, content):
    models = {(m.category, m.slug) for m in cat.models}
    assert {(LMS, "course"), (LMS, "enrollment")} <= models
    lms = [i.slug for i in cat.integrations if LMS in i.categories]
    assert lms == ["docebo"]
    assert {("docebo", LMS, "course"), ("docebo", LMS, "enrollment")} <= set(cat.samples)
    (academy,) = [c for c in content.connectors if c.integration_slug == "docebo"]
    assert len(rows_of(academy, LMS, "course")) >= 20
    assert len(rows_of(academy, LMS, "enrollment")) >= 200
    assert {f.model for f in content.fields if f.category is LMS} == {"course", "enrollment"}


def test_every_sample_is_of_a_known_model_its_integration_serves(cat):
    categories = integration_categories(cat)
    models = {(m.category, m.slug) for m in cat.models}
    for (integration, category, model), sample in cat.samples.items():
        assert category in categories[integration], (integration, category)
        assert (category, model) in models, (category, model)
        assert isinstance(sample, dict) and sample


def test_every_integration_has_samples_for_its_core_models(cat):
    for integration in cat.integrations:
        if HRIS in integration.categories:
            assert (integration.slug, HRIS, "employee") in cat.samples
        if ATS in integration.categories:
            for model in ("candidate", "application", "job"):
                assert (integration.slug, ATS, model) in cat.samples


def test_the_samples_have_distinct_shapes(cat):
    employees = [
        shape(s)
        for (_, category, model), s in cat.samples.items()
        if (category, model) == (HRIS, "employee")
    ]
    assert len(employees) >= 5
    for index, one in enumerate(employees):
        for other in employees[index + 1 :]:
            assert len(one & other) < len(one) / 2


def test_the_catalogue_is_deterministic_and_fresh(cat):
    again = builtin_catalogue()
    assert again == cat
    assert again.samples is not cat.samples


# --- connectors and their rows -----------------------------------------------------------


def test_connectors_belong_to_known_integrations_and_hold_rows_of_their_category(cat, content):
    categories = integration_categories(cat)
    models = {(m.category, m.slug) for m in cat.models}
    assert len(content.connectors) >= 5
    for connector in content.connectors:
        assert connector.integration_slug in categories
        assert 1 <= len(connector.name) <= 200
        assert connector.rows, connector.name
        for (category, model), rows in connector.rows.items():
            assert category in categories[connector.integration_slug]
            assert (category, model) in models
            assert rows and all(isinstance(row, dict) and row for row in rows)
        category = next(iter(categories[connector.integration_slug]))
        core_rows = rows_of(connector, category, CORE_MODELS[category])
        assert 20 <= len(core_rows) <= 5000, (connector.name, len(core_rows))


def test_connector_names_and_tokens_are_unique_url_safe_and_64_long(content):
    tokens = [c.token for c in content.connectors]
    assert all(TOKEN.fullmatch(token) for token in tokens), tokens
    assert len(set(tokens)) == len(tokens)
    assert len({c.name for c in content.connectors}) == len(content.connectors)


def test_a_workday_connector_has_5000_employees(content):
    sizes = [
        len(rows_of(c, HRIS, "employee"))
        for c in content.connectors
        if c.integration_slug == "workday"
    ]
    assert 5000 in sizes


def test_the_demo_content_is_deterministic(content):
    rebuilt = demo_content.__wrapped__()
    assert rebuilt == content
    assert rebuilt.connectors[0].rows is not content.connectors[0].rows


def test_rows_follow_their_integrations_sample_shape(cat, content):
    for connector in content.connectors:
        for (category, model), rows in connector.rows.items():
            sample = shape(cat.samples[connector.integration_slug, category, model])
            for index, row in enumerate(rows):
                unknown = shape(row) - sample
                assert not unknown, f"{connector.name} {model} row {index}: {sorted(unknown)[:3]}"


def test_rows_are_realistically_messy(content):
    by_name = {c.name: c for c in content.connectors}
    strings = [
        value
        for c in content.connectors
        for rows in c.rows.values()
        for row in rows
        for _, value in nodes(row)
        if isinstance(value, str)
    ]
    assert any(len(value) >= 2000 for value in strings), "no long note"
    assert any("\x1b[" in value for value in strings), "no terminal escape"
    assert any("[bold red]" in value for value in strings), "no markup-looking text"
    assert any(not value.isascii() for value in strings), "no unicode"
    bamboo = next(c for c in by_name.values() if c.integration_slug == "bamboohr")
    numbers = {type(row["employeeNumber"]) for row in rows_of(bamboo, HRIS, "employee")}
    assert numbers == {int, str}, "employee numbers should come both as numbers and strings"
    workers = rows_of(by_name["Acme Corp — Workday"], HRIS, "employee")
    mobiles = Counter(
        len(w["Worker_Data"]["Personal_Data"]["Contact_Data"]["Phone_Data"]) for w in workers
    )
    assert mobiles[1] and mobiles[2], "some workers should lack a second phone"
    assert any(
        "Middle_Name"
        not in w["Worker_Data"]["Personal_Data"]["Name_Data"]["Legal_Name_Data"]["Name_Detail_Data"]
        for w in workers
    )


# --- fields and mappings -----------------------------------------------------------------


def test_fields_have_valid_unique_names_on_known_models(cat, content):
    models = {(m.category, m.slug) for m in cat.models}
    keys = [(f.category, f.model, f.name) for f in content.fields]
    assert len(set(keys)) == len(keys)
    for field in content.fields:
        assert (field.category, field.model) in models
        assert re.fullmatch(FIELD_NAME_PATTERN, field.name) and 2 <= len(field.name) <= 128
        assert field.description and len(field.description) <= 1024
    assert {f.source for f in content.fields} == {FieldSource.API, FieldSource.DASHBOARD}
    names = {(f.category, f.model): set() for f in content.fields}
    for field in content.fields:
        names[field.category, field.model].add(field.name)
    assert {
        "guardian_mobile",
        "shirt_size",
        "cost_center",
        "badge_id",
        "preferred_pronouns",
        "emergency_contact_name",
    } <= names[HRIS, "employee"]
    assert {"desired_salary", "linkedin_url", "referral_source"} <= names[ATS, "candidate"]


def test_every_mapping_has_one_scope_a_field_and_a_path_resolving_on_the_sample(cat, content):
    fields = {(f.category, f.model, f.name) for f in content.fields}
    connectors = {c.token: c for c in content.connectors}
    categories = integration_categories(cat)
    for mapping in content.mappings:
        assert (mapping.category, mapping.model, mapping.field_name) in fields
        assert (mapping.integration_slug is None) != (mapping.connector_token is None)
        integration = (
            mapping.integration_slug or connectors[mapping.connector_token].integration_slug
        )
        assert mapping.category in categories[integration]
        assert check(mapping.json_path) is None, mapping.json_path
        assert re.fullmatch(JSON_PATH_PATTERN, mapping.json_path)
        assert len(mapping.json_path) <= MAX_JSON_PATH_LENGTH
        sample = cat.samples[integration, mapping.category, mapping.model]
        if mapping != BROKEN:
            assert value_at(mapping, sample) is not None, (integration, mapping.json_path)
    scopes = Counter(
        (m.category, m.model, m.field_name, m.integration_slug, m.connector_token)
        for m in content.mappings
    )
    assert max(scopes.values()) == 1, "two mappings at the same scope"


def test_mappings_resolve_on_every_row_except_the_partial_one(content):
    partial = []
    for connector in content.connectors:
        for field in content.fields:
            mapping = effective_mapping(content, connector, field)
            rows = rows_of(connector, field.category, field.model)
            if mapping is None or not rows:
                continue
            nulls = sum(value_at(mapping, row) is None for row in rows)
            if (field.name, connector.integration_slug) == PARTIAL:
                assert 0.1 * len(rows) <= nulls <= 0.3 * len(rows), (connector.name, nulls)
                partial.append(connector.name)
            elif mapping == BROKEN:
                assert nulls == len(rows), (connector.name, nulls)
            else:
                assert nulls == 0, (connector.name, field.name, nulls)
    assert partial, "the partial mapping should apply to a connector with rows"


def test_one_of_two_workday_connectors_overrides_a_mapping(content):
    workday = [c for c in content.connectors if c.integration_slug == "workday"]
    assert len(workday) >= 2
    tokens = {c.token for c in workday}
    overrides = [m for m in content.mappings if m.connector_token in tokens]
    assert len(overrides) == 1
    override = overrides[0]
    targets = [c for c in workday if c.token == override.connector_token]
    assert len(targets) == 1
    shared = next(
        m
        for m in content.mappings
        if m.integration_slug == "workday" and m.field_name == override.field_name
    )
    assert shared.json_path != override.json_path
    # Without its override, the connector would get nothing: the override is needed.
    rows = rows_of(targets[0], override.category, override.model)
    assert all(value_at(shared, row) is None for row in rows)
    assert all(value_at(override, row) is not None for row in rows)


def test_the_demo_has_three_overrides_one_of_each_kind_the_report_tells_apart(content):
    overrides = [m for m in content.mappings if m.connector_token]
    assert len(overrides) == 3  # Globex's needed one, a redundant and a broken one
    assert set(demo_override_mappings()) <= set(overrides)


def test_some_fields_are_left_unmapped(content):
    def mapped(name: str, integration: str | None = None) -> bool:
        return any(
            m.field_name == name and integration in (None, m.integration_slug)
            for m in content.mappings
        )

    assert not mapped("preferred_pronouns")
    assert not mapped("emergency_contact_name", "personio")
    assert mapped("emergency_contact_name", "workday")


# --- the path of a node, round trip ------------------------------------------------------

AWKWARD = {
    "first-name": "Zoë",
    "2fa": True,
    "a b": [1, {"c.d": None}],
    "a.b": {"": "empty key", "'": "apostrophe"},
    'q"t': {"back\\slash": "\\", "tab\there": "\t"},
    "prénom": "José",
    "": {"": ""},
    "Abteilung/Größe": "M",
    "null": "not null",
    "@": "at",
    "[0]": [[[]]],
    "esc\u001b[31m": "\u001b[31mred\u001b[0m",
    "李雷": {"😀": 1},
}


@pytest.mark.parametrize("name", ["awkward", "samples"])
def test_the_path_of_every_node_selects_that_node(cat, name):
    documents = [AWKWARD] if name == "awkward" else list(cat.samples.values())
    count = 0
    for document in documents:
        for steps, node in nodes(document):
            path = path_of(list(steps))
            outcome = evaluate(path, document)
            assert outcome == Resolved(node), (steps, path, outcome)
            assert outcome.value is node, (steps, path)
            count += 1
    assert count > (20 if name == "awkward" else 1000)


def test_samples_have_awkward_keys_and_strings(cat):
    keys = {
        step
        for sample in cat.samples.values()
        for steps, _ in nodes(sample)
        for step in steps[-1:]
        if isinstance(step, str)
    }
    assert any("-" in key for key in keys)
    assert any(key[:1].isdigit() for key in keys)
    assert any(" " in key for key in keys)
    assert any("." in key for key in keys)
    assert any('"' in key for key in keys)
    assert any(not key.isascii() for key in keys)
    strings = [
        node
        for sample in cat.samples.values()
        for _, node in nodes(sample)
        if isinstance(node, str)
    ]
    assert any("[bold red]VIP[/]" in s for s in strings)
    assert any("\x1b" in s for s in strings)
    assert any("\t" in s for s in strings)
