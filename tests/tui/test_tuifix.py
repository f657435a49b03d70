"""Regressions found in review: pane switching, markup and control codes, stale results."""

from __future__ import annotations

import asyncio

from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.payload_pane import PayloadPane

from .driving import settle


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
            assert screen.active_pane == pane
            assert screen.tabs.active == f"tab-{pane}"
            assert [name for name, widget in panes.items() if widget.display] == [pane]
            assert screen.focused is not None and panes[pane] in screen.focused.ancestors


def test_a_crash_gives_a_nonzero_exit_status(monkeypatch):
    import argparse

    from fieldmap.tui import app as app_module
    from fieldmap.tui.run import run_workbench

    class CrashedApp:
        """Stands in for an app whose run ended on an unhandled exception."""

        def __init__(self, open_backend) -> None:
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
