"""The demo dataset: a coherent catalogue with realistic, awkward raw samples."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from fieldmap.core.demo import catalog
from fieldmap.core.jmes import Resolved, evaluate, path_of
from fieldmap.core.models import (
    Category,
)

HRIS, ATS = Category.HRIS, Category.ATS
# Objects whose keys are data (BambooHR's `dates`: one key per day off), not a shape.
DATA_KEYED = {"dates"}


@pytest.fixture(scope="module")
def cat():
    return catalog()


def integration_categories(cat) -> dict[str, set[Category]]:
    return {i.slug: set(i.categories) for i in cat.integrations}


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
    again = catalog()
    assert again == cat
    assert again.samples is not cat.samples


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
