"""`fieldmap` without a command: the workbench on the local engine or a remote server."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from fieldmap.core import workspace
from fieldmap.core.errors import ConfigError

if TYPE_CHECKING:
    from fieldmap.backends.protocol import Backend


def user_keymap() -> dict[str, str]:
    """The config file's `keymap`; none when the file is invalid (opening the backend reads
    the file too, and says what is wrong with it in the workbench)."""
    if not workspace.config_path().exists():
        return {}  # the settings' models stay unloaded until the backend opens
    from fieldmap.core.config import ConfigFile

    try:
        return ConfigFile().load().keymap
    except ConfigError:
        return {}


def _open_backend(args: argparse.Namespace) -> Backend:
    # Imported in the opening worker: the backends are not needed for the first frame.
    from fieldmap.backends.factory import open_backend

    return open_backend(args)


def run_workbench(args: argparse.Namespace) -> int:
    from fieldmap.core.history import ExpressionHistory
    from fieldmap.tui.app import FieldmapApp

    # Opening (a store seeded with the demo on first start, or a client) runs in a worker.
    history = ExpressionHistory(workspace.data_dir(getattr(args, "data_dir", None)))
    app = FieldmapApp(lambda: _open_backend(args), keymap=user_keymap(), history=history)
    app.run()
    return app.return_code or 0
