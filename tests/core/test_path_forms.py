import pytest

from fieldmap.core import jmes
from fieldmap.core.path_forms import array_forms

PAYLOAD = {
    "phones": [{"type": "home", "number": "1"}, {"type": "mobile", "number": "2"}],
    "matrix": [[1, 2], [3, 4]],
    "odd": [{"it's": "a\\b`c", "v": 1}, {"it's": "x", "v": 2}],
}


def test_a_node_in_an_array_gets_index_projection_and_filter_forms():
    forms = {f.kind: f for f in array_forms(["phones", 1, "number"], PAYLOAD)}
    assert forms["index"].path == "phones[1].number"
    assert forms["projection"].path == "phones[*].number"
    assert forms["projection"].outcome == jmes.Resolved(["1", "2"])
    assert forms["filter"].path == "phones[?type=='mobile'].number | [0]"
    assert forms["filter"].outcome == jmes.Resolved("2")


@pytest.mark.parametrize(
    "steps", [["phones", 0], ["phones", 0, "type"], ["odd", 0, "v"], ["odd", 1, "v"]]
)
def test_the_filter_form_picks_the_same_node_as_the_index_form(steps):
    forms = {f.kind: f for f in array_forms(steps, PAYLOAD)}
    assert forms["filter"].outcome == forms["index"].outcome


def test_arrays_of_scalars_have_no_filter_form():
    assert [f.kind for f in array_forms(["matrix", 1, 0], PAYLOAD)] == ["index", "projection"]


def test_a_path_through_no_array_has_no_forms():
    assert array_forms(["phones"], PAYLOAD) == []
