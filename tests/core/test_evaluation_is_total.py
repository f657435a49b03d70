"""Whatever jmespath raises is an error value at core's boundary, never an exception."""

import pytest

from fieldmap.core import jmes
from fieldmap.core.complete import complete
from fieldmap.core.coverage import coverage
from fieldmap.core.locate import locate
from fieldmap.core.path_forms import array_forms
from fieldmap.core.values import mapped_values
from fieldmap.core.why_null import explain_null

OVERFLOWING = ["ceil(to_number('1e999'))", "floor(`1e999`)", "a[?floor(`1e999`)]"]
ROW = {"a": [{"n": 1}, {"n": 2}], "s": "x"}


@pytest.mark.parametrize("expression", OVERFLOWING)
def test_an_overflow_is_a_runtime_error_value(expression):
    outcome = jmes.evaluate(expression, ROW)
    assert isinstance(outcome, jmes.PathError)
    assert outcome.kind == "runtime"
    assert "out of range" in outcome.message


@pytest.mark.parametrize("expression", OVERFLOWING)
def test_every_user_of_evaluation_survives_an_overflow(expression):
    rows = [ROW, ROW]
    result = coverage(expression, rows)
    assert result.errors == 2 and "out of range" in result.failing_rows[0].message
    assert explain_null(expression, ROW) is None
    assert locate(expression, ROW) in (None, [])  # nothing to mark: it fails
    complete(expression + " | a", ROW)
    array_forms(["a", 0, "n"], ROW)


def test_a_stored_mapping_that_overflows_gives_an_error_value():
    from fieldmap.core.models import EffectiveField

    field = EffectiveField.model_construct(name="big", json_path="ceil(to_number('1e999'))")
    [value] = mapped_values([field], ROW).values()
    assert "out of range" in value.message
