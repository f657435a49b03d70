import pytest

from fieldmap.core.why_null import explain_null

PAYLOAD = {
    "data": {
        "employee": {
            "guardianMobile": "1",
            "guardian": {"mobile": "2"},
            "phones": [{"type": "home", "number": "9"}],
            "manager": None,
        }
    }
}


def test_a_missing_key_names_what_exists_and_the_near_keys():
    explanation = explain_null("data.employee.guardian_mobile", PAYLOAD)
    assert "`data.employee` exists" in explanation.message
    assert "`guardian_mobile` is not a key of it" in explanation.message
    assert set(explanation.suggestions) == {
        "data.employee.guardian.mobile",
        "data.employee.guardianMobile",
    }


@pytest.mark.parametrize(
    ("expression", "says", "suggests"),
    [
        ("data.employee.phones.number", "is an array of 1", ["data.employee.phones[*].number"]),
        ("data.employee.phones[3]", "has 1 element; there is no [3]", []),
        ("data.employee.manager.name", "`data.employee.manager` is null", []),
        ("data.employee.guardian.mobile.x", "is a string, not an object", []),
        ("data.employee.phones[?type=='mobile'].number | [0]", "matches the filter", []),
        (
            "data.employee.phones[*].nummer",
            "`nummer` is not a key",
            ["data.employee.phones[*].number"],
        ),
        ("nope", "the payload is an object; `nope` is not a key of it", []),
        (
            "data.employee.guard",
            "`guard` is not a key",
            ["data.employee.guardian", "data.employee.guardianMobile"],
        ),
        ("data.employee.phone", "`phone` is not a key", ["data.employee.phones"]),
    ],
)
def test_the_first_step_that_came_back_null_is_named(expression, says, suggests):
    explanation = explain_null(expression, PAYLOAD)
    assert says in explanation.message
    assert explanation.suggestions == suggests


@pytest.mark.parametrize(
    "expression", ["data.employee.guardianMobile", "length(x)", "a.", "abs(@)"]
)
def test_no_explanation_when_not_null_or_not_explainable(expression):
    assert explain_null(expression, PAYLOAD) is None
