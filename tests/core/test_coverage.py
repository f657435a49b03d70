import pytest

from fieldmap.core.coverage import FAILING_ROW_LIMIT, CoverageCounter, coverage
from fieldmap.core.errors import InvalidJsonPathError

ROWS = [{"a": 1}, {"a": None}, {"a": "x"}, {"b": 2}, {"a": 1}, {"a": [1]}, {"a": True}]


def test_coverage_counts_filled_null_and_types():
    result = coverage("a", ROWS)
    assert (result.rows, result.non_null, result.null, result.errors) == (7, 5, 2, 0)
    assert result.types == {"null": 2, "number": 2, "string": 1, "array": 1, "boolean": 1}
    assert (result.samples[0].value, result.samples[0].count) == (1, 2)
    assert [(f.row, f.outcome) for f in result.failing_rows] == [(1, "null"), (3, "null")]


def test_true_and_one_are_different_values():
    result = coverage("a", [{"a": True}, {"a": 1}, {"a": 1.0}])
    assert sorted((repr(s.value), s.count) for s in result.samples) == [("1", 2), ("True", 1)]


def test_equal_objects_count_together_whatever_their_key_order():
    result = coverage("a", [{"a": {"x": 1, "y": 2}}, {"a": {"y": 2, "x": 1}}])
    assert [(s.value, s.count) for s in result.samples] == [({"x": 1, "y": 2}, 2)]


def test_runtime_failures_are_counted_with_their_message():
    result = coverage("abs(a)", ROWS)
    assert (result.non_null, result.errors) == (2, 5)
    assert result.failing_rows[0].outcome == "error"
    assert "abs()" in result.failing_rows[0].message


def test_rows_fed_in_chunks_add_up_with_positions_kept():
    counter = CoverageCounter("a")
    counter.add(ROWS[:3])
    counter.add(ROWS[3:])
    assert counter.result() == coverage("a", ROWS)


def test_failing_rows_are_bounded():
    result = coverage("a", [{}] * (FAILING_ROW_LIMIT + 50))
    assert result.null == FAILING_ROW_LIMIT + 50
    assert len(result.failing_rows) == FAILING_ROW_LIMIT


def test_an_expression_that_does_not_compile_is_refused_up_front():
    with pytest.raises(InvalidJsonPathError):
        coverage("a.", ROWS)


@pytest.mark.parametrize(
    ("current", "direction", "expected"),
    [(0, 1, 1), (1, 1, 3), (3, 1, 1), (2, -1, 1), (1, -1, 3), (3, -1, 1)],
)
def test_failing_row_from_goes_round_both_ways(current, direction, expected):
    failure = coverage("a", ROWS).failing_row_from(current, direction)
    assert failure is not None and failure.row == expected


def test_no_failing_row_when_every_row_resolves():
    assert coverage("a", [{"a": 1}]).failing_row_from(0, 1) is None


def test_values_orjson_cannot_write_are_still_counted_together():
    # An integer past 64 bits and a lone surrogate: orjson refuses both.
    huge = {"n": 2**70}
    surrogate = [{"s": "\ud800"}]
    result = coverage("@", [huge, huge, surrogate, surrogate, surrogate])
    assert [(s.value, s.count) for s in result.samples] == [(surrogate, 3), (huge, 2)]


def test_a_value_nested_past_the_stack_is_counted_but_not_among_frequent_values():
    deep: object = 1
    for _ in range(5000):
        deep = [deep]
    result = coverage("@", [[deep], [deep]])
    assert (result.non_null, result.errors, result.samples) == (2, 0, [])
