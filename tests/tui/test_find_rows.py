"""Issue 15, after go-to-record: the record's row stays in the context bar, `[`/`]` go on
from it, `n`/`N` come back; and explore keeps the expressions typed, per file name."""

from __future__ import annotations

import json

from fieldmap.core.history import FILE_NAME, ExpressionHistory
from fieldmap.core.inputs import load_rows
from fieldmap.tui.dialogs.go_to_record import GoToRecordDialog
from fieldmap.tui.explore_app import ExploreApp

from .driving import dialog_after, settle, text_of, until


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def go_to(pilot, value: str) -> None:
    await dialog_after(pilot, "g", GoToRecordDialog)
    await type_text(pilot, value)
    await pilot.press("enter")
    await settle(pilot)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_the_workbench_keeps_the_records_row_in_the_context_bar(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "22733")  # Workday's Worker_ID of the 1,734th row
        assert screen.raw.row_index == 1733
        bar = text_of(screen.context_bar)
        assert "row 1,734/5,000 · 22733 │" in bar  # at 80 columns too
        await press(pilot, "right_square_bracket")  # ] goes on from the record's row
        assert screen.raw.row_index == 1734
        bar = text_of(screen.context_bar)
        assert "row 1,735/5,000" in bar and "22733" not in bar  # not its row any more
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert screen.raw.row_index == 1732
        await press(pilot, "n")  # back to the record's row
        assert screen.raw.row_index == 1733 and "5,000 · 22733" in text_of(screen.context_bar)


async def test_another_connector_forgets_the_record(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "22733")
        assert screen.record is not None
        context = screen.context
        other = next(
            c for c in screen.state.catalog.connectors if c.token != context.connector_token
        )
        screen.choose(context.with_connector(other.token, other.integration_slug))
        await settle(pilot)
        assert screen.record is None and "22733" not in text_of(screen.context_bar)


ROWS = [
    {"id": f"E{n}", "name": "Ann Lee" if n in (3, 7) else f"Person {n}", "team": n % 2}
    for n in range(10)
]


def explore_app(tmp_path, history: ExpressionHistory | None = None) -> ExploreApp:
    folder = tmp_path / "acme-exports"
    folder.mkdir(exist_ok=True)
    path = folder / "people.json"
    path.write_text(json.dumps(ROWS))
    return ExploreApp(load_rows(str(path)), history=history)


async def test_explore_keeps_the_records_row_and_its_match_in_the_context_bar(tmp_path):
    app = explore_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "Ann Lee")
        assert screen.row == 3
        bar = text_of(screen.context_bar)
        assert "row 4/10 · match 1/2 · Ann Lee │" in bar
        assert bar.index("Ann Lee") + len("Ann Lee") < 80 - 1  # shown at 80 columns (padded)
        await press(pilot, "n")
        assert screen.row == 7 and "row 8/10 · match 2/2 · Ann Lee" in text_of(screen.context_bar)
        await press(pilot, "right_square_bracket")  # ] goes on from the record's row
        assert screen.row == 8
        bar = text_of(screen.context_bar)
        assert "row 9/10" in bar and "Ann Lee" not in bar
        await press(pilot, "N")  # the match before row 9
        assert screen.row == 7 and "row 8/10 · match 2/2 · Ann Lee" in text_of(screen.context_bar)
        await press(pilot, "left_square_bracket")
        assert screen.row == 6


async def test_explore_keeps_the_expressions_typed_per_file_name(tmp_path):
    history = ExpressionHistory(tmp_path / "data")
    history.add("workday", "employee", "Worker_Data.Worker_ID")  # another context's
    app = explore_app(tmp_path, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for expression in ("name", "id"):
            screen.editor.set_expression(expression)
            await settle(pilot)
        await until(pilot, lambda: history.expressions("explore", "people.json") == ["id", "name"])
        kept = (tmp_path / "data" / FILE_NAME).read_text()
        assert "acme-exports" not in kept and str(tmp_path) not in kept  # no directories
        screen.editor.set_expression("")
        screen.editor.path_input.focus()
        await settle(pilot)
        await press(pilot, "up")
        assert screen.editor.expression == "id"
        await press(pilot, "up")
        assert screen.editor.expression == "name"
        await press(pilot, "up")  # the workbench's expressions are not this file's
        assert screen.editor.expression == "name"


async def test_the_palette_of_explore_searches_the_expressions_kept(tmp_path):
    history = ExpressionHistory(tmp_path / "data")
    history.add("workday", "employee", "Worker_Data.Worker_ID")
    app = explore_app(tmp_path, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Worker_Data.Worker_ID")
        await settle(pilot)
        await press(pilot, "enter")
        assert app.screen is screen and screen.editor.expression == "Worker_Data.Worker_ID"
