"""The workbench around the flow: loading, failures, narrow terminals, keys and commands."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from textual.widgets import OptionList

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy
from fieldmap.core import jmes
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.ids import short_token
from fieldmap.core.locate import find
from fieldmap.core.models import Category, NewCustomField
from fieldmap.core.store import Store
from fieldmap.server.app import create_app
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.add_connector_token import AddConnectorTokenDialog
from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.form import FormDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.screens.help import HelpScreen
from fieldmap.tui.screens.impact import ImpactScreen
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree
from tests.backends.test_remote_without_extensions import BASE_URL, KEY, without_extensions
from tests.served import free_port

from .driving import (
    ACME,
    GLOBEX,
    choose,
    confirm_impact,
    dialog_after,
    select_field,
    settle,
    text_of,
    until,
)


async def test_the_first_frame_paints_before_the_backend_answers(data_dir):
    ready = threading.Event()

    def slow_open() -> LocalBackend:
        ready.wait(timeout=30)
        return LocalBackend(Engine(Store.open(data_dir)))

    app = FieldmapApp(slow_open)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(Browser).loading
        assert "opening…" in text_of(screen.context_bar)
        assert "Choose a model" in text_of(screen.query_one("#payload-source"))
        await pilot.press("question_mark")  # the screen works while the backend opens
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        ready.set()
        await settle(pilot)
        assert not screen.query_one(Browser).loading
        assert screen.context.connector_token == ACME  # lands on a connector with rows
        assert screen.raw is not None


async def test_closing_while_a_load_is_under_way_fails_no_worker(data_dir):
    class PathsNeverCome(LocalBackend):
        async def discover_paths(self, query):
            await asyncio.Event().wait()  # until the closing app cancels the worker

    class Interrupted(Exception):
        pass

    app = FieldmapApp(lambda: PathsNeverCome(Engine(Store.open(data_dir))))
    # Leaving run_test on an exception closes the app the way a crash or ctrl+c does: the
    # panes are removed before the screen's workers are cancelled.
    with pytest.raises(Interrupted):
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.screen.query_one(PathList).loading)
            raise Interrupted


def record_notifications(app: FieldmapApp, monkeypatch) -> list[tuple[str, str]]:
    """(severity, message) of every notification, which still shows as usual."""
    notified: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        notified.append((kwargs.get("severity", "information"), str(message)))
        return notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    return notified


async def test_a_server_that_is_down_is_a_message_on_a_working_screen(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    app = FieldmapApp(
        lambda: RemoteBackend(
            closed,
            "some-key",
            retry=RetryPolicy(attempts=1),
            config_file=ConfigFile(tmp_path / "config.json"),
        )
    )
    notified = record_notifications(app, monkeypatch)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        notice = text_of(screen.query_one("#payload-source"))
        assert "127.0.0.1" in notice and "ctrl+r retries" in notice
        assert any(level == "error" and "127.0.0.1" in text for level, text in notified)
        await pilot.press("n")  # no model yet: a warning, no crash
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_a_failed_save_keeps_the_dialog_and_what_was_typed(app, data_dir):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        await pilot.press(*"home_phone")
        # Someone else takes the name meanwhile: the server refuses, the dialog stays.
        Engine(Store.open(data_dir)).create_field(
            NewCustomField(name="home_phone", category=Category.HRIS, model="employee")
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "already exists" in text_of(dialog.error_line)
        assert dialog.name_input.value == "home_phone"
        assert not dialog.save_button.disabled


async def test_without_connector_listing_tokens_are_added_by_hand(data_dir, tmp_path):
    """On a Bindbee-like server (the real app with the extensions hidden), connectors are
    the tokens the user adds; they are kept in the config file."""
    server = without_extensions(create_app(Store.open(data_dir), {KEY: "default"}))
    config = ConfigFile(tmp_path / "config.json")
    app = FieldmapApp(
        lambda: RemoteBackend(
            BASE_URL, KEY, transport=httpx.ASGITransport(app=server), config_file=config
        )
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.context.connector_token is None  # no connector known yet
        await choose(pilot, "browse-integrations", "integration:workday")
        await choose(pilot, "browse-connectors", "add-token")
        dialog = app.screen
        assert isinstance(dialog, AddConnectorTokenDialog)
        await pilot.press(*"not-a-token", "enter")
        await settle(pilot)
        assert app.screen is dialog and "no connector" in text_of(dialog.error_line)
        dialog.token_input.value = ACME
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.context.connector_token == ACME
        prompts = [
            str(o.prompt) for o in screen.query_one("#browse-connectors", OptionList).options
        ]
        assert any(short_token(ACME) in prompt for prompt in prompts)
        assert not any(ACME in prompt for prompt in prompts)  # never the whole secret
        assert ACME in config.path.read_text()


async def test_at_80x24_panes_are_tabs_above_an_editor_that_stays(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        payload, table, browser = (
            screen.query_one(PayloadPane),
            screen.query_one(ConfigurationTable),
            screen.query_one(Browser),
        )
        editor = screen.query_one(PathEditor)
        assert payload.display and not table.display and not browser.display
        assert screen.query_one("#pane-tabs").display and editor.display
        await pilot.press("3")
        await pilot.pause()
        assert table.display and not payload.display and editor.display
        assert screen.focused is table.table
        await pilot.press("tab")  # from the table on to the paths pane's filter
        await settle(pilot)
        assert not table.display and screen.focused.id == "paths-filter"
        await pilot.press("tab")
        await settle(pilot)
        assert screen.focused.id == "paths-table"
        await pilot.press("tab")  # round to the browse pane
        await settle(pilot)
        assert browser.display and screen.focused.id.startswith("browse-")
        await pilot.press("3")
        await settle(pilot)
        assert table.display and screen.focused is table.table
        # Everything fits: the editor's result grows with the value, the footer is on the
        # last line.
        editor.set_expression("Worker_Data.Personal_Data.Name_Data")
        await settle(pilot)
        assert editor.result_view.size.height >= 3
        assert screen.query_one("Footer").region.y == 23


async def test_at_160x48_every_pane_shows(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-wide") and not screen.query_one("#pane-tabs").display
        for widget in (Browser, PayloadPane, ConfigurationTable, PathEditor):
            assert screen.query_one(widget).region.area > 0


async def test_typing_in_the_editor_never_triggers_single_letter_keys(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("4", *"nmqyud?", "enter")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert screen.query_one(PathEditor).expression == "nmqyud?"


async def test_help_lists_every_key_of_the_workbench(app):
    from fieldmap.tui.screens.workbench import WorkbenchScreen

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        help_text = "\n".join(text_of(s) for s in app.screen.query(".help-description"))
        listed = (
            WorkbenchScreen,
            FieldmapApp,
            Browser,
            PayloadPane,
            PayloadTree,
            ConfigurationTable,
            FormDialog,
        )
        for cls in listed:
            for binding in cls.BINDINGS:
                assert binding.id and binding.tooltip, binding
                assert binding.tooltip in help_text
        assert all(binding.id and binding.tooltip for binding in HelpScreen.BINDINGS)


async def test_the_palette_jumps_to_a_connector(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Globex")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.context.connector_token == GLOBEX
        assert app.screen.raw.data != {}


async def test_rows_search_copy_and_the_unmapped_filter(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        payload = screen.query_one(PayloadPane)
        count = screen.raw.row_count
        assert f"row {count:,} of {count:,}" in text_of(payload.source)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.raw.row_index == count - 2
        assert f"row {count - 1:,} of {count:,}" in text_of(payload.source)

        await pilot.press("2", "slash", *"cost_center", "enter")
        await settle(pilot)
        expected = find(screen.raw.data, "cost_center")
        assert expected and payload.matches == expected
        assert screen.query_one(PayloadTree).cursor_entry.steps == expected[0]
        assert f"match 1 of {len(expected)}" in text_of(payload.path_line)
        await pilot.press("escape", "enter")
        await settle(pilot)
        editor = screen.query_one(PathEditor)
        assert editor.expression == jmes.path_of(expected[0])

        await pilot.press("y")
        assert app.clipboard == jmes.path_of(expected[0])
        await pilot.press("Y")
        assert app.clipboard == '"Cost_Center"'

        table = screen.query_one(ConfigurationTable)
        unmapped = [r.field.name for r in table.rows if r.field.json_path is None]
        assert unmapped and len(unmapped) < len(table.rows)
        await pilot.press("3", "u")
        await settle(pilot)
        assert table.unmapped_only
        heading = text_of(table.heading)
        assert heading.startswith(f"unmapped only: {len(unmapped)} of {len(table.rows)}")
        assert table.table.row_count == len(unmapped)


async def test_edit_then_delete_a_field_from_the_configuration_pane(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ConfigurationTable)
        await select_field(pilot, "preferred_pronouns")
        editor = screen.query_one(PathEditor)
        editor.set_expression("Worker_Data.User_ID")
        await settle(pilot)
        await pilot.press("3", "m", "ctrl+s")
        await confirm_impact(pilot)

        def row():
            return next(r for r in table.rows if r.field.name == "preferred_pronouns")

        assert row().field.json_path == "Worker_Data.User_ID"
        editor.set_expression("")
        await pilot.press("enter")  # the row's path goes back into the editor
        await settle(pilot)
        assert editor.expression == "Worker_Data.User_ID"

        dialog = await dialog_after(pilot, "e", EditMappingDialog)
        await pilot.press("ctrl+u", *"Worker_Descriptor")
        assert f'"{screen.raw.data["Worker_Descriptor"]}"' in text_of(dialog.preview)
        await pilot.press("enter")
        await confirm_impact(pilot)
        assert row().field.json_path == "Worker_Descriptor"
        assert row().value == screen.raw.data["Worker_Descriptor"]

        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ImpactScreen))
        assert "Its mapping goes with it." in text_of(app.screen.query_one("#impact-note"))
        await confirm_impact(pilot)
        assert "preferred_pronouns" not in [r.field.name for r in table.rows]


async def test_the_browse_lists_start_on_the_chosen_items(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        highlighted = {
            list_id: screen.query_one(f"#{list_id}", OptionList).highlighted_option.id
            for list_id in ("browse-models", "browse-integrations", "browse-connectors")
        }
        assert highlighted == {
            "browse-models": "model:HRIS:employee",
            "browse-integrations": "integration:workday",
            "browse-connectors": f"connector:{ACME}",
        }
