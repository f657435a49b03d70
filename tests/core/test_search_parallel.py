"""A search of many stored rows split across processes finds what one pass finds."""

from __future__ import annotations

import orjson
import pytest

from fieldmap.core import parallel
from fieldmap.core.errors import RuleViolation
from fieldmap.core.matching import Matcher, _refused
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_sources import JsonTexts
from fieldmap.core.search import RowSource, Search

SOURCE = RowSource("workday", RawDataSource.CONNECTOR_SYNC, "tok", "Acme")


def _rows() -> list[dict]:
    rows = []
    for index in range(120):
        row: dict = {"id": index, "email": f"user{index}@example.com", "phones": []}
        if index % 3 == 0:
            row["phones"] = [{"type": "mobile", "number": f"+33 6 {index:04d}"}]
        if index % 40 == 39:  # a path first met late: in the last spans only
            row["guardian"] = {"label": "Guardian mobile", "value": f"+44 {index}"}
        rows.append(row)
    return rows


@pytest.fixture
def split(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_ROWS", 10)
    monkeypatch.setattr(parallel, "_workers", lambda rows: 3)  # 12 spans of 10 rows


@pytest.mark.parametrize("query", ["e", "user", "example.com", r"/^user\d+@/", r"/\d\d/", "/@/"])
def test_a_split_search_finds_the_hits_of_one_pass(split, query):
    # Every row holds these texts (or the regex has no literal text): processes pay.
    rows = _rows()
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    split_search = Search(query)
    progress = list(split_search.feed(SOURCE, texts))
    assert split_search.results[-1].hits == Search(query).run(SOURCE, rows).hits
    assert [step.rows_done for step in progress] == [*range(10, 121, 10), 120]
    assert split_search.matched


@pytest.mark.parametrize("query", ["mobile", "user7", r"/^\+33 6 00\d\d$/", "nothing"])
def test_a_search_few_rows_can_match_stays_in_this_process(split, query):
    # Fewer than half the first rows hold the text: the prefilter alone is cheaper.
    rows = _rows()
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    search = Search(query)
    progress = list(search.feed(SOURCE, texts))
    assert search.results[-1].hits == Search(query).run(SOURCE, rows).hits
    assert [step.rows_done for step in progress] == [120]
    assert search.matched is (query != "nothing")


def test_a_split_search_past_its_deadline_stops(split):
    texts = JsonTexts([orjson.dumps(row) for row in _rows()])
    search = Search("e", deadline_seconds=-1)
    result = search.run(SOURCE, texts)
    assert (result.rows, result.hits) == (0, [])
    assert search.stopped == "stopped after -1 s, at row 1"


def test_a_search_refused_in_a_process_is_refused_here(split, monkeypatch):
    # As a regex past its timeouts is: the refusal does not pickle, its violations do.
    def refuse(self, text):
        raise _refused("too slow to search with")

    texts = JsonTexts([orjson.dumps(row) for row in _rows()])
    monkeypatch.setattr(Matcher, "matches", refuse)
    with pytest.raises(RuleViolation, match="query: too slow to search with"):
        Search("e").run(SOURCE, texts)
