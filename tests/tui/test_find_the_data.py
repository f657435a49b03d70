"""Issue 15 in the workbench and explore: the ticket "guardian mobile of employee 25999 is
empty" solved from the keyboard; go to a record and between its rows; fallbacks under the
coverage; the unified output; the expressions typed before."""

from __future__ import annotations

import json

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.engine import Engine
from fieldmap.core.history import ExpressionHistory
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.go_to_record import GoToRecordDialog
from fieldmap.tui.dialogs.unified_output import UnifiedOutputDialog
from fieldmap.tui.screens.search import SearchScreen
from fieldmap.tui.widgets.fallback_panel import FallbackPanel

from .driving import ACME, dialog_after, settle, text_of, until

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def history_app(data_dir, tmp_path) -> FieldmapApp:
    history = ExpressionHistory(tmp_path / "history")
    return FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))), history=history)


def options_text(options) -> str:
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


@pytest.mark.parametrize("size", SIZES)
async def test_the_ticket_guardian_mobile_of_employee_25999_from_the_keyboard(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.context.connector_token == ACME  # where the ticket's employee is
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "guardian")
        keys = ["enter", "enter"]  # search, then take the first path found
        await pilot.press(keys[0])
        await settle(pilot)
        results = options_text(app.screen.results)
        assert "Umbrella GmbH" in results and "attributes.dynamic_1234.label" in results
        await pilot.press(*keys[1:])
        await settle(pilot)
        assert len(keys) < 10
        assert app.screen is screen
        context = screen.context
        personio = screen.state.catalog.connector(context.connector_token)
        assert personio is not None and personio.integration_slug == "personio"
        assert screen.editor.expression == "attributes.dynamic_1234.value"
        assert screen.raw is not None and screen.raw.row_index == 0
        assert screen.coverage is not None and screen.coverage.non_null == screen.coverage.rows
        # The tree opened down to the hit, whatever levels fit, and shows its node selected.
        tree = screen.tree
        await until(pilot, lambda: tree.cursor_entry is not None and tree.cursor_entry.path
                    == "attributes.dynamic_1234.value")  # fmt: skip
        await settle(pilot)
        top = tree.scroll_offset.y
        assert top <= tree.cursor_line < top + tree.scrollable_content_region.height
        node = tree.cursor_node.parent
        while node is not None:  # every node down to it is open
            assert node.is_expanded
            node = node.parent


async def test_the_searched_text_of_the_row_is_taken_and_nothing_found_says_so(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "no-such-value")
        await pilot.press("enter")
        await settle(pilot)
        assert "0 paths matched" in text_of(app.screen.progress_line)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_go_to_a_record_by_its_id_then_n_and_brackets_continue(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        dialog = await dialog_after(pilot, "g", GoToRecordDialog)
        assert dialog.value_input.has_focus
        await type_text(pilot, "25999")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.raw.row_index == 4999 and screen.record.rows == [4999]
        assert "row 5,000/5,000" in text_of(screen.context_bar)
        await pilot.press("left_square_bracket")  # [ continues from the record's row
        await settle(pilot)
        assert screen.raw.row_index == 4998
        await pilot.press("n")  # back to the only match, not a new field
        await settle(pilot)
        assert screen.raw.row_index == 4999 and app.screen is screen


async def test_the_badge_id_gets_a_fallback_that_one_key_takes(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.editor.set_expression(WORKDAY_BADGE_ID)
        await settle(pilot)
        before = screen.coverage.non_null / screen.coverage.rows
        panel = screen.query_one(FallbackPanel)
        await until(pilot, lambda: panel.suggestions is not None)
        assert panel.display and "b takes the first" in text_of(panel)
        best = panel.suggestions.suggestions[0]
        assert best.coverage > before
        screen.tree.focus()
        await pilot.press("b")
        await settle(pilot)
        assert screen.editor.expression == best.expression
        assert screen.coverage.non_null / screen.coverage.rows == pytest.approx(best.coverage)


async def test_the_unified_output_of_the_row_is_shown_and_copied(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await dialog_after(pilot, "U", UnifiedOutputDialog)
        assert '"custom_fields"' in dialog.text and '"badge_id"' in dialog.text
        assert "every one filled on" in text_of(dialog.query_one("#unified-summary"))
        copied = []
        app.copy_to_clipboard = copied.append
        await pilot.press("y")
        await settle(pilot)
        assert copied and copied[0] == dialog.text
        assert not isinstance(app.screen, UnifiedOutputDialog)


async def test_expressions_found_are_kept_and_up_walks_them(history_app):
    app = history_app
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        for expression in ("Worker_Data.Worker_ID", "Worker_Reference.ID[0].value"):
            screen.editor.set_expression(expression)
            await settle(pilot)
        assert app.history.expressions("workday", "employee")[:2] == [
            "Worker_Reference.ID[0].value",
            "Worker_Data.Worker_ID",
        ]
        screen.editor.set_expression("")
        screen.editor.path_input.focus()
        await settle(pilot)
        await pilot.press("up")
        await settle(pilot)
        assert screen.editor.expression == "Worker_Reference.ID[0].value"
        await pilot.press("up")
        await settle(pilot)
        assert screen.editor.expression == "Worker_Data.Worker_ID"


def explore_app(tmp_path, rows, suffix=".json"):
    from fieldmap.core.inputs import load_rows
    from fieldmap.tui.explore_app import ExploreApp

    path = tmp_path / f"rows{suffix}"
    if suffix == ".ndjson":
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    else:
        path.write_text(json.dumps(rows))
    return ExploreApp(load_rows(str(path)))


EXPLORED = [
    {"id": f"E{n}", "email": f"p{n}@example.com", "badge": f"B-{n}" if n % 3 else None,
     "legacy": {"badge": f"L-{n}"}, "attrs": [{"label": "Guardian mobile", "value": f"+33 {n}"}]}
    for n in range(30)
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".json", ".ndjson"])
async def test_explore_searches_its_rows_and_takes_the_value_a_label_names(tmp_path, suffix):
    app = explore_app(tmp_path, EXPLORED, suffix)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+f")
        await type_text(pilot, "guardian")
        await pilot.press("enter")
        await settle(pilot)
        assert "30 rows of 30" in options_text(app.screen.results)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.editor.expression == "attrs[*].value"


async def test_explore_goes_to_a_record_and_suggests_fallbacks(tmp_path):
    app = explore_app(tmp_path, EXPLORED)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await dialog_after(pilot, "g", GoToRecordDialog)
        await type_text(pilot, "p17@example.com")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.row == 17 and screen.record.found_by == {17: "email"}
        screen.editor.set_expression("badge")
        await settle(pilot)
        panel = screen.query_one(FallbackPanel)
        await until(pilot, lambda: panel.suggestions is not None)
        assert panel.suggestions.suggestions[0].expression == "badge || legacy.badge"
        screen.tree.focus()
        await pilot.press("b")
        await settle(pilot)
        assert screen.coverage.non_null == 30


async def test_the_palette_searches_the_expressions_kept(history_app):
    app = history_app
    app.history.add("workday", "employee", "Worker_Data.Worker_ID")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Worker_Data.Worker_ID")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.editor.expression == "Worker_Data.Worker_ID"


async def test_the_ticket_on_a_served_instance(any_app):
    app = any_app
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+f")
        await type_text(pilot, "guardian")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.editor.expression == "attributes.dynamic_1234.value"
        connector = screen.state.catalog.connector(screen.context.connector_token)
        assert connector.integration_slug == "personio"
