"""`fieldmap explore FILE`: rows from a file, the tree over them, coverage and paths, and
`--print-path`; bad input stops before any screen."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from fieldmap.cli import main
from fieldmap.core.inputs import load_rows
from fieldmap.tui.explore import explore
from fieldmap.tui.explore_app import ExploreApp
from fieldmap.tui.screens.explore import COVERAGE_CHUNK_ROWS, ExploreScreen
from fieldmap.tui.screens.help import HelpScreen
from fieldmap.tui.widgets.coverage_panel import CoveragePanel
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree

from .driving import settle, text_of

RECORDS = [
    {"id": 1, "name": {"first": "Ana"}, "phones": [{"type": "mobile", "number": "+1 415"}]},
    {"id": 2, "name": {"first": "Li"}, "phones": []},
    {"id": 3, "name": {}, "phones": [{"type": "home", "number": "+33 1"}]},
]


@pytest.fixture
def records_file(tmp_path) -> Path:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def explore_app(path: Path) -> ExploreApp:
    return ExploreApp(load_rows(str(path)))


def screen_of(pilot: Pilot) -> ExploreScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ExploreScreen)
    return screen


async def type_expression(pilot: Pilot, expression: str) -> None:
    await pilot.press("4", *expression, "enter")
    await settle(pilot)


async def test_a_json_document_is_one_row(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"report": {"workers": RECORDS}}), encoding="utf-8")
    async with explore_app(path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.raw is not None and screen.raw.data == {"report": {"workers": RECORDS}}
        assert "document" in str(screen.context_bar.render())
        await pilot.press("right_square_bracket")
        assert screen.row == 0  # a single row: nowhere to go
        await type_expression(pilot, "report.workers[*].name.first")
        assert screen.editor.evaluation.value == ["Ana", "Li"]


async def test_an_array_of_records_is_navigable_row_by_row(records_file):
    async with explore_app(records_file).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert "row 1/3" in str(screen.context_bar.render())
        await type_expression(pilot, "name.first")
        await pilot.press("escape", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert screen.raw is not None and screen.raw.data == RECORDS[2]
        assert "row 3/3" in str(screen.context_bar.render())
        assert screen.editor.evaluation.value is None  # the expression follows the row
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.editor.evaluation.value == "Li"


async def test_ndjson_rows_and_coverage_over_every_row(tmp_path):
    rows = [{"n": i, "even": i if i % 2 == 0 else None} for i in range(COVERAGE_CHUNK_ROWS + 7)]
    path = tmp_path / "rows.ndjson"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    async with explore_app(path).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.loaded.form == "NDJSON"
        await type_expression(pilot, "even")
        coverage = screen.query_one(CoveragePanel).coverage
        assert coverage is not None and coverage.rows == len(rows)
        assert (coverage.non_null, coverage.null) == (len(rows) // 2 + 1, len(rows) // 2)
        await pilot.press("escape", "f")  # the first row is filled: the next failing is row 2
        await settle(pilot)
        assert screen.row == 1
        await pilot.press("F")  # the previous failing row, going round: the last one listed
        await settle(pilot)
        assert screen.row == coverage.failing_rows[-1].row and screen.row % 2 == 1


async def test_path_discovery_filters_and_enter_puts_the_path_into_the_editor(records_file):
    async with explore_app(records_file).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        paths = screen.query_one(PathList)
        assert {p.path for p in paths.paths or []} >= {"id", "name.first", "phones[*].number"}
        await pilot.press("5", *"numb")  # 5 goes to the filter: typing filters
        await settle(pilot)
        assert [p.path for p in paths.shown] == ["phones[*].number"]
        assert paths.shown[0].fill_rate == pytest.approx(2 / 3)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.editor.expression == "phones[*].number"
        assert screen.editor.evaluation.value == ["+1 415"]
        assert screen.editor.path_input.has_focus


async def test_help_lists_every_key_and_y_copies_the_path_and_Y_the_value(records_file):
    async with explore_app(records_file).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_expression(pilot, "name")
        await pilot.press("escape", "y")
        assert pilot.app.clipboard == "name"
        await pilot.press("Y")
        assert pilot.app.clipboard == '{"first": "Ana"}'
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        help_text = "\n".join(text_of(s) for s in pilot.app.screen.query(".help-description"))
        for binding in [*ExploreScreen.BINDINGS, *PayloadPane.BINDINGS, *PayloadTree.BINDINGS]:
            assert binding.tooltip in help_text
        assert "Create a custom field" not in help_text  # explore has no backend to create one


def run_headless(keys: tuple[str, ...]):
    """`App.run` as `explore()` calls it, headless, pressing `keys` then quitting."""

    def run(self: App) -> object:
        async def drive(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.press("ctrl+q")

        return App.run(self, headless=True, size=(80, 24), auto_pilot=drive)

    return run


def test_print_path_prints_the_final_expression_after_exit(records_file, monkeypatch, capsys):
    monkeypatch.setattr(ExploreApp, "run", run_headless(("4", *"phones[0].type", "enter")))
    args = argparse.Namespace(file=str(records_file), print_path=True)
    assert explore(args) == 0
    assert capsys.readouterr().out == "phones[0].type\n"


def test_print_path_without_an_expression_prints_nothing_and_fails(
    records_file, monkeypatch, capsys
):
    monkeypatch.setattr(ExploreApp, "run", run_headless(()))
    args = argparse.Namespace(file=str(records_file), print_path=True)
    assert explore(args) == 1
    assert capsys.readouterr().out == ""


def test_malformed_input_exits_2_with_line_and_column_before_any_screen(
    tmp_path, monkeypatch, capsys
):
    def no_screen(self: App) -> None:
        raise AssertionError("a screen opened on bad input")

    monkeypatch.setattr(ExploreApp, "run", no_screen)
    path = tmp_path / "bad.json"
    path.write_text('{"a": 1,\n "b": [1, 2,, 3]}\n', encoding="utf-8")
    assert main(["explore", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("fieldmap: ")
    assert "line 2, column" in error


def _nested(depth: int) -> dict:
    document: dict = {"leaf": "bottom"}
    for _ in range(depth):
        document = {"x": document}
    return document


async def test_a_300_deep_document_has_its_tree_value_and_coverage(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(_nested(300)), encoding="utf-8")
    async with explore_app(path).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await type_expression(pilot, "x")
        screen = screen_of(pilot)
        assert screen.editor.evaluation.outcome.type == "object"
        assert screen.coverage is not None and screen.coverage.non_null == 1
        assert screen.coverage.samples[0].value == _nested(299)
        screen.editor.set_expression(".".join(["x"] * 300) + ".leaf")
        await settle(pilot)
        assert screen.editor.evaluation.value == "bottom"
        assert screen.editor.evaluation.located == [("x",) * 300 + ("leaf",)]  # marked in the tree


def test_a_crashing_screen_makes_explore_exit_non_zero(records_file, monkeypatch):
    def crash(self) -> None:
        raise RuntimeError("a screen crashed")

    monkeypatch.setattr(ExploreScreen, "action_help", crash)
    monkeypatch.setattr(ExploreApp, "run", run_headless(("question_mark",)))
    assert explore(argparse.Namespace(file=str(records_file), print_path=False)) == 1


async def test_coverage_past_the_budget_of_the_file_is_reported_not_raised(tmp_path, monkeypatch):
    from .test_workbench import record_notifications

    path = tmp_path / "rows.ndjson"
    path.write_text('{"items": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n' * 50_000, encoding="utf-8")
    app = explore_app(path)
    notified = record_notifications(app, monkeypatch)
    heavy = "items | " + "[*].[@,@,@,@,@,@,@,@,@,@] | [] | " * 2 + "length(@)"
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        screen.editor.set_expression(heavy)
        await settle(pilot)
        assert screen.editor.evaluation.value == 1_000  # one row is within its budget
        assert screen.coverage is None and screen.coverage_progress is None
        assert any("too expensive" in message for _, message in notified)


def test_a_large_input_says_how_far_it_has_loaded(tmp_path, monkeypatch):
    from fieldmap.core import inputs

    monkeypatch.setattr(inputs, "READ_CHUNK_BYTES", 4096)  # many chunks of a small file
    path = tmp_path / "rows.ndjson"
    path.write_text("\n".join(json.dumps({"id": n, "name": f"row {n}"}) for n in range(25_000)))
    told: list[tuple[str, int, int | None]] = []
    loaded = load_rows(str(path), progress=lambda *step: told.append(step))
    size = path.stat().st_size
    read = [(done, total) for phase, done, total in told if phase == "read"]
    assert read[0] == (0, size) and read[-1] == (size, size)
    assert [done for done, _ in read] == sorted(done for done, _ in read)
    assert [done for phase, done, _ in told if phase == "parse"] == [10_000, 20_000]
    assert len(loaded.rows) == 25_000


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_explore_says_when_it_waits_on_standard_input_and_clears_its_progress(monkeypatch):
    from fieldmap.tui.explore import load_with_progress

    stdin, stderr = Terminal(), Terminal()
    stdin.buffer = io.BytesIO(b'{"a": 1}\n{"a": 2}\n')  # what the user types, then ctrl+d
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stderr", stderr)
    loaded = load_with_progress("-")
    assert len(loaded.rows) == 2
    shown = stderr.getvalue()
    assert shown.startswith("fieldmap explore: waiting for JSON on standard input")
    assert "reading standard input: 0.0 MiB" in shown
    assert shown.endswith("\r\x1b[2K")  # the progress line is gone before the screen opens
