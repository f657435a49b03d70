"""Expressions typed, per (integration, model): most recent first, once, bounded."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor

from fieldmap.core.history import MAX_PER_CONTEXT, ExpressionHistory
from fieldmap.core.models import MAX_JSON_PATH_LENGTH


def test_most_recent_first_each_once_per_integration_and_model(tmp_path):
    history = ExpressionHistory(tmp_path)
    history.add("workday", "employee", "a")
    history.add("workday", "employee", "b")
    history.add("workday", "employee", " a ")
    history.add("bamboohr", "employee", "c")
    assert ExpressionHistory(tmp_path).expressions("workday", "employee") == ["a", "b"]
    assert history.expressions("bamboohr", "employee") == ["c"]
    assert history.expressions("workday", "candidate") == []


def test_bounded_and_a_too_long_expression_is_not_kept(tmp_path):
    history = ExpressionHistory(tmp_path)
    for n in range(MAX_PER_CONTEXT + 5):
        history.add("workday", "employee", f"e{n}")
    history.add("workday", "employee", "x" * (MAX_JSON_PATH_LENGTH + 1))
    kept = history.expressions("workday", "employee")
    assert len(kept) == MAX_PER_CONTEXT
    assert kept[0] == f"e{MAX_PER_CONTEXT + 4}"


def test_the_file_is_private_and_an_unreadable_one_is_an_empty_history(tmp_path):
    history = ExpressionHistory(tmp_path)
    history.add("workday", "employee", "a")
    assert stat.S_IMODE(history.path.stat().st_mode) == 0o600
    for broken in (b"not json", b"[1, 2]", b'{"version": 1, "contexts": []}'):
        history.path.write_bytes(broken)
        assert history.expressions("workday", "employee") == []
    assert history.add("workday", "employee", "b") == ["b"]


def test_searching_every_context_for_the_palette(tmp_path):
    history = ExpressionHistory(tmp_path)
    history.add("workday", "employee", "Worker_Data.Worker_ID")
    history.add("bamboohr", "employee", "customField4012")
    history.add("bamboohr", "employee", "workEmail")
    assert history.search("WORK") == [
        ("bamboohr/employee", "workEmail"),
        ("workday/employee", "Worker_Data.Worker_ID"),
    ]


def test_adds_from_two_workers_at_once_lose_none(tmp_path):
    history = ExpressionHistory(tmp_path)
    typed = [f"path_{n}" for n in range(40)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda e: history.add("workday", "employee", e), typed))
    assert sorted(history.expressions("workday", "employee")) == sorted(typed)
