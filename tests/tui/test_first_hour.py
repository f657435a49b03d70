"""Issue 10: what a new user tripped over in the workbench (fill rates, headings, selection)."""

from __future__ import annotations

import pytest
from textual.widgets.data_table import ColumnKey

from fieldmap.core import jmes
from fieldmap.tui.columns import cut_path
from fieldmap.tui.dialogs.map_field import MapFieldDialog
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_tree import PayloadTree

from .driving import GLOBEX, choose, select_field, settle, text_of, until, walk_to
from .scenarios import NARROW, PHONE_STEPS, WIDE, explore_app


def fill_cells(table: ConfigurationTable) -> list[str]:
    return [str(table.table.get_cell(key, "fill")) for key in table.table.rows]


async def test_fill_rates_arrive_after_a_switch_to_another_connector(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ConfigurationTable)
        await until(pilot, lambda: fill_cells(table) and "…" not in fill_cells(table))
        await pilot.press("ctrl+p", *"Globex")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.context.connector_token == GLOBEX
        await until(pilot, lambda: table.fields is not None and len(table.table.rows) > 0)
        await settle(pilot)
        cells = fill_cells(table)
        assert cells and "…" not in cells, cells


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_escape_leaves_the_paths_filter_for_the_list(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        paths = screen.query_one(PathList)
        await pilot.press("5", *"Birth")
        await settle(pilot)
        assert paths.filter_input.has_focus
        await pilot.press("escape")
        assert paths.table.has_focus
        assert paths.filter_input.value == "Birth"  # the filter stays applied
        await pilot.press("3")  # pane keys work again
        await until(pilot, lambda: screen.active_pane == "configuration")
        await pilot.press("5", *"no such path", "escape")
        assert not paths.filter_input.has_focus and paths.filter_input.value == ""
        assert paths.table.has_focus


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_headings_and_hints_follow_the_context_chosen(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ConfigurationTable)
        editor = screen.query_one(PathEditor)
        assert "Acme Corp" in text_of(table.heading)
        await pilot.press("1")
        await choose(pilot, "browse-models", "model:ATS:application")
        assert not screen.context.has_payload
        assert "Acme" not in text_of(table.heading) and "Workday" not in text_of(table.heading)
        assert text_of(editor.status) == "No payload: choose an integration or a connector."
        assert screen.raw is None and table.fields is None
        await choose(pilot, "browse-integrations", "integration:greenhouse")
        assert screen.raw is not None
        assert "Greenhouse" in text_of(table.heading)
        assert "No payload" not in text_of(editor.status)


async def test_the_chosen_field_stays_selected_across_a_connector_switch(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ConfigurationTable)
        await select_field(pilot, "shirt_size")
        await choose(pilot, "browse-connectors", f"connector:{GLOBEX}")
        assert screen.context.connector_token == GLOBEX
        assert table.selected_field is not None and table.selected_field.name == "shirt_size"
        assert table.chosen_field == table.selected_field
        await pilot.press("1")
        await choose(pilot, "browse-models", "model:ATS:candidate")
        await choose(pilot, "browse-integrations", "integration:greenhouse")
        assert table.rows and table.chosen_field is None  # not there: no field is chosen


async def test_mapping_without_a_field_says_what_is_missing(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("4", *"Worker_Descriptor", "enter", "escape", "m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MapFieldDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "Choose the field to map" in text_of(dialog.error_line)
        assert dialog.error_line.display


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_the_focused_pane_has_a_heavier_border(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        editor_pane = screen.query_one("#editor-pane")
        assert editor_pane.styles.border_top[0] == "round"
        await pilot.press("4")
        await until(pilot, lambda: editor_pane.styles.border_top[0] == "heavy")
        if size == WIDE:  # narrow panes are tabs: the editor's line is the one to tell
            payload_pane = screen.query_one("#payload-pane")
            assert payload_pane.styles.border_top[0] == "round"
            await pilot.press("escape")  # leaves the editor for the tree
            await until(pilot, lambda: payload_pane.styles.border_top[0] == "heavy")
            assert editor_pane.styles.border_top[0] == "round"


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_cut_paths_keep_their_head_and_leaf_and_show_whole_on_the_detail_line(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        paths = app.screen.query_one(PathList)
        types_width = paths.table.columns[ColumnKey("types")].width
        assert types_width <= max(len(", ".join(p.types)) for p in paths.shown)
        path_width = paths.table.columns[ColumnKey("path")].width
        for found in paths.shown:  # head and leaf, where the leaf fits (test_columns)
            cell = str(paths.table.get_cell(found.path, "path"))
            assert cell == cut_path(found.path, path_width)
        assert any(
            cell.count("…") == 1 and not cell.startswith("…")
            for cell in (str(paths.table.get_cell(found.path, "path")) for found in paths.shown)
        )
        await pilot.press("escape")  # to the list: the cursor's path, whole
        selected = paths.selected_path
        assert selected is not None
        if str(paths.table.get_cell(selected.path, "path")) != selected.path:
            assert text_of(paths.detail) == f"path {selected.path}"
        table = app.screen.query_one(ConfigurationTable)
        await select_field(pilot, "cost_center")
        path = table.selected_field.json_path
        cell = str(table.table.get_cell(str(table.selected_field.custom_field_id), "path"))
        assert cell == path or text_of(table.whole_path) == f"path {path}"


async def test_the_editor_placeholder_is_a_path_of_the_payload_shown(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        placeholder = screen.editor.path_input.placeholder
        example = placeholder.removeprefix("Type a JMESPath, e.g. ")
        assert jmes.evaluate(example, screen.raw.data).value is not None
        await pilot.press("1")
        await choose(pilot, "browse-models", "model:ATS:candidate")
        await choose(pilot, "browse-integrations", "integration:greenhouse")
        other = screen.editor.path_input.placeholder.removeprefix("Type a JMESPath, e.g. ")
        assert other != example
        assert jmes.evaluate(other, screen.raw.data).value is not None


async def test_the_explore_placeholder_comes_from_the_file():
    app = explore_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.screen.editor.path_input.placeholder == "Type a JMESPath, e.g. name.first"


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_the_tree_opens_the_levels_that_fit_and_keeps_what_was_opened(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(PayloadTree)
        assert 3 < tree.last_line + 1 <= tree.size.height  # more than the top keys, no more
        assert tree.reveal(("Worker_Data",)) and tree.cursor_node.is_expanded
        await walk_to(pilot, PHONE_STEPS[:5])  # open Phone_Data[0], which a first look does not
        phone = PHONE_STEPS[:5]
        await pilot.press("right")
        await pilot.press("left_square_bracket")  # another row of the same connector
        await settle(pilot)
        assert app.screen.raw.row_index == app.screen.raw.row_count - 2
        await until(
            pilot, lambda: tree.cursor_entry is not None and tree.cursor_entry.steps == phone
        )
        assert tree.cursor_node.is_expanded
        await choose(pilot, "browse-connectors", f"connector:{GLOBEX}")  # same integration
        assert tree.reveal(phone[:-1]) and tree.cursor_node.is_expanded


async def test_the_unmapped_only_count_shows_at_80x24(app):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("3", "u")
        await settle(pilot)
        heading = app.screen.query_one(ConfigurationTable).heading
        shown = heading.render_line(0).text  # what the narrow line shows, cut at its width
        assert "unmapped only: 3 of 6" in shown
