"""Plain paths as Python functions give the interpreter's value on every kind of row."""

from __future__ import annotations

import jmespath
import pytest

from fieldmap.core.path_getters import getter

ROWS = [
    {"a": {"b": 1, "c": [{"d": "x"}, {"d": None}, {"e": 2}, 5, {"d": ""}]}, "list": [1, None, 2]},
    {"a": {"b": None}, "list": []},
    {"a": "text", "list": "not a list"},
    {"a": [{"b": 3}], "list": [[1, 2], [3]]},
    {"a b": {"c": True}, "a": {"c": {"d": [7]}}},
    [1, 2, 3],
    [{"d": 4}, {"e": 5}],
    "a string",
    None,
    7,
]
PATHS = [
    "a",
    "a.b",
    "a.c[*].d",
    "a.c[*].d | [0]",
    "a.c[*] | [0]",
    "a.c[*] | [-1]",
    "list[*]",
    "list[*] | [0]",
    "list[*][*]",
    "list[2]",
    "list[-5]",
    "a[*].b | [0]",
    '"a b".c',
    "a.c.d[*] | [0]",
    "[*].d | [0]",
    "[*]",
    "@",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_plain_path_gives_the_interpreters_value_on_every_row(path: str) -> None:
    get = getter(path)
    assert get is not None
    for row in ROWS:
        assert get(row) == jmespath.search(path, row), (path, row)


@pytest.mark.parametrize("path", ["a || b", "a[?b]", "length(a)", "a[]", "{x: a}", "a.*", "a[0:2]"])
def test_anything_but_a_plain_path_has_no_getter(path: str) -> None:
    assert getter(path) is None


def test_a_projection_has_no_getter_when_projections_are_not_wanted() -> None:
    assert getter("a.c[*].d | [0]", projections=False) is None
    assert getter("a.b", projections=False) is not None
