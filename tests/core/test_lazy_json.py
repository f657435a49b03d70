"""A large document decoded lazily (core/lazy_json.py) answers every question as the parsed
one does. The thresholds are set to nothing here, so that every array of these small
documents, at every depth, stays text until read."""

from __future__ import annotations

import json

import orjson
import pytest

from fieldmap.core import lazy_json
from fieldmap.core.complete import complete
from fieldmap.core.discovery import discover_paths
from fieldmap.core.errors import InputDataError
from fieldmap.core.inputs import open_rows
from fieldmap.core.jmes import PathError, Resolved, evaluate
from fieldmap.core.lazy_json import LazyArray, LazyObject, decode_document, head, materialized
from fieldmap.core.locate import find, locate
from fieldmap.core.row_sources import parse_json
from fieldmap.core.why_null import explain_null

from .test_jmes_compliance import CASES

REPORT = {
    "report": {
        "generated": "2026-12-02",
        "workers": [
            {"id": 1, "name": "Ann Lee", "phones": [{"number": "+1 555"}], "tags": ["a"]},
            {"id": 2, "name": "Bo Li", "phones": [], "salary": 123456789012345678901234},
            {"id": 3, "name": "Cy Ng", "phones": [{"number": "+44 20"}, {"number": "+33 1"}]},
        ],
        "nested": [[1, 2], [3, [4, 5]], []],
    }
}
EXPRESSIONS = [
    "report.workers",
    "report.workers[0]",
    "report.workers[-1].name",
    "report.workers[5]",
    "report.workers[1:].id",
    "report.workers[::-1].id",
    "report.workers[*].phones[].number",
    "report.workers[?id > `1`].name",
    "report.workers[?phones == `[]`].id",
    "report.workers[].salary",
    "report.nested[]",
    "report.nested[][]",
    "length(report.workers)",
    "length(report.workers, report.nested)",
    "sort_by(report.workers, &name)[0].id",
    "max_by(report.workers, &id).name",
    "keys(report)",
    "to_string(report.nested)",
    "type(report.workers)",
    "report.workers == report.workers",
    "report.nested[2] == `[]`",
    "!report.nested[2]",
    "report.workers || `1`",
    "[report.nested[0], report.generated]",
    "{n: report.nested[1]}",
    "report.*.workers",
    "report.workers.name",
]


@pytest.fixture
def lazy_everywhere(monkeypatch):
    monkeypatch.setattr(lazy_json, "LAZY_DOCUMENT_BYTES", 0)
    monkeypatch.setattr(lazy_json, "LAZY_PART_BYTES", 0)


def _lazy(value):
    return decode_document(orjson.dumps(value) if not _has_long_integer(value) else _text(value))


def _text(value) -> bytes:
    return json.dumps(value).encode()


def _has_long_integer(value) -> bool:
    return b"123456789012345678901234" in _text(value)


def _same(lazy_outcome, eager_outcome) -> bool:
    if isinstance(eager_outcome, PathError):
        return isinstance(lazy_outcome, PathError) and lazy_outcome.kind == eager_outcome.kind
    return isinstance(lazy_outcome, Resolved) and materialized(lazy_outcome.value) == (
        eager_outcome.value
    )


def test_a_big_document_keeps_its_arrays_as_text(lazy_everywhere):
    document = _lazy(REPORT)
    assert isinstance(document, LazyObject)
    workers = document["report"]["workers"]
    assert isinstance(workers, LazyArray) and len(workers) == 3
    assert workers[1]["salary"] == 123456789012345678901234  # exact past 64 bits
    assert workers.holds_only_objects() and not document["report"]["nested"].holds_only_objects()
    assert materialized(document) == REPORT
    assert evaluate("type(report.workers)", document) == Resolved("array")


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_expressions_give_what_the_parsed_document_gives(lazy_everywhere, expression):
    assert _same(evaluate(expression, _lazy(REPORT)), evaluate(expression, REPORT))


@pytest.mark.skipif(not CASES, reason="the compliance suite is not in ../shared")
def test_the_compliance_suite_on_lazy_documents(lazy_everywhere):
    differing = []
    for case in CASES:
        given, details = case.values
        outcome = evaluate(details["expression"], _lazy(given))
        expected = evaluate(details["expression"], given)
        if not _same(outcome, expected):
            differing.append((details["expression"], outcome, expected))
    assert differing == []


@pytest.mark.parametrize(
    "expression",
    ["report.workers[*].name", "report.workers[1:].phones", "report.workers[?id > `1`].id",
     "report.workers[].phones[].number", "report.nested[1][1][0]", "report.workers[0]"],
)  # fmt: skip
def test_the_tree_marks_are_the_same(lazy_everywhere, expression):
    assert locate(expression, _lazy(REPORT)) == locate(expression, REPORT)


def test_walks_find_discover_explain_and_complete_the_same(lazy_everywhere):
    lazy = _lazy(REPORT)
    assert find(lazy, "ng") == find(REPORT, "ng")
    assert discover_paths([lazy]) == discover_paths([REPORT])
    for expression in ["report.workers.name", "report.workers[7]", "report.nested[2][*].x"]:
        assert explain_null(expression, lazy) == explain_null(expression, REPORT)
    assert complete("report.workers[*].na", lazy) == complete("report.workers[*].na", REPORT)


def test_the_head_of_a_value_reads_only_what_is_shown(lazy_everywhere, monkeypatch):
    rows = {"rows": [{"n": n, "tags": ["x", {"deep": n}]} for n in range(1000)]}
    document = _lazy(rows)
    parsed = []
    monkeypatch.setattr(
        lazy_json, "parse_json", lambda text: parsed.append(text) or parse_json(text)
    )
    for shown in [1, 5, 40, 300]:
        for indent in [None, 2]:
            text = json.dumps(head(document, shown + 1), indent=indent)
            assert text[:shown] == json.dumps(rows, indent=indent)[:shown]
    assert len(parsed) < 400  # of the ~7,000 values in the document
    assert head(REPORT, 10**6) == REPORT


def test_malformed_structure_says_where_as_the_parser_does(lazy_everywhere):
    text = b'{"report": {"workers": [\n  {"id": 1},\n  {"id": 2,}\n]}}'
    with pytest.raises(orjson.JSONDecodeError) as lazily:
        decode_document(text)
    with pytest.raises(orjson.JSONDecodeError) as eagerly:
        parse_json(text)
    assert (lazily.value.lineno, lazily.value.colno) == (eagerly.value.lineno, eagerly.value.colno)


def test_a_text_that_is_not_utf8_is_refused_at_once(lazy_everywhere):
    with pytest.raises(orjson.JSONDecodeError):
        decode_document('{"workers": [{"name": "Jos\xe9"}]}'.encode("latin-1"))


def test_what_only_the_parser_sees_is_an_error_where_the_element_is_read(lazy_everywhere):
    document = decode_document(b'{"workers": [\n  {"id": 1},\n  {"id": 1e999}\n]}')
    assert document["workers"][0] == {"id": 1}
    with pytest.raises(InputDataError) as error:
        document["workers"][1]
    assert (error.value.line, error.value.column) == (3, 10)
    assert isinstance(evaluate("workers[*].id", document), PathError)


def test_a_big_file_opens_lazily_as_a_document_or_records(lazy_everywhere, tmp_path):
    document = tmp_path / "report.json"
    document.write_text(json.dumps(REPORT, indent=2))
    loaded = open_rows(str(document))
    assert loaded.form == "document" and isinstance(loaded.rows[0], LazyObject)
    records = tmp_path / "records.json"
    records.write_text(json.dumps(REPORT["report"]["workers"]))
    loaded = open_rows(str(records))
    assert loaded.form == "array of records" and isinstance(loaded.rows, LazyArray)
    assert [row["id"] for row in loaded.rows] == [1, 2, 3]
