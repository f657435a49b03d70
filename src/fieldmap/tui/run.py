"""`fieldmap` without a command: the workbench on the local engine or a remote server."""

from __future__ import annotations

import argparse


def run_workbench(args: argparse.Namespace) -> int:
    from fieldmap.backends.factory import open_backend
    from fieldmap.tui.app import FieldmapApp

    # Opening (a store seeded with the demo on first start, or a client) runs in a worker.
    app = FieldmapApp(lambda: open_backend(args))
    app.run()
    return app.return_code or 0
