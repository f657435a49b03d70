"""Configuration documents: stable text, exact round trips, and hostile files refused."""

from __future__ import annotations

import json
import re
from random import Random

import pytest

from fieldmap.core.config_document import (
    MAX_DOCUMENT_BYTES,
    TOKENS_NOTICE,
    Configuration,
    DocumentError,
    FieldConfig,
    configuration_from,
    parse_document,
    render_document,
)
from fieldmap.core.models import Category
from tests.core.config_samples import BADGE, SALARY, SIZE, TOKEN, random_configuration, sample


def test_a_document_reads_back_as_the_configuration_it_was_written_from():
    configuration = sample()
    assert parse_document(render_document(configuration)) == configuration


def test_equal_configurations_give_byte_identical_documents_whatever_their_order():
    configuration = sample()
    reordered = Configuration(dict(reversed(configuration.fields.items())))
    badge = configuration.fields[BADGE]
    reordered.fields[BADGE] = FieldConfig(
        badge.description,
        badge.type,
        dict(reversed(badge.integrations.items())),
        badge.connectors,
    )
    assert render_document(reordered) == render_document(configuration)


@pytest.mark.parametrize("seed", range(40))
def test_random_configurations_round_trip_exactly(seed):
    configuration = random_configuration(Random(seed))
    text = render_document(configuration)
    assert parse_document(text) == configuration
    assert render_document(parse_document(text)) == text


def test_the_layout_is_keyed_by_category_model_and_name_with_sorted_keys():
    document = json.loads(render_document(sample()))
    assert list(document) == ["NOTICE", "fieldmap", "fields"]
    assert list(document["fields"]) == ["ATS", "HRIS"]
    badge = document["fields"]["HRIS"]["employee"]["badge_id"]
    assert badge == {
        "description": "Number on the badge",
        "mappings": {
            "connectors": {TOKEN: "Worker.Other_Badge"},
            "integrations": {"hibob": 'work.custom."badge-id"', "workday": "Worker.Badge"},
        },
        "type": "text",
    }
    size = document["fields"]["HRIS"]["employee"]["shirt_size"]
    assert size["options"] == [{"label": "Small", "value": "s"}, {"label": "Médium", "value": "m"}]
    assert not re.search(r'"id"|[0-9a-f]{8}-[0-9a-f]{4}-', json.dumps(document))  # no ids


def test_the_notice_is_on_top_only_when_the_file_holds_connector_tokens():
    with_tokens = render_document(sample())
    assert with_tokens.splitlines()[1] == f'  "NOTICE": {json.dumps(TOKENS_NOTICE)},'
    without = Configuration({k: v for k, v in sample().fields.items() if k != BADGE})
    assert "NOTICE" not in render_document(without)


def test_characters_that_act_on_a_terminal_are_escaped_and_readable_ones_kept():
    configuration = Configuration(
        {SALARY: FieldConfig("Größe \u202e\u0007 \u200b", integrations={"ashby": "a.b"})}
    )
    text = render_document(configuration)
    assert "Größe" in text and "\u202e" not in text and "\u200b" not in text
    assert "\\u202e" in text and "\\u0007" in text
    assert parse_document(text) == configuration


def test_an_export_limited_to_a_category_says_so_and_its_fields_stay_within_it():
    fields = sample().fields
    limited = Configuration({k: v for k, v in fields.items() if k != SALARY}, Category.HRIS)
    text = render_document(limited)
    assert json.loads(text)["fieldmap"] == {"category": "HRIS", "format": 1, "model": None}
    assert parse_document(text).category is Category.HRIS
    outside = json.loads(text)
    outside["fields"]["ATS"] = json.loads(render_document(sample()))["fields"]["ATS"]
    with pytest.raises(DocumentError, match="outside the category and model of the header"):
        parse_document(json.dumps(outside))


def _document(**changes):
    document = json.loads(render_document(sample()))
    field = document["fields"]["HRIS"]["employee"]["badge_id"]
    for key, value in changes.items():
        field[key] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "not JSON"),
        ("{", "not JSON"),
        ("[]", "the document: should be an object, not a list"),
        ('{"fieldmap": {"format": 2}, "fields": {}}', "fieldmap.format: should be 1, not 2"),
        ('{"fields": {}}', "fieldmap: should be an object, not null"),
        ('{"fieldmap": {"format": 1}, "fields": {}, "x": 1}', "x: unknown key"),
        ('{"fieldmap": {"format": 1}, "fields": {"CRM": {}}}', "fields.CRM: should be one of"),
        (
            '{"fieldmap": {"format": 1}, "fields": {"HRIS": {"Em ployee": {}}}}',
            "is not a model slug",
        ),
        (_document(type="colour"), "badge_id.type: should be one of"),
        (_document(type=["text"]), "badge_id.type: should be one of"),
        ('{"fieldmap": {"format": true}, "fields": {}}', "fieldmap.format: should be 1"),
        ('{"fieldmap": {"format": 1, "category": []}, "fields": {}}', "category: should be one"),
        ('{"fieldmap": {"format": 1, "model": {}}, "fields": {}}', "model: should be text"),
        ('{"fieldmap": {"format": 1}, "fields": []}', "fields: should be an object, not a list"),
        (_document(mappings=[]), "mappings: should be an object"),
        (_document(mappings={"connectors": {"t": 5}}), "should be text, not number"),
        (_document(options={"a": 1}), "options: should be a list"),
        (_document(options=["a"]), "options.0: should be an object"),
        (_document(type="select"), "a select field needs at least one option"),
        (_document(options=[{"value": "a", "label": "A"}]), "only select and multiselect"),
        (_document(options=[{"value": 1, "label": "A"}]), "options.0.value: should be text"),
        (_document(description=7), "description: should be text or null, not number"),
        (_document(description="x" * 1025), "longer than 1,024 characters"),
        (_document(mappings={"integrations": {"workday": "a.["}}), "the path does not compile"),
        (_document(mappings={"integrations": {"workday": " a"}}), "two characters at least"),
        (_document(mappings={"integrations": {"workday": "a" * 1025}}), "longer than 1,024"),
        (_document(mappings={"integration": {}}), "mappings.integration: unknown key"),
        (_document(mappings={"connectors": {"": "a.b"}}), "a scope has 1 to 256 characters"),
        (_document(id="0190"), "badge_id.id: unknown key"),
        (
            '{"fieldmap": {"format": 1}, "fields": {"HRIS": {"employee": {"Bad": {}}}}}',
            "is not a field name",
        ),
        ('{"a": 1, "a": 2}', 'the key "a" appears twice in one object'),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_hostile_documents_are_refused_with_a_located_reason(text, problem):
    with pytest.raises(DocumentError) as caught:
        parse_document(text)
    assert problem in caught.value.message


def test_a_json_syntax_error_says_its_line_and_column():
    with pytest.raises(DocumentError) as caught:
        parse_document('{\n  "fieldmap": ,\n}')
    assert (caught.value.line, caught.value.column) == (2, 15)


def test_a_document_over_the_size_cap_is_refused_unread():
    with pytest.raises(DocumentError, match="larger than"):
        parse_document(b" " * (MAX_DOCUMENT_BYTES + 1))


def test_every_problem_is_reported_at_once_and_hostile_keys_are_quoted():
    document = json.loads(_document(type="colour", description=7))
    document["fields"]["HRIS"]["employee"]["\u202ebad"] = {}
    with pytest.raises(DocumentError) as caught:
        parse_document(json.dumps(document))
    problems = caught.value.problems
    assert len(problems) == 3
    assert all("\u202e" not in problem for problem in problems)


def test_a_backend_s_fields_and_mappings_make_a_configuration_without_ids(engine):
    from fieldmap.core.models import NewCustomField, NewMapping
    from fieldmap.core.operations import Scope

    field = engine.create_field(
        NewCustomField(name="badge_id", description="b", category="HRIS", model="employee")
    )
    other = engine.create_field(NewCustomField(name="score", category="ATS", model="candidate"))
    engine.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path="a.b")
    )
    fields = engine.list_fields()
    mappings = engine.list_mappings(Scope(integration_slug="workday"))
    everything = configuration_from(fields, mappings)
    assert everything.fields[BADGE] == FieldConfig("b", integrations={"workday": "a.b"})
    assert len(everything.fields) == 2
    hris = configuration_from(fields, mappings, category=Category.HRIS)
    assert list(hris.fields) == [BADGE] and other.id  # the ATS field is left out
    assert SIZE not in hris.fields


_JUNK = (None, True, 0, 1.5, "x", "", [], {}, [1], {"a": 1}, "a" * 2000)


def _mutated(node, rng):
    """`node` with one value somewhere replaced by junk."""
    if isinstance(node, dict) and node and rng.random() < 0.8:
        key = rng.choice(sorted(node))
        return {**node, key: _mutated(node[key], rng)}
    if isinstance(node, list) and node and rng.random() < 0.8:
        index = rng.randrange(len(node))
        return [*node[:index], _mutated(node[index], rng), *node[index + 1 :]]
    return rng.choice(_JUNK)


@pytest.mark.parametrize("seed", range(300))
def test_a_mutated_document_is_read_or_refused_never_crashes(seed):
    rng = Random(seed)
    tree = json.loads(render_document(sample()))
    text = json.dumps(_mutated(tree, rng))
    try:
        configuration = parse_document(text)
    except DocumentError as error:
        assert error.problems
    else:
        assert parse_document(render_document(configuration)) == configuration
