import pytest

from fieldmap.core import jmes
from fieldmap.core.path_forms import array_forms

PAYLOAD = {
    "phones": [{"type": "home", "number": "1"}, {"type": "mobile", "number": "2"}],
    "matrix": [[1, 2], [3, 4]],
    "odd": [{"it's_type": "a\\b`c", "v": 1}, {"it's_type": "x", "v": 2}],
    "person": {"name": "Ana"},
    "phone_data": [
        {"Formatted_Phone": "+1 555", "Phone_Type": "WORK", "Phone_Id": "P1"},
        {"Formatted_Phone": "+1 556", "Note": "spare"},
    ],
}


def test_a_node_in_an_array_gets_index_projection_and_filter_forms():
    forms = {f.kind: f for f in array_forms(["phones", 1, "number"], PAYLOAD)}
    assert forms["index"].path == "phones[1].number"
    assert forms["projection"].path == "phones[*].number"
    assert forms["projection"].outcome == jmes.Resolved(["1", "2"])
    assert forms["filter"].path == "phones[?type=='mobile'].number | [0]"
    assert forms["filter"].outcome == jmes.Resolved("2")


@pytest.mark.parametrize(
    "steps",
    [["phones", 0], ["phone_data", 0, "Formatted_Phone"], ["odd", 0, "v"], ["odd", 1, "v"]],
)
def test_the_filter_form_picks_the_same_node_as_the_index_form(steps):
    forms = {f.kind: f for f in array_forms(steps, PAYLOAD)}
    assert forms["filter"].outcome == forms["index"].outcome


def test_arrays_of_scalars_have_no_filter_form():
    assert [f.kind for f in array_forms(["matrix", 1, 0], PAYLOAD)] == ["index", "projection"]


def test_a_path_through_no_array_has_no_forms():
    assert array_forms(["person", "name"], PAYLOAD) == []


def test_an_array_node_gets_the_forms_of_its_first_element():
    forms = {f.kind: f.path for f in array_forms(["phones"], PAYLOAD)}
    assert forms == {
        "index": "phones[0]",
        "projection": "phones[*]",
        "filter": "phones[?type=='home'] | [0]",
    }


def test_the_filter_is_on_a_key_that_identifies_the_element_not_on_its_data():
    # Phone_Type names a type (its last word); Formatted_Phone is the data itself.
    forms = {f.kind: f.path for f in array_forms(["phone_data", 0], PAYLOAD)}
    assert forms["filter"] == "phone_data[?Phone_Type=='WORK'] | [0]"
    # No key of the second element says what it is: no filter rather than a useless one.
    assert "filter" not in {f.kind for f in array_forms(["phone_data", 1], PAYLOAD)}
