"""`fieldmap` without a command: the workbench on the local engine or a remote server."""

from __future__ import annotations

import argparse

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import ExtensionUnavailableError


def backend_opener(args: argparse.Namespace) -> Backend:
    """The backend `args` ask for. This is the one place that chooses it."""
    if args.remote:
        # The remote client lands with the server work (fieldmap.backends.factory).
        raise ExtensionUnavailableError("the remote backend is not available in this build yet")
    from fieldmap.backends.local import LocalBackend
    from fieldmap.core.engine import Engine
    from fieldmap.core.workspace import data_dir, open_store

    return LocalBackend(Engine(open_store(data_dir(args.data_dir))))


def run_workbench(args: argparse.Namespace) -> int:
    from fieldmap.tui.app import FieldmapApp

    FieldmapApp(lambda: backend_opener(args)).run()
    return 0
