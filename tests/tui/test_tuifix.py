"""Regressions found in review: pane switching, markup and control codes, stale results."""

from __future__ import annotations

import asyncio

from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.payload_pane import PayloadPane

from .driving import dialog_after, settle


async def test_switching_panes_at_80x24_follows_each_key(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        panes = {
            "browse": screen.query_one(Browser),
            "payload": screen.query_one(PayloadPane),
            "configuration": screen.query_one(ConfigurationTable),
        }
        for key, pane in (
            ("1", "browse"),
            ("2", "payload"),
            ("3", "configuration"),
            ("2", "payload"),
            ("1", "browse"),
        ):
            await asyncio.wait_for(pilot.press(key), timeout=10)
            await asyncio.wait_for(settle(pilot), timeout=10)
            for _ in range(100):  # focus moves after the shown pane's refresh
                if screen.focused is not None and panes[pane] in screen.focused.ancestors:
                    break
                await pilot.pause()
            assert screen.active_pane == pane
            assert screen.tabs.active == f"tab-{pane}"
            assert [name for name, widget in panes.items() if widget.display] == [pane]
            assert screen.focused is not None and panes[pane] in screen.focused.ancestors, key


def test_a_crash_gives_a_nonzero_exit_status(monkeypatch):
    import argparse

    from fieldmap.tui import app as app_module
    from fieldmap.tui.run import run_workbench

    class CrashedApp:
        """Stands in for an app whose run ended on an unhandled exception."""

        def __init__(self, open_backend, keymap=None) -> None:
            self.return_code: int | None = None

        def run(self) -> None:
            self.return_code = 1

    monkeypatch.setattr(app_module, "FieldmapApp", CrashedApp)
    assert run_workbench(argparse.Namespace()) == 1


async def test_the_first_enter_after_a_search_moves_to_the_next_match(app):
    from fieldmap.core.locate import find
    from fieldmap.tui.widgets.payload_tree import PayloadTree

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        payload = app.screen.query_one(PayloadPane)
        expected = find(app.screen.raw.data, "e")
        assert len(expected) >= 2
        await pilot.press("2", "slash", "e")
        for _ in range(500):  # until the debounced search has run (no fixed sleep)
            await pilot.pause()
            await app.workers.wait_for_complete()
            if payload.matches:
                break
        assert payload.matches == expected and payload.match_index == 0
        await pilot.press("enter")
        await settle(pilot)
        assert payload.match_index == 1
        assert app.screen.query_one(PayloadTree).cursor_entry.steps == expected[1]


async def test_after_choosing_an_integration_its_connectors_have_a_highlight(app):
    from textual.widgets import OptionList

    from .driving import choose

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        integrations = screen.query_one("#browse-integrations", OptionList)
        other = next(
            option.id
            for option in integrations.options
            if option.id != f"integration:{screen.context.integration_slug}"
            and screen.catalog.connectors_of(option.id.partition(":")[2])
        )
        await choose(pilot, "browse-integrations", other)
        connectors = screen.query_one("#browse-connectors", OptionList)
        assert screen.focused is connectors
        highlighted = connectors.highlighted_option
        assert highlighted is not None and not highlighted.disabled
        assert highlighted.id == connectors.options[0].id


NASTY = "Bad [/] name [bold]x[/] \x1b[31mRED\x1b[0m \u202eRTL"


def _rename_workday(data_dir, connector_token: str) -> None:
    """What a server could send: names with markup, an ANSI escape and a bidi override."""
    from fieldmap.core.store import Store

    store = Store.open(data_dir)
    with store.write() as db:
        db.execute(
            "UPDATE connectors SET name = ? WHERE token = ?", (f"C {NASTY}", connector_token)
        )
        db.execute(
            "UPDATE integrations SET display_name = ? WHERE slug = 'workday'", (f"I {NASTY}",)
        )
    store.close()


def _shown_safely(text: str, name: str) -> bool:
    from fieldmap.tui.literal import escape_controls

    return escape_controls(name) in text and "\x1b" not in text and "\u202e" not in text


async def test_names_from_the_server_show_literally_everywhere(app, data_dir, monkeypatch):
    from textual.command import CommandList
    from textual.widgets import OptionList, Static

    from fieldmap.tui.dialogs.confirm import ConfirmDialog
    from fieldmap.tui.dialogs.map_field import MapFieldDialog

    from .driving import ACME, select_field

    _rename_workday(data_dir, ACME)
    notified: list[tuple[str, dict]] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        notified.append((str(message), kwargs))
        return notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    connector, integration = f"C {NASTY}", f"I {NASTY}"
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.context.connector_token == ACME
        assert _shown_safely(str(screen.context_bar.render()), connector)
        connectors = screen.query_one("#browse-connectors", OptionList)
        assert any(_shown_safely(option.prompt.plain, connector) for option in connectors.options)
        integrations = screen.query_one("#browse-integrations", OptionList)
        assert any(
            _shown_safely(option.prompt.plain, integration) for option in integrations.options
        )
        heading = str(screen.query_one(ConfigurationTable).heading.render())
        assert _shown_safely(heading, connector)

        await pilot.press("ctrl+p", *"Bad")
        await settle(pilot)
        prompts = [option.prompt.plain for option in app.screen.query_one(CommandList).options]
        assert any(_shown_safely(prompt, connector) for prompt in prompts)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.screen is screen

        await pilot.press("4", *"Worker_Descriptor", "enter", "escape")
        await select_field(pilot, "shirt_size")
        dialog = await dialog_after(pilot, "m", MapFieldDialog)
        scope_label = dialog.scope_select.query_one("#label", Static)
        assert _shown_safely(str(scope_label.render()), integration)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        message, kwargs = notified[-1]
        assert message.startswith("Mapped shirt_size") and _shown_safely(message, integration)
        assert kwargs.get("markup") is False

        await select_field(pilot, "shirt_size")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        body = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert _shown_safely(body, integration)
        await pilot.press("escape")
        await settle(pilot)


async def test_right_after_a_context_switch_m_cannot_offer_the_previous_fields(app):
    from .driving import GLOBEX

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.configuration
        screen.editor.set_expression("Worker_Descriptor")
        screen.choose(screen.context.with_connector(GLOBEX, "workday"))
        assert screen.configuration is None  # not the previous connector's
        screen.action_write("map_field")
        await pilot.pause()
        assert app.screen is screen
        await settle(pilot)
        assert screen.configuration


async def test_results_that_land_after_newer_requests_are_dropped(app):
    """A thread worker's result can reach the screen after a newer request's: simulate the
    late delivery of each and check the newer state stays."""
    from fieldmap.tui.widgets.path_editor import PathEditor, evaluate

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        document = screen.raw.data

        editor = screen.query_one(PathEditor)
        editor.set_expression("Worker_Descriptor")
        await settle(pilot)
        current = editor.evaluation
        app.call_later(editor._show_if_current, evaluate("Worker_Data", document, True), document)
        await pilot.pause()
        assert editor.evaluation is current

        payload = screen.query_one(PayloadPane)
        await pilot.press("2", "slash", *"Worker_Data")
        for _ in range(500):  # until the debounced search has run (no fixed sleep)
            await pilot.pause()
            await app.workers.wait_for_complete()
            if payload.matches:
                break
        matches = payload.matches
        assert matches
        payload._show_matches("e", document, [(), ()])
        assert payload.matches == matches

        table = screen.query_one(ConfigurationTable)
        rows = table.rows
        assert rows
        table._set_rows(list(reversed(screen.configuration)), document, [])
        assert table.rows == rows


async def test_the_map_dialog_preselects_only_a_field_the_user_chose(app):
    from textual.widgets import Select

    from fieldmap.tui.dialogs.map_field import MapFieldDialog

    from .driving import select_field

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("4", *"Worker_Descriptor", "enter", "escape", "m")
        await settle(pilot)
        assert isinstance(app.screen, MapFieldDialog)
        assert app.screen.field_select.value is Select.NULL
        await pilot.press("escape")
        await select_field(pilot, "shirt_size")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MapFieldDialog)
        chosen = screen.fields_table.selected_field
        assert chosen.name == "shirt_size"
        assert app.screen.field_select.value == chosen.custom_field_id


def test_counts_read_as_english():
    from fieldmap.core.wording import count_of

    assert count_of(1, "field") == "1 field"
    assert count_of(0, "connector") == "0 connectors"
    assert count_of(1024, "item") == "1,024 items"
