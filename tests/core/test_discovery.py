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
