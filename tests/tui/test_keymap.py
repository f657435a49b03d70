"""User keymaps: the config file's `keymap` rebinds keys by binding id (issue 12)."""

from __future__ import annotations

import json

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.errors import ConfigError
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.screens.help import HelpScreen
from fieldmap.tui.screens.workbench import WorkbenchScreen

from .driving import settle, text_of


def app_with_keymap(data_dir, keymap: dict[str, str]) -> FieldmapApp:
    return FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))), keymap=keymap)


async def test_a_remapped_key_runs_its_action_and_the_old_key_no_longer_does(data_dir):
    app = app_with_keymap(data_dir, {"workbench.new_field": "ctrl+n"})
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WorkbenchScreen)  # n is no longer "new field"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewFieldDialog)


async def test_the_help_shows_the_remapped_key_and_each_binding_id(data_dir):
    app = app_with_keymap(data_dir, {"workbench.new_field": "ctrl+n"})
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [text_of(s) for s in app.screen.query(".help-key, .help-description")]
        index = next(i for i, row in enumerate(rows) if "workbench.new_field" in row)
        assert rows[index - 1] == "^n"
        assert any("keymap" in text_of(s) for s in app.screen.query(".help-heading"))


def test_the_config_file_holds_a_keymap_and_refuses_an_empty_key(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"keymap": {"workbench.map": "M"}}), encoding="utf-8")
    assert ConfigFile(path).load().keymap == {"workbench.map": "M"}
    path.write_text(json.dumps({"keymap": {"workbench.map": ""}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="keymap"):
        ConfigFile(path).load()
