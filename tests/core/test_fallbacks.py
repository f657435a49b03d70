"""Fallback suggestions `A || B` for an expression that leaves rows null."""

from __future__ import annotations

import pytest

from fieldmap.core import jmes
from fieldmap.core.coverage import coverage
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.errors import InvalidJsonPathError
from fieldmap.core.fallbacks import combine, suggest_fallbacks
from tests.core.demo_rows import acme_employees, demo_engine  # noqa: F401


def assert_figures_are_jmespaths(suggestions, rows):
    """What each suggestion claims is what JMESPath gives on the rows."""
    for suggestion in suggestions:
        assert coverage(suggestion.expression, rows).non_null == suggestion.filled
        rescued = rows[suggestion.sample_row]
        assert jmes.evaluate(suggestion.expression, rescued).value == suggestion.sample


def test_the_demo_badge_id_gets_fallbacks_that_raise_its_coverage(acme_employees):  # noqa: F811
    before = coverage(WORKDAY_BADGE_ID, acme_employees)
    assert before.non_null / before.rows == pytest.approx(0.805, abs=0.001)
    suggestions = suggest_fallbacks(WORKDAY_BADGE_ID, acme_employees)
    assert suggestions
    best = suggestions[0]
    assert best.filled_before == before.non_null
    assert best.coverage > 0.805
    assert best.expression.startswith(f"({WORKDAY_BADGE_ID}) || ")
    assert jmes.evaluate(WORKDAY_BADGE_ID, acme_employees[best.sample_row]).value is None
    assert_figures_are_jmespaths(suggestions, acme_employees)


def test_the_greedy_chain_adds_a_third_term_where_the_second_leaves_rows():
    rows = [
        {"badge": "B-1"},
        {"alt": {"badge": "B-2"}},
        {"legacy": "B-3"},
        {"legacy": "B-4"},
        {"nothing": 1},
    ]
    suggestions = suggest_fallbacks("badge", rows)
    assert [s.expression for s in suggestions] == [
        "badge || legacy",
        "badge || alt.badge",
        "badge || legacy || alt.badge",
    ]
    assert [s.filled for s in suggestions] == [3, 2, 4]
    assert suggestions[-1].coverage == pytest.approx(0.8)
    assert_figures_are_jmespaths(suggestions, rows)


def test_only_values_of_the_same_type_are_offered_and_arrays_become_their_first_value():
    rows = [{"n": 1}, {"s": "text", "list": [{"v": 7}]}]
    suggestions = suggest_fallbacks("n", rows)
    assert [s.expression for s in suggestions] == ["n || (list[*].v | [0])"]
    assert suggestions[0].sample == 7
    assert_figures_are_jmespaths(suggestions, rows)


def test_jmespath_or_replaces_falsy_values_too_and_that_is_counted():
    # `"" || null` is null: row 0 has a value for A but loses it with this fallback.
    rows = [{"a": ""}, {"b": "x"}, {"b": "y"}]
    suggestions = suggest_fallbacks("a", rows)
    assert [(s.expression, s.filled_before, s.filled) for s in suggestions] == [("a || b", 1, 2)]
    assert_figures_are_jmespaths(suggestions, rows)


def test_an_expression_that_fills_every_row_needs_no_fallback():
    assert suggest_fallbacks("a", [{"a": 1}, {"a": 2}]) == []


def test_a_pipe_is_parenthesised_so_that_it_does_not_swallow_the_fallback():
    assert combine("a[*].b | [0]", ["c | [0]", "d"]) == "(a[*].b | [0]) || (c | [0]) || d"
    assert jmes.evaluate(combine("a[*].b | [0]", ["d"]), {"a": [], "d": 4}).value == 4


def test_an_expression_that_does_not_compile_is_its_error():
    with pytest.raises(InvalidJsonPathError):
        suggest_fallbacks("a[", [{"a": 1}])
