"""`fieldmap` without a command: the workbench on the local engine or a remote server."""

from __future__ import annotations

import argparse

from fieldmap.core.config import ConfigFile
from fieldmap.core.errors import ConfigError


def user_keymap() -> dict[str, str]:
    """The config file's `keymap`; none when the file is invalid (opening the backend reads
    the file too, and says what is wrong with it in the workbench)."""
    try:
        return ConfigFile().load().keymap
    except ConfigError:
        return {}


def run_workbench(args: argparse.Namespace) -> int:
    from fieldmap.backends.factory import open_backend
    from fieldmap.tui.app import FieldmapApp

    # Opening (a store seeded with the demo on first start, or a client) runs in a worker.
    app = FieldmapApp(lambda: open_backend(args), keymap=user_keymap())
    app.run()
    return app.return_code or 0
