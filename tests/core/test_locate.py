"""`locate` points at the very nodes an expression selects, or admits it cannot."""

from __future__ import annotations

import pytest

from fieldmap.core import jmes
from fieldmap.core.locate import find, locate

ROW = {
    "id": 7,
    "name": {"first": "Zoë", "last": "Müller"},
    "manager": None,
    "phones": [
        {"type": "Mobile", "number": "+1 415 555 0100"},
        {"type": "Guardian", "number": "+1 415 555 0199"},
        {"type": "Work"},
    ],
    "teams": [["a", "b"], ["c"]],
    "first-name": "Zoë",
}


def value_at(steps, data=ROW):
    for step in steps:
        data = data[step]
    return data


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("name.first", [("name", "first")]),
        ("phones[1].number", [("phones", 1, "number")]),
        ("phones[-1]", [("phones", 2)]),
        ("phones[*].number", [("phones", 0, "number"), ("phones", 1, "number")]),
        ("phones[?type=='Guardian'].number", [("phones", 1, "number")]),
        ("phones[1:].type", [("phones", 1, "type"), ("phones", 2, "type")]),
        ("teams[]", [("teams", 0, 0), ("teams", 0, 1), ("teams", 1, 0)]),
        ("name.*", [("name", "first"), ("name", "last")]),
        ('"first-name"', [("first-name",)]),
        ("phones | [0].type", [("phones", 0, "type")]),
        ("manager", [("manager",)]),
        ("@", [()]),
        ("missing.key", []),
        ("id.first", []),
    ],
)
def test_locate_finds_the_selected_nodes(expression, expected):
    assert locate(expression, ROW) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "phones[*].number",
        "phones[?type=='Guardian'].number",
        "teams[]",
        "name.*",
        "phones[1:].type",
    ],
)
def test_the_located_nodes_hold_the_values_of_the_result(expression):
    outcome = jmes.evaluate(expression, ROW)
    assert isinstance(outcome, jmes.Resolved)
    assert [value_at(steps) for steps in locate(expression, ROW)] == outcome.value


@pytest.mark.parametrize(
    "expression", ["length(phones)", "{a: id}", "`1`", "id == `7`", "phones[", "phones[0:1:0]"]
)
def test_computed_or_invalid_expressions_are_not_located(expression):
    assert locate(expression, ROW) is None


def test_locate_stops_at_the_limit():
    assert len(locate("[*]", list(range(50)), limit=10)) == 10


def test_find_matches_keys_and_scalar_values_in_document_order():
    assert find(ROW, "number") == [("phones", 0, "number"), ("phones", 1, "number")]
    assert find(ROW, "MÜLLER") == [("name", "last")]
    assert find(ROW, "null") == [("manager",)]
    assert find(ROW, "0199") == [("phones", 1, "number")]
    assert find(ROW, "o", limit=3) == [("name", "first"), ("phones",), ("phones", 0, "type")]
    assert find(ROW, "") == []


class _Untouchable(dict):
    def __contains__(self, key: object) -> bool:
        raise AssertionError("walked past the marks wanted")


@pytest.mark.parametrize(
    "expression",
    ["report.items[*].k", "report.items[?k > `-1`].k", "report.items[*]", "report.items[].k"],
)
def test_a_projection_at_the_end_is_walked_only_as_far_as_the_marks_wanted(expression):
    """What the tree marks of 265,000 records is the first 1,000: the rest are not walked."""
    items = [{"k": n} for n in range(5)] + [_Untouchable(k=5)]
    found = locate(expression, {"report": {"items": items}}, limit=3)
    assert found is not None and len(found) == 3
    assert found[0][:3] == ("report", "items", 0) and found[2][:3] == ("report", "items", 2)


def test_an_index_reaches_its_element_without_walking_the_others():
    items = [_Untouchable(k=n) for n in range(5)] + [{"k": 5}]
    assert locate("items[5].k", {"items": items}) == [("items", 5, "k")]
    assert locate("items[-1].k", {"items": items}) == [("items", 5, "k")]
