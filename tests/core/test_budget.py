"""Expressions that would cost too much are stopped and reported, ordinary ones are not."""

import pytest

from fieldmap.core import jmes
from fieldmap.core.budget import UNITS_PER_REQUEST, UNITS_PER_ROW
from fieldmap.core.coverage import CoverageCounter, coverage
from fieldmap.core.errors import InvalidJsonPathError

# Each `[@ × 16][]` multiplies its input by 16: seven of them ask for 16**7 values.
EXPONENTIAL = ("[" + ",".join(["@"] * 16) + "][]") * 7
# A few thousand values per row, under the row's budget, but over 50,000 rows a long run.
TENFOLD = "[*].[@,@,@,@,@,@,@,@,@,@] | [] | "
HEAVY_PER_ROW = f"items | {TENFOLD * 2}length(@)"
ROWS = [{"items": list(range(50))} for _ in range(50_000)]


def test_an_exponential_expression_stops_at_the_row_budget():
    outcome = jmes.evaluate(EXPONENTIAL, [1])
    assert isinstance(outcome, jmes.PathError)
    assert outcome.message == f"too expensive: more than {UNITS_PER_ROW:,} values made or visited"


def test_strings_a_function_doubles_count_too():
    expression = '`"abcdefghijklmnop"` | ' + "join('', [@, @]) | " * 40 + "length(@)"
    outcome = jmes.evaluate(expression, {})
    assert isinstance(outcome, jmes.PathError) and "too expensive" in outcome.message


def test_coverage_stops_at_the_request_budget_and_says_where():
    assert jmes.evaluate(HEAVY_PER_ROW, ROWS[0]) == jmes.Resolved(5_000)  # one row is fine
    counter = CoverageCounter(HEAVY_PER_ROW)
    with pytest.raises(InvalidJsonPathError) as raised:
        counter.add(ROWS)
    message = raised.value.message
    assert f"too expensive: more than {UNITS_PER_REQUEST:,} values made or visited" in message
    assert "stopped at row" in message
    assert 0 < counter.rows < len(ROWS)


def test_a_row_over_its_budget_is_a_failing_row_of_the_coverage():
    result = coverage(EXPONENTIAL, [[1], None, [2]])
    assert (result.errors, result.null) == (2, 1)
    assert result.failing_rows[0].message.startswith("too expensive:")


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("items[*] | length(@)", 50),
        ("sort_by(people, &age)[-1].name", "b"),
        ("items[?@ > `47`]", [48, 49]),
        ("max(items)", 49),
        ("people[*].[name, age][]", ["a", 3, "b", 9]),
    ],
)
def test_ordinary_expressions_are_unaffected(expression, expected):
    row = {"items": list(range(50)), "people": [{"name": "a", "age": 3}, {"name": "b", "age": 9}]}
    assert jmes.evaluate(expression, row) == jmes.Resolved(expected)
    assert coverage(expression, [row] * 1_000).non_null == 1_000


def test_a_row_past_its_time_budget_is_a_failing_row():
    from fieldmap.core.budget import Limits

    never_in_time = Limits(seconds_per_row=-1)  # spent at the row's second clock reading
    counter = CoverageCounter("items | " + TENFOLD * 2 + "length(@)", never_in_time)
    counter.add(ROWS[:3])
    result = counter.result()
    assert result.errors == 3
    assert result.failing_rows[0].message == "too expensive: more than -1 s on one row"


def test_coverage_past_its_time_budget_stops():
    from fieldmap.core.budget import Limits

    counter = CoverageCounter(HEAVY_PER_ROW, Limits(seconds_per_request=-1))
    with pytest.raises(InvalidJsonPathError, match="more than -1 s in all; stopped at row 1$"):
        counter.add(ROWS[:3])
