"""JMESPath evaluation details beyond the compliance suite."""

import pytest

from fieldmap.core import jmes


@pytest.mark.parametrize("expression", ["&a", "[&a, b]", "{x: &a}"])
def test_an_expression_reference_outside_a_function_is_refused(expression):
    outcome = jmes.evaluate(expression, {"a": 1})
    assert isinstance(outcome, jmes.PathError)
    assert outcome.column == expression.index("&")
    assert jmes.check(expression) is not None


def test_expression_references_as_function_arguments_work():
    assert jmes.evaluate("sort_by(@, &n)[*].n", [{"n": 2}, {"n": 1}]) == jmes.Resolved([1, 2])


@pytest.mark.parametrize("key", ["bidi\u202ekey", "c1\x9bx", "esc\x1b[31m", "line\u2028sep"])
def test_paths_escape_characters_that_act_on_a_terminal(key):
    path = jmes.path_of(["a", key])
    assert path.isprintable()
    assert jmes.evaluate(path, {"a": {key: 1}}) == jmes.Resolved(1)


def test_readable_unicode_stays_readable_in_paths():
    assert jmes.path_of(["prénom", "名前"]) == '"prénom"."名前"'


def test_a_deeply_nested_expression_is_an_error_not_a_crash():
    outcome = jmes.evaluate("[" * 400 + "]" * 400, {})
    assert isinstance(outcome, jmes.PathError)
    assert "nested too deeply" in outcome.message
