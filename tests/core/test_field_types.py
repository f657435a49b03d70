"""Typed fields: each type's fit rules, counts across rows, conversions, proposed types."""

from __future__ import annotations

import pytest

from fieldmap.core.columns import Failed
from fieldmap.core.conversions import propose_from_coverage, propose_type, suggest_conversions
from fieldmap.core.coverage import coverage
from fieldmap.core.field_types import (
    ANY,
    FAILING_ROW_LIMIT,
    FieldType,
    Option,
    TypeSpec,
    fit,
    misfit,
)

T = FieldType
SIZES = TypeSpec(T.SELECT, (Option("s", "Small"), Option("m", "Medium")))
TAGS = TypeSpec(T.MULTISELECT, SIZES.options)

FITS = [
    (TypeSpec(T.TEXT), "hello"),
    (TypeSpec(T.NUMBER), 4.5),
    (TypeSpec(T.NUMBER), 4),
    (TypeSpec(T.INTEGER), 4),
    (TypeSpec(T.INTEGER), 4.0),
    (TypeSpec(T.BOOLEAN), False),
    (TypeSpec(T.DATE), "2024-02-29"),
    (TypeSpec(T.DATETIME), "2024-02-29T10:30:00Z"),
    (TypeSpec(T.DATETIME), "2024-02-29 10:30+01:00"),
    (SIZES, "m"),
    (TAGS, ["s", "m"]),
    (TAGS, []),
    (TypeSpec(T.OBJECT), {"a": 1}),
    (TypeSpec(T.ARRAY), [1, "a"]),
    (ANY, [1, {"a": None}]),
]
MISFITS = [
    (TypeSpec(T.TEXT), 42, "a number where text is declared"),
    (TypeSpec(T.TEXT), ["a"], "a list for a single value"),
    (TypeSpec(T.NUMBER), "42", "text where a number is declared"),
    (TypeSpec(T.NUMBER), True, "a boolean where a number is declared"),
    (TypeSpec(T.INTEGER), 4.5, "a fraction where an integer is declared"),
    (TypeSpec(T.BOOLEAN), "true", "text where a boolean is declared"),
    (TypeSpec(T.DATE), "2023-02-29", "a date that does not parse"),
    (TypeSpec(T.DATE), "29/02/2024", "a date that does not parse"),
    (TypeSpec(T.DATE), "20240229", "a date that does not parse"),
    (TypeSpec(T.DATETIME), "2024-02-29", "a date and time that does not parse"),
    (TypeSpec(T.DATETIME), 1709202600, "a number where a date and time is declared"),
    (SIZES, "xl", "a value outside the options"),
    (SIZES, "Small", "a value outside the options"),  # the label is not the value
    (SIZES, ["s"], "a list for a single value"),
    (TAGS, "s", "text where a list of options is declared"),
    (TAGS, ["s", "xl"], "a value outside the options"),
    (TypeSpec(T.OBJECT), [], "a list where an object is declared"),
    (TypeSpec(T.ARRAY), {}, "an object where a list is declared"),
]


@pytest.mark.parametrize(("spec", "value"), FITS)
def test_values_that_fit(spec, value):
    assert misfit(spec, value) is None


@pytest.mark.parametrize(("spec", "value", "reason"), MISFITS)
def test_values_that_do_not_fit_say_why(spec, value, reason):
    assert misfit(spec, value) == reason


@pytest.mark.parametrize("kind", list(FieldType))
def test_null_always_fits(kind):
    assert (
        misfit(TypeSpec(kind, SIZES.options if kind in (T.SELECT, T.MULTISELECT) else ()), None)
        is None
    )


def test_fit_counts_rows_and_lists_the_first_failing_ones():
    values = [1, None, "2", Failed("boom"), 3.5] + ["x"] * (FAILING_ROW_LIMIT + 5)
    result = fit(TypeSpec(T.INTEGER), values)
    assert (result.rows, result.fitting, result.null, result.errors) == (len(values), 1, 1, 1)
    assert result.misfits == 2 + FAILING_ROW_LIMIT + 5
    assert result.reasons == {
        "text where an integer is declared": 1 + FAILING_ROW_LIMIT + 5,
        "a fraction where an integer is declared": 1,
    }
    assert [r.row for r in result.failing_rows[:2]] == [2, 4]
    assert len(result.failing_rows) == FAILING_ROW_LIMIT


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        (TypeSpec(T.SELECT), "a select field needs at least one option"),
        (TypeSpec(T.TEXT, SIZES.options), "only select and multiselect fields have options"),
        (
            TypeSpec(T.SELECT, (Option("a", "A"), Option("a", "B"))),
            "option values must differ: 'a'",
        ),
        (TypeSpec(T.SELECT, (Option("", "A"),)), "an option's value and label are not empty"),
    ],
)
def test_unsound_declarations(spec, problem):
    assert problem in spec.problems()


def test_sound_declarations_have_no_problem():
    assert SIZES.problems() == [] and ANY.problems() == [] and TypeSpec(T.DATE).problems() == []


def _rows(values):
    return [{"v": value} for value in values]


@pytest.mark.parametrize(
    ("spec", "values", "expression"),
    [
        (TypeSpec(T.NUMBER), ["42", "7.5", None], "to_number(v)"),
        (TypeSpec(T.INTEGER), ["42", 3], "to_number(v)"),
        (TypeSpec(T.BOOLEAN), ["true", "false", None], "v && v == 'true'"),
        (TypeSpec(T.TEXT), [["a"], ["b"], None], "v | [0]"),
        (TypeSpec(T.NUMBER), [["42"], None, ["7"]], "to_number(v | [0])"),
        (TypeSpec(T.TEXT), [42, "b", True], "to_string(v)"),
    ],
)
def test_a_conversion_is_suggested_with_the_fit_it_reaches(spec, values, expression):
    suggestions = suggest_conversions(spec, "v", _rows(values))
    assert suggestions[0].expression == expression
    assert suggestions[0].fit.misfits == 0
    assert suggestions[0].fit.null == values.count(None)  # nulls stay null


def test_a_compound_expression_is_parenthesised_where_operators_need_it():
    (best, *_) = suggest_conversions(TypeSpec(T.BOOLEAN), "a || b", [{"a": "true"}])
    assert best.expression == "(a || b) && (a || b) == 'true'"
    assert best.fit.fitting == 1


def test_no_suggestion_when_values_fit_or_nothing_helps():
    assert suggest_conversions(TypeSpec(T.NUMBER), "v", _rows([1, 2])) == []
    assert suggest_conversions(TypeSpec(T.NUMBER), "v", _rows(["n/a", "x"])) == []
    assert suggest_conversions(TypeSpec(T.DATE), "v", _rows(["soon"])) == []


def test_a_conversion_keeps_the_values_that_fitted():
    # to_number keeps the fitting 5 and turns "x", which did not fit, into null.
    (only,) = suggest_conversions(TypeSpec(T.NUMBER), "v", _rows(["1", 5, "x"]))
    assert only.fit.fitting == 2 and only.fit.misfits == 0 and only.fit.null == 1


def test_a_conversion_that_would_lose_a_value_that_fitted_is_not_suggested():
    # `v | [0]` would fix the lists but make the fitting "c" null.
    assert suggest_conversions(TypeSpec(T.TEXT), "v", _rows([["a"], "c"])) == []


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([True, False, None], T.BOOLEAN),
        ([1, 2, 3], T.INTEGER),
        ([1, 2.5], T.NUMBER),
        (["2024-01-01", "2023-05-06"], T.DATE),
        (["2024-01-01T10:00:00Z"], T.DATETIME),
        (["free text", "more", "all different"], T.TEXT),
        ([{"a": 1}], T.OBJECT),
        ([[1], [2, 3]], T.ARRAY),
        ([1, 2, "x"], T.INTEGER),  # most values are integers
    ],
)
def test_the_proposed_type_is_the_narrowest_most_values_fit(values, kind):
    assert propose_type(values).spec.type is kind


def test_few_repeated_strings_propose_a_select_with_their_options():
    proposal = propose_type(["m", "s", "m", "s", "m"])
    assert proposal.spec == TypeSpec(T.SELECT, (Option("m", "m"), Option("s", "s")))
    assert proposal.fit.misfits == 0


def test_lists_of_few_repeated_strings_propose_a_multiselect():
    proposal = propose_type([["a", "b"], ["a"], ["b", "a"]])
    assert proposal.spec.type is T.MULTISELECT
    assert [o.value for o in proposal.spec.options] == ["a", "b"]


def test_no_value_proposes_no_type():
    assert propose_type([None, Failed("x")]).spec == ANY


ODD_VALUES = [
    float("nan"),
    float("inf"),
    10**40,
    "",
    "\u202e2024-01-01",
    "2024-01-01\n",
    "９",
    [[["deep"]]],
    {"": None},
    [None],
    Failed("x"),
]


@pytest.mark.parametrize("kind", list(FieldType))
def test_odd_values_are_judged_without_raising(kind):
    spec = TypeSpec(kind, SIZES.options if kind in (T.SELECT, T.MULTISELECT) else ())
    result = fit(spec, ODD_VALUES)
    assert result.rows == len(ODD_VALUES) and result.errors == 1
    assert result.fitting + result.misfits + result.null + result.errors == result.rows


def test_a_date_with_surrounding_text_or_a_newline_does_not_parse():
    assert misfit(TypeSpec(T.DATE), "2024-01-01\n") == "a date that does not parse"
    assert misfit(TypeSpec(T.DATE), "\u202e2024-01-01") == "a date that does not parse"


def test_a_paths_coverage_proposes_its_type_with_options_only_when_all_values_are_known():
    rows = [{"size": size} for size in "smsmsmss"]
    assert propose_from_coverage(coverage("size", rows)) == TypeSpec(
        T.SELECT, (Option("m", "m"), Option("s", "s"))
    )
    # Past the ten most frequent values, some choices would be missing: text, no options.
    many = [{"size": f"v{n % 11}"} for n in range(44)] + [{"size": "v0"}] * 10
    assert propose_from_coverage(coverage("size", many)) == TypeSpec(T.TEXT)
    assert propose_from_coverage(coverage("n", [{"n": 1}, {"n": 2}])) == TypeSpec(T.INTEGER)
    assert propose_from_coverage(coverage("missing", [{}])) == ANY


def test_the_rows_walked_are_the_failing_ones_and_those_that_do_not_fit():
    rows = [{"n": 1}, {"n": "2"}, {}, {"n": 4}, {"n": "x"}]
    walked = coverage("n", rows, spec=TypeSpec(T.NUMBER))
    assert walked.row_to_walk_from(0, 1) == (1, "text where a number is declared")
    assert walked.row_to_walk_from(1, 1) == (2, "null")
    assert walked.row_to_walk_from(2, 1) == (4, "text where a number is declared")
    assert walked.row_to_walk_from(4, 1) == (1, "text where a number is declared")  # round
    assert walked.row_to_walk_from(1, -1) == (4, "text where a number is declared")
    assert coverage("n", rows).row_to_walk_from(0, 1) == (2, "null")
    assert coverage("n", [{"n": 1}], spec=TypeSpec(T.NUMBER)).row_to_walk_from(0, 1) is None
