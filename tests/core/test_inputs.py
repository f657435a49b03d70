import io

import pytest

from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import load_rows, parse_rows


@pytest.mark.parametrize(
    ("text", "form", "rows"),
    [
        (b'{"a": 1}', "document", [{"a": 1}]),
        (b'[{"a": 1}, {"b": 2}]', "array of records", [{"a": 1}, {"b": 2}]),
        (b"[1, 2]", "document", [[1, 2]]),
        (b'{"a": 1}\n\n{"b": 2}\n', "NDJSON", [{"a": 1}, {"b": 2}]),
    ],
)
def test_the_three_forms_of_input(text, form, rows):
    loaded = parse_rows(text, "in")
    assert (loaded.form, loaded.rows) == (form, rows)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [(b'{"a": [1,\n 2,,]}', 2, 4), (b'{"a": 1}\n{"b": 2,}\n', 2, 8), (b"{\n  'a': 1}", 2, 3)],
)
def test_malformed_input_says_where(text, line, column):
    with pytest.raises(InputDataError) as caught:
        parse_rows(text, "in.json")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(caught.value)


def test_empty_and_missing_files_are_clear_errors(tmp_path):
    with pytest.raises(InputDataError, match="is empty"):
        parse_rows(b"  \n", "in")
    with pytest.raises(InputDataError, match="cannot read"):
        load_rows(str(tmp_path / "nope.json"))


def test_standard_input_is_read_with_a_dash():
    assert load_rows("-", io.BytesIO(b'{"a": 1}')).rows == [{"a": 1}]
