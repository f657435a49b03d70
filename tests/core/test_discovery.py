from fieldmap.core import jmes
from fieldmap.core.discovery import discover_paths

ROWS = [
    {"id": 1, "phones": [{"type": "m", "number": "1"}, {"number": "2"}], "x y": {"2fa": True}},
    {"id": 2, "phones": [], "note": None},
    {"id": "3", "[*]": "literal key"},
]


def test_every_leaf_path_with_array_indices_generalised():
    paths = {p.path: p for p in discover_paths(ROWS)}
    assert set(paths) == {
        "id",
        "phones",
        "phones[*].type",
        "phones[*].number",
        '"x y"."2fa"',
        "note",
        '"[*]"',
    }
    assert paths["id"].types == {"number": 2, "string": 1}
    assert (paths["id"].rows_with_value, paths["id"].fill_rate) == (3, 1.0)


def test_fill_rate_counts_rows_not_array_elements():
    paths = {p.path: p for p in discover_paths(ROWS)}
    assert paths["phones[*].number"].rows_with_value == 1
    assert paths["phones[*].number"].types == {"string": 2}
    assert paths["note"].rows_with_value == 0


def test_discovered_paths_select_their_values():
    for found in discover_paths(ROWS):
        values = [jmes.evaluate(found.path, row) for row in ROWS]
        assert all(isinstance(v, jmes.Resolved) for v in values)
        assert any(v.value not in (None, []) for v in values) or found.rows_with_value == 0


def test_most_filled_first():
    rates = [p.rows_with_value for p in discover_paths(ROWS)]
    assert rates == sorted(rates, reverse=True)


def test_a_path_that_is_an_object_on_some_rows_says_so_with_its_fill():
    rows = [{"guardian": {"mobile": "1"}}, {"guardian": None}, {"guardian": None}]
    found = {p.path: p for p in discover_paths(rows)}
    assert found["guardian"].types == {"null": 2, "object": 1}
    assert found["guardian"].rows_with_value == 1
    assert abs(found["guardian"].fill_rate - 1 / 3) < 1e-9
    assert found["guardian.mobile"].fill_rate == 1 / 3
    # A path that is an object on every row stays out: it is not a leaf anywhere.
    assert "guardian" not in {p.path for p in discover_paths(rows[:1])}
