"""An NDJSON file's rows read where they lie behave as the list `load_rows` makes."""

import json

import pytest

from fieldmap.core import row_sources
from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import load_rows, open_rows, parse_rows
from fieldmap.core.row_sources import (
    NdjsonRows,
    has_row,
    known_length,
    may_hold_long_integer,
    parse_json,
)

BIG = 2**70 + 1
TEXT = (
    b'{"a": 1}\n\n  \t\n{"big": ' + str(BIG).encode() + b', "neg": -' + str(BIG).encode() + b"}\r\n"
    b"[1, 2]\n"
    b'"last, no newline"'
)


@pytest.fixture(params=[2**20, 7], ids=["one stretch", "stretches shorter than a line"])
def stretch(request, monkeypatch):
    monkeypatch.setattr(row_sources, "SCAN_BYTES", request.param)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "rows.ndjson"
    path.write_bytes(TEXT)
    return path


def test_rows_are_the_list_load_rows_makes(path, stretch):
    expected = load_rows(str(path)).rows
    rows = NdjsonRows(path, "rows.ndjson")
    assert list(rows) == expected
    assert len(rows) == len(expected) == 4
    assert [rows[i] for i in range(-4, 4)] == expected + expected
    assert rows[1:3] == expected[1:3] and rows[::-1] == expected[::-1]
    assert rows[1] == {"big": BIG, "neg": -BIG}  # exact, not a float
    assert isinstance(rows[1]["big"], int)


def test_the_count_is_known_only_once_the_file_is_indexed(path, monkeypatch):
    monkeypatch.setattr(row_sources, "SCAN_BYTES", 12)
    rows = NdjsonRows(path, "rows.ndjson")
    assert rows[0] == {"a": 1}
    assert known_length(rows) is None  # the first row read no further than its stretch
    assert has_row(rows, 3) and not has_row(rows, 4) and not has_row(rows, -1)
    assert known_length(rows) == 4
    assert known_length([1, 2]) == 2 and has_row([1, 2], 1) and not has_row([1, 2], 2)


def test_rows_past_the_end_are_index_errors(path):
    rows = NdjsonRows(path, "rows.ndjson")
    for index in (4, 10**9, -5):
        with pytest.raises(IndexError):
            rows[index]
    assert rows[4:100] == []


def test_a_bad_line_says_its_line_and_column_when_read(tmp_path, stretch):
    path = tmp_path / "bad.ndjson"
    path.write_bytes(b'{"a": 1}\n\n{"b": 2,}\n{"c": 3}\n')
    rows = NdjsonRows(path, "bad.ndjson")
    assert rows[0] == {"a": 1} and rows[2] == {"c": 3}
    with pytest.raises(InputDataError) as caught:
        rows[1]
    assert (caught.value.line, caught.value.column) == (3, 8)
    assert "bad.ndjson is not valid NDJSON" in str(caught.value)
    with pytest.raises(InputDataError):
        list(rows)


def test_open_rows_reads_ndjson_when_asked_and_the_rest_as_load_rows(tmp_path, path):
    opened = open_rows(str(path))
    assert (opened.form, type(opened.rows)) == ("NDJSON", NdjsonRows)
    document = tmp_path / "doc.json"
    document.write_text(json.dumps({"a": [1, 2]}, indent=2) + "\n\n")
    one_line = tmp_path / "one.json"
    one_line.write_text('[{"a": 1}, {"a": 2}]\n  \n')
    assert open_rows(str(document)).rows == [{"a": [1, 2]}]
    assert (open_rows(str(one_line)).form, open_rows(str(one_line)).rows) == (
        "array of records",
        [{"a": 1}, {"a": 2}],
    )
    with pytest.raises(InputDataError, match="cannot read"):
        open_rows(str(tmp_path / "nope.ndjson"))


def test_exact_big_integers_in_documents_too():
    assert parse_rows(f'{{"n": {BIG}}}'.encode(), "in").rows == [{"n": BIG}]
    assert parse_rows(b'{"n": 1.5e300, "s": "12345678901234567890"}', "in").rows == [
        {"n": 1.5e300, "s": "12345678901234567890"}
    ]


def test_only_a_long_integer_sends_a_text_to_the_exact_parser():
    """A fraction of 19 digits is read as exactly by orjson: no slow second parse for it."""
    assert not may_hold_long_integer(b'{"f": 0.0035080955840041117, "g": -1.5e-10}')
    assert may_hold_long_integer(f'{{"n": {BIG}}}'.encode())
    assert may_hold_long_integer(f"[-{BIG}]".encode())
    assert may_hold_long_integer(str(BIG).encode())  # a bare integer: nothing before it
    text = f'{{"f": 0.0035080955840041117, "n": {BIG}, "e": 1.2345678901234567890e5}}'
    assert parse_json(text.encode()) == json.loads(text)


def test_a_file_appended_to_while_open_keeps_its_rows_at_open(path):
    """What was decided: the rows are the file's bytes when it was opened."""
    rows = NdjsonRows(path, "rows.ndjson")
    with path.open("ab") as file:
        file.write(b'\n{"later": true}\n')
    assert len(rows) == 4


def test_a_file_cut_short_while_open_says_so_on_the_rows_it_lost(path, monkeypatch):
    monkeypatch.setattr(row_sources, "SCAN_BYTES", 12)
    rows = NdjsonRows(path, "rows.ndjson")
    assert rows[0] == {"a": 1}
    path.write_bytes(TEXT[:20])  # the first row, the blank lines and `{"bi`
    assert len(rows) == 2
    assert rows[0] == {"a": 1}
    with pytest.raises(InputDataError):
        rows[1]
    with pytest.raises(IndexError):
        rows[2]


def test_a_row_changed_under_the_index_is_an_error_not_a_crash(path):
    rows = NdjsonRows(path, "rows.ndjson")
    assert len(rows) == 4
    path.write_bytes(b"")
    with pytest.raises(InputDataError) as caught:
        rows[3]
    assert caught.value.line == 1


def test_rows_far_apart_in_many_stretches_are_the_right_ones(tmp_path, monkeypatch):
    """Stretches counted by their newlines and stretches with blank or indented lines give
    the same rows, read in any order (more stretches than those whose lines are kept)."""
    monkeypatch.setattr(row_sources, "SCAN_BYTES", 64)
    lines = [
        b"" if n % 17 == 0 else b'  {"n": %d}' % n if n % 11 == 0 else b'{"n": %d}' % n
        for n in range(300)
    ]
    path = tmp_path / "many.ndjson"
    path.write_bytes(b"\n".join(lines) + b"\n")
    expected = [{"n": n} for n in range(300) if n % 17]
    rows = NdjsonRows(path, "many.ndjson")
    order = [len(expected) - 1, 0, 150, 3, len(expected) // 2, *range(len(expected))]
    assert [rows[i] for i in order] == [expected[i] for i in order]
    assert len(rows) == len(expected) and list(rows) == expected
