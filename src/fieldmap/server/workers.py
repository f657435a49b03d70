"""`fieldmap serve --workers N`: uvicorn's worker processes over the same WAL database.

uvicorn starts each worker anew (spawn) and asks it for its app by an import string, so the
parent hands the settings down in an environment variable of its children only; each worker
opens its own connection to the store (SQLite's WAL lets them read at once; writes queue
on the database's lock, and every cache in the engine is checked against the database).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import FastAPI

from fieldmap.core import workspace
from fieldmap.server.app import create_app
from fieldmap.server.log_format import configure_logging

SETTINGS_VARIABLE = "FIELDMAP_SERVE_WORKER_SETTINGS"
APP_FACTORY = "fieldmap.server.workers:worker_app"


@dataclass(frozen=True)
class WorkerSettings:
    data_dir: str
    keys: dict[str, str]
    max_body_bytes: int
    body_timeout: float


def hand_down(settings: WorkerSettings) -> None:
    """Set what `worker_app` reads, for the worker processes started after this."""
    os.environ[SETTINGS_VARIABLE] = json.dumps(asdict(settings))


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory)."""
    configure_logging(sys.stderr)  # a spawned process starts without the parent's
    settings = WorkerSettings(**json.loads(os.environ[SETTINGS_VARIABLE]))
    store = workspace.open_store(Path(settings.data_dir))
    return create_app(
        store,
        settings.keys,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout,
    )
