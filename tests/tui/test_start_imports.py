"""What the workbench's start imports before its first frame (issue 16): the modules that
only an opened backend, a write, the palette or a settings file need stay unloaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from fieldmap.tui.run import user_keymap

DEFERRED = (
    "fieldmap.backends.factory",
    "fieldmap.core.store",
    "fieldmap.core.config",
    "fieldmap.tui.screens.writes",
    "fieldmap.tui.screens.config_commands",
    "fieldmap.tui.dialogs.new_field",
    "concurrent.futures.process",
    "importlib.metadata",  # pydantic's plugin loader, when a model's validator is built
)


def loaded_at_start(config_home) -> set[str]:
    """The deferred modules a fresh interpreter holds once it could build the workbench."""
    code = (
        "import sys, json\n"
        "from fieldmap.tui.run import user_keymap\n"
        "from fieldmap.tui.app import FieldmapApp\n"
        "from fieldmap.core.history import ExpressionHistory\n"
        "user_keymap()\n"
        f"print(json.dumps([m for m in {list(DEFERRED)!r} if m in sys.modules]))\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_the_start_without_a_settings_file_imports_none_of_them(tmp_path):
    assert loaded_at_start(tmp_path) == set()


def test_a_settings_file_loads_the_settings_models_for_its_keymap(tmp_path):
    (tmp_path / "fieldmap").mkdir()
    (tmp_path / "fieldmap" / "config.json").write_text(json.dumps({"keymap": {}}))
    # Reading it validates it: the settings' models, and pydantic's plugin loader with them.
    assert loaded_at_start(tmp_path) == {"fieldmap.core.config", "importlib.metadata"}


def test_the_keymap_comes_from_the_settings_file_and_none_without_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_keymap() == {}
    (tmp_path / "fieldmap").mkdir()
    (tmp_path / "fieldmap" / "config.json").write_text(
        json.dumps({"keymap": {"workbench.map": "M"}})
    )
    assert user_keymap() == {"workbench.map": "M"}
