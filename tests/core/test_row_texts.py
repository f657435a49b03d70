"""Rows to append kept as their text: each NDJSON line checked once, stored as read."""

import asyncio
import os
import threading
from pathlib import Path

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.core import row_texts
from fieldmap.core.engine import Engine
from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import load_rows_to_append
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import NewRows
from fieldmap.core.row_texts import ASIDE_ROWS, ObjectTexts, ndjson_texts, object_texts


def test_lines_are_kept_as_read_without_the_blank_ones():
    texts = object_texts([b'{"b": 1,  "a": [1, 2]}', b"  ", b'{"id": "x"}\r'], "rows")
    assert texts.texts == [b'{"b": 1,  "a": [1, 2]}', b'{"id": "x"}']
    assert list(texts) == [{"b": 1, "a": [1, 2]}, {"id": "x"}]


def test_a_line_that_is_not_json_says_its_line_and_column():
    with pytest.raises(InputDataError) as raised:
        object_texts([b'{"id": 1}', b"", b'{"id": }'], "rows.ndjson")
    assert (raised.value.line, raised.value.column) == (3, 8)
    assert "rows.ndjson is not valid NDJSON" in str(raised.value)


def test_a_row_that_is_not_an_object_is_refused_with_its_position():
    with pytest.raises(InputDataError, match="row 2 of rows is not a JSON object"):
        object_texts([b'{"id": 1}', b"[1, 2]"], "rows")


def test_nothing_but_blank_lines_is_empty():
    with pytest.raises(InputDataError, match="rows is empty"):
        object_texts([b"", b"  "], "rows")


def test_an_integer_past_64_bits_is_refused_as_an_objects_append_refuses_it():
    with pytest.raises(InputDataError, match="line 1 of rows cannot be handled as JSON"):
        object_texts([b'{"id": 123456789012345678901234567890}'], "rows")


def test_a_long_run_of_digits_in_a_string_is_kept_in_meaning():
    (text,) = object_texts([b'{"id":  "1234567890123456789012"}'], "rows").texts
    assert text == b'{"id":"1234567890123456789012"}'


def test_nesting_past_what_orjson_writes_is_refused():
    deep = b'{"a": ' + b"[" * 300 + b"]" * 300 + b"}"
    with pytest.raises(InputDataError, match="cannot be handled as JSON"):
        object_texts([deep], "rows")


def test_an_ndjson_input_to_append_stays_text_and_other_forms_are_parsed(tmp_path):
    ndjson = tmp_path / "rows.ndjson"
    ndjson.write_bytes(b'{"id": 1}\n{"id": 2}\n')
    loaded = load_rows_to_append(str(ndjson))
    assert (type(loaded.rows), loaded.form) == (ObjectTexts, "NDJSON")
    records = tmp_path / "records.json"
    records.write_bytes(b'[{"id": 1},\n {"id": 2}]')
    assert load_rows_to_append(str(records)).rows == [{"id": 1}, {"id": 2}]
    document = tmp_path / "document.json"
    document.write_bytes(b'{\n  "id": 1\n}\n')
    assert load_rows_to_append(str(document)).rows == [{"id": 1}]
    one_line = tmp_path / "one.json"
    one_line.write_bytes(b'{"id": 1}\n\n')
    assert load_rows_to_append(str(one_line)).form == "document"
    array = tmp_path / "array.json"
    array.write_bytes(b"[1, 2]")
    with pytest.raises(InputDataError, match="row 1 of .* is not a JSON object"):
        load_rows_to_append(str(array))


def test_the_engine_stores_checked_texts_as_they_are_through_the_local_backend(store):
    engine = Engine(store)
    token = engine.create_connector(NewConnector(integration_slug="workday", name="A")).token
    texts = object_texts([b'{"id": 1,   "name": "a"}', b'{"id": 2}'], "rows")
    request = build(
        NewRows, connector_token=token, category=Category.HRIS, model="employee", rows=texts
    )
    counted = asyncio.run(LocalBackend(engine).append_rows(request))
    assert counted.row_count == 2
    with store.read() as db:
        stored = [data for (data,) in db.execute("SELECT data FROM synced_rows ORDER BY id")]
    assert stored == [b'{"id": 1,   "name": "a"}', b'{"id": 2}']


def test_checked_texts_cross_a_wire_as_the_rows_they_hold():
    texts = object_texts([b'{"id": 1}'], "rows")
    request = NewRows.model_construct(
        connector_token="t", category=Category.HRIS, model="employee", rows=texts
    )
    assert request.model_dump(mode="json")["rows"] == [{"id": 1}]
    assert NewRows.model_json_schema()["properties"]["rows"]["type"] == "array"


def _append_and_read(store, texts):
    """The count the append answers (or the error it raises), and the texts stored."""
    engine = Engine(store)
    token = engine.create_connector(NewConnector(integration_slug="workday", name="A")).token
    request = build(
        NewRows, connector_token=token, category=Category.HRIS, model="employee", rows=texts
    )
    try:
        answer = engine.append_rows(request).row_count
    except InputDataError as error:
        answer = error
    with store.read() as db:
        return answer, [data for (data,) in db.execute("SELECT data FROM synced_rows ORDER BY id")]


def test_a_check_aside_stores_the_texts_and_what_it_wrote_again(store, monkeypatch):
    monkeypatch.setattr(row_texts, "ASIDE_ROWS", 1)  # checked in a forked process
    texts = object_texts([b'{"id":  1}', b"", b'{"n": "1234567890123456789012"}'], "rows")
    assert texts.texts == [b'{"id":  1}', b'{"n": "1234567890123456789012"}']  # not checked yet
    stored = [b'{"id":  1}', b'{"n":"1234567890123456789012"}']
    assert _append_and_read(store, texts) == (2, stored)


@pytest.mark.parametrize(
    ("lines", "where"),
    [
        ([b'{"id": 1}', b"", b'{"id": }'], (3, 8)),
        ([b'{"id": 1}', b" ", b"[1, 2]"], (None, None)),
        ([b"", b'{"id": 123456789012345678901234567890}'], (2, None)),
    ],
)
def test_a_check_aside_refuses_before_the_commit_as_the_check_here_does(
    store, monkeypatch, lines, where
):
    with pytest.raises(InputDataError) as here:
        object_texts(lines, "rows")
    monkeypatch.setattr(row_texts, "ASIDE_ROWS", 1)
    refused, stored = _append_and_read(store, object_texts(lines, "rows"))
    assert isinstance(refused, InputDataError)
    assert (str(refused), refused.line, refused.column) == (str(here.value), *where)
    assert stored == []


def test_an_input_checked_aside_is_split_again_by_the_child(store, monkeypatch):
    monkeypatch.setattr(row_texts, "ASIDE_ROWS", 1)
    texts = ndjson_texts(b'{"id": 1}\n\n{"n": "1234567890123456789012"}\n', "rows")
    assert _append_and_read(store, texts) == (2, [b'{"id": 1}', b'{"n":"1234567890123456789012"}'])
    refused, stored = _append_and_read(store, ndjson_texts(b'{"id": 1}\n\n{"id": }\n', "rows"))
    assert (refused.line, refused.column, stored) == (
        3,
        8,
        [b'{"id": 1}', b'{"n":"1234567890123456789012"}'],
    )


def test_a_refusal_from_aside_stands_when_the_append_is_tried_again(store, monkeypatch):
    monkeypatch.setattr(row_texts, "ASIDE_ROWS", 1)
    texts = ndjson_texts(b'{"id": 1}\n[1]\n', "rows")
    for _ in range(2):
        refused, stored = _append_and_read(store, texts)
        assert isinstance(refused, InputDataError) and stored == []


def _children() -> set[int]:
    """This process's children, in any state (a zombie too)."""
    me, found = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state_and_parent = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(state_and_parent[1]) == me:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_check_aside_never_settled_leaves_no_child_behind():
    """An append that fails before it settles (an unknown connector) drops the texts."""
    if threading.active_count() > 1:
        pytest.skip("with other threads running, the check is not forked")
    before = _children()
    texts = ndjson_texts(b'{"a": 1}\n' * (ASIDE_ROWS + 1), "x")
    assert _children() - before  # the checker runs aside
    del texts
    assert not _children() - before
