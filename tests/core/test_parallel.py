"""A big pass over stored rows split across processes finds what one pass finds."""

import pickle

import orjson
import pytest

from fieldmap.core import coverage, discovery, jmes, parallel
from fieldmap.core.budget import Limits
from fieldmap.core.field_types import spec_of
from fieldmap.core.models import FieldType, RawDataSource
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


def _varied_rows(count):
    """Values of every kind, repeats and uniques, nulls and failures, a projection."""
    kinds = [
        lambda n: {"v": n % 7, "t": [n % 3, "x"]},
        lambda n: {"v": f"id-{n}", "t": []},
        lambda n: {"v": n % 2 == 0, "t": [{"a": n % 2}]},
        lambda n: {"v": None, "t": "not a list"},
        lambda n: {"v": {"k": n % 4}, "t": [1.5]},
        lambda n: {"t": [True, 1]},
    ]
    return [kinds[n % len(kinds)](n) for n in range(count)]


@pytest.fixture
def split_in_three(monkeypatch):
    """Any stored rows split across three forked processes; limits small enough to reach."""
    monkeypatch.setattr(parallel, "_workers", lambda rows: 3 if isinstance(rows, JsonTexts) else 0)
    monkeypatch.setattr(coverage, "DISTINCT_VALUE_LIMIT", 9)
    monkeypatch.setattr(coverage, "FAILING_ROW_LIMIT", 4)


@pytest.mark.parametrize(
    ("expression", "kind"),
    [("v", None), ("v", FieldType.INTEGER), ("t[*]", None), ("length(t)", FieldType.NUMBER)],
)
def test_a_coverage_split_across_processes_is_the_coverage_of_one_pass(
    split_in_three, expression, kind
):
    rows = _varied_rows(301)
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    spec = spec_of(kind) if kind else None
    source = RawDataSource.CONNECTOR_SYNC
    split = parallel.coverage(expression, texts, source, spec)
    assert split == coverage.coverage(expression, rows, source, spec)
    assert split.rows == 301 and len(split.samples) > 1


def test_a_split_coverage_over_its_budget_is_counted_again_in_one_pass(split_in_three, monkeypatch):
    monkeypatch.setattr(parallel, "DEFAULT_LIMITS", Limits(units_per_request=0))
    counted_parts = []
    monkeypatch.setattr(coverage.CoverageCounter, "absorb", counted_parts.append)
    rows = _varied_rows(60)
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    source = RawDataSource.CONNECTOR_SYNC
    one_pass = coverage.coverage("t[*]", rows, source)
    assert parallel.coverage("t[*]", texts, source, None) == one_pass
    assert counted_parts == []  # the parts were not merged
