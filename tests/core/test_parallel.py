"""A big pass over stored rows split across processes finds what one pass finds."""

import pickle

import orjson

from fieldmap.core import discovery, jmes, parallel
from fieldmap.core.row_sources import JsonTexts

ROWS = [
    {"id": 1, "name": "a", "phones": [{"number": "1"}, {"number": "2"}]},
    {"id": 2, "tags": [], "manager": None},
    {"id": "3", "name": None, "phones": [{"kind": "home"}], "extra": {"x": 1}},
    {"id": 4, "name": "d" * 100},
]


def test_a_pass_split_across_processes_finds_the_paths_of_one_pass(monkeypatch):
    rows = [dict(row, seq=index) for index in range(25) for row in ROWS]
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    monkeypatch.setattr(parallel, "PARALLEL_ROWS", 10)
    monkeypatch.setattr(parallel, "_workers", lambda rows: 3)
    assert parallel.discover_paths(texts) == discovery.discover_paths(rows)


def test_few_rows_or_parsed_rows_stay_in_this_process():
    assert parallel._workers(ROWS * 50_000) == 0
    assert parallel._workers(JsonTexts([b"{}"] * 10)) == 0


def test_merged_walks_add_counts_and_keep_the_first_sample():
    first, second = discovery.walk_rows(ROWS[:2]), discovery.walk_rows(ROWS[2:])
    root, count = first
    discovery.merge_walks(root, second[0])
    assert discovery.paths_found(root, count + second[1]) == discovery.discover_paths(ROWS)


def test_every_element_stays_one_step_across_processes():
    assert pickle.loads(pickle.dumps(jmes.EVERY_ELEMENT)) is jmes.EVERY_ELEMENT
