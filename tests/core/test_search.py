"""Search over every row's keys and values: one hit per distinct path, with its figures."""

from __future__ import annotations

import orjson
import pytest

from fieldmap.core import jmes
from fieldmap.core.errors import RuleViolation
from fieldmap.core.matching import MAX_MATCHED_CHARACTERS, Matcher
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_sources import JsonTexts
from fieldmap.core.row_texts import object_texts
from fieldmap.core.search import PROGRESS_EVERY_ROWS, RowSource, Search, search_rows
from tests.core.demo_rows import ACME, acme_employees, demo_engine  # noqa: F401

SOURCE = RowSource("workday", RawDataSource.CONNECTOR_SYNC, "tok", "Acme")
ROWS = [
    {"id": 1, "phones": [{"type": "Mobile", "number": "+1 555 0100"}], "badge-id": "B-1"},
    {"id": 2, "phones": [{"type": "home", "number": "+1 555 0200"}, {"type": "mobile"}]},
    {"id": 3, "note": None},
]


def hits_by_path(query: str, rows=ROWS):
    return {hit.path: hit for hit in search_rows(query, SOURCE, rows).hits}


def test_plain_text_matches_values_case_insensitively_one_hit_per_generalised_path():
    hits = hits_by_path("MOBILE")
    assert list(hits) == ["phones[*].type"]
    hit = hits["phones[*].type"]
    assert (hit.rows_matching, hit.rows_with_path, hit.rows) == (2, 2, 3)
    assert (hit.first_row, hit.sample, hit.matched_on) == (0, "Mobile", "value")
    assert hit.share_with_path == pytest.approx(2 / 3)


def test_keys_match_too_and_the_path_is_quoted_when_it_must_be():
    hits = hits_by_path("badge")
    assert list(hits) == ['"badge-id"']
    assert jmes.evaluate('"badge-id"', ROWS[0]).value == "B-1"
    assert hits['"badge-id"'].matched_on == "key"
    assert hits['"badge-id"'].rows_with_path == 1


def test_a_regex_between_slashes():
    hits = hits_by_path(r"/^\+1 555 0[12]00$/")
    assert hits["phones[*].number"].rows_matching == 2
    assert hits_by_path("/^555/") == {}


def test_numbers_and_booleans_match_by_their_json_text():
    rows = [{"n": 1e16, "b": True, "i": 25999}]
    assert list(hits_by_path("1e+16", rows)) == ["n"]  # as orjson writes it, in the row too
    assert list(hits_by_path("TRUE", rows)) == ["b"]
    assert list(hits_by_path("2599", rows)) == ["i"]


@pytest.mark.parametrize(
    ("value", "query"),
    [("\u212a", "k"), ("İstanbul", "i̇stanbul"), ('say "hi"', 'y "h'), ("tab\there", "\t")],
)
def test_the_row_text_prefilter_never_hides_a_match(value, query):
    assert Matcher(query).matches(value)  # what the walk would say
    assert list(hits_by_path(query, [{"v": value}])) == ["v"]


@pytest.mark.parametrize("query", ["acme", "/acme/", "/^acme corp$/"])
def test_a_row_stored_as_imported_with_escapes_is_not_hidden_by_the_prefilter(query):
    """import-rows keeps a line as read: `\\u0041` stands for `A` in its text."""
    rows = object_texts([b'{"name": "\\u0041cme Corp"}'], "import")
    search = Search(query)
    search.run(SOURCE, rows)
    assert [hit.path for hit in search.results[0].hits] == ["name"]


def test_nothing_matches_null_and_a_search_with_no_hit_says_so():
    search = Search("null")
    search.run(SOURCE, ROWS)
    assert not search.matched
    assert search.results[0].hits == []


def test_an_invalid_regex_or_an_empty_text_is_a_rule_violation():
    with pytest.raises(RuleViolation, match="not a regular expression"):
        Search("/(/")
    with pytest.raises(RuleViolation):
        Search("")


def test_a_catastrophic_regex_is_stopped_not_left_to_run():
    rows = [{"v": "a" * (40 + n) + "!"} for n in range(50)]  # distinct: no verdict reused
    with pytest.raises(RuleViolation, match="too slow"):
        search_rows("/(a|aa)+$/", SOURCE, rows)


def test_a_regex_reads_the_head_of_a_long_value_only():
    rows = [{"v": "x" * MAX_MATCHED_CHARACTERS + "needle"}]
    assert hits_by_path("/needle/", rows) == {}
    assert list(hits_by_path("needle", rows)) == ["v"]  # plain text reads it all


def test_rows_nested_too_deeply_are_counted_apart_not_a_crash():
    deep: dict = {"x": "needle"}
    for _ in range(5_000):
        deep = {"d": deep}
    result = search_rows("needle", SOURCE, [deep, {"x": "needle"}])
    assert result.rows_skipped == 1
    assert [hit.path for hit in result.hits] == ["x"]


def test_sources_are_fed_in_turn_with_progress_and_their_hits_kept_apart():
    search = Search("mobile")
    rows = ROWS * PROGRESS_EVERY_ROWS
    progress = list(search.feed(SOURCE, rows))
    assert [p.rows_done for p in progress] == [*range(1_000, len(rows) + 1, 1_000), len(rows)]
    sample = RowSource("workday", RawDataSource.INTEGRATION_SAMPLE, name="Workday")
    list(search.feed(sample, [{"kind": "home"}]))
    assert [r.source for r in search.results] == [SOURCE, sample]
    assert [len(r.hits) for r in search.results] == [1, 0]
    assert search.results[0].hits[0].rows_matching == 2 * PROGRESS_EVERY_ROWS


def test_an_employee_id_of_the_demo_is_found_on_its_row(acme_employees):  # noqa: F811
    result = search_rows(
        "25999", RowSource("workday", RawDataSource.CONNECTOR_SYNC), acme_employees
    )
    hit = {h.path: h for h in result.hits}["Worker_Data.Worker_ID"]
    assert (hit.rows_matching, hit.rows_with_path, hit.first_row) == (1, 5_000, 4_999)
    assert jmes.evaluate(hit.path, acme_employees[hit.first_row]).value == "25999"
    assert ACME.integration_slug == "workday"


def test_a_search_past_its_deadline_stops_and_says_how_far_it_went():
    search = Search("mobile", deadline_seconds=-1)
    result = search.run(SOURCE, ROWS)
    assert (result.rows, result.hits) == (0, [])
    assert search.stopped == "stopped after -1 s, at row 1"


def test_a_safe_regex_runs_on_re_and_a_risky_one_on_regex_with_its_timeout():
    assert not Matcher(r"/^B-0\d{4}$/").runs_with_timeout
    for risky in (r"/(a|aa)+$/", r"/(a+)+b/", r"/a*a*b/", r"/(\w)\1/"):
        assert Matcher(risky).runs_with_timeout
    assert list(hits_by_path(r"/(\w)\1/", [{"v": "aa"}, {"v": "ab"}])) == ["v"]


@pytest.mark.parametrize("query", ["mobile", "555 0200", "B-1", "/^\\+1/", "é", "none"])
def test_a_stores_row_texts_give_what_their_parsed_rows_give(query):
    rows = [*ROWS, {"name": "José", "phones": [{"type": "Mobile"}]}, {"other": "mobile"}]
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    assert search_rows(query, SOURCE, texts).hits == search_rows(query, SOURCE, rows).hits


def test_a_matched_label_points_to_the_value_beside_it():
    rows = [{"attributes": {"dynamic_1234": {"label": "Guardian mobile", "value": "+33 6 01"}}}]
    (hit,) = search_rows("guardian", SOURCE, rows).hits
    assert (hit.path, hit.value_path) == (
        "attributes.dynamic_1234.label",
        "attributes.dynamic_1234.value",
    )
    assert search_rows("+33", SOURCE, rows).hits[0].value_path is None  # a value: itself
