"""`fieldmap serve`: gather the API keys, open the store, run uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

import uvicorn

from fieldmap.core import workspace
from fieldmap.core.engine import DEFAULT_ORG
from fieldmap.server import client_limits
from fieldmap.server.app import create_app
from fieldmap.server.auth import parse_keys
from fieldmap.server.deadline_protocol import deadline_protocol
from fieldmap.server.keys_file import KEY_FILE, stored_key
from fieldmap.server.log_format import configure_logging
from fieldmap.server.workers import APP_FACTORY, WorkerSettings, hand_down

KEYS_VARIABLE = "FIELDMAP_API_KEYS"


def serve(args: argparse.Namespace) -> int:
    configure_logging(sys.stderr)
    log = logging.getLogger("fieldmap.server")
    keys = parse_keys([*os.environ.get(KEYS_VARIABLE, "").split(","), *args.api_key])
    if not keys:
        key, made = stored_key(workspace.config_dir())
        keys = {key: DEFAULT_ORG}
        where = workspace.config_dir() / KEY_FILE
        if made:
            print(f"fieldmap serve: new API key (saved in {where}): {key}", flush=True)
        else:
            log.info("using the API key saved in %s", where)
    data_dir = workspace.data_dir(args.serve_data_dir or args.data_dir)
    store = workspace.open_store(data_dir)  # made or migrated here, before any worker opens it
    try:
        limits = client_limits.from_arguments(args)
        if args.workers > 1:
            store.close()
            hand_down(WorkerSettings(str(data_dir), keys, args.max_body_bytes, limits.body_timeout))
            app: Any = APP_FACTORY
        else:
            app = create_app(
                store, keys, max_body_bytes=args.max_body_bytes, body_timeout=limits.body_timeout
            )
        organizations = ", ".join(sorted(set(keys.values())))
        log.info(
            "serving %s on http://%s:%d/api/v1 (%d API keys; organizations: %s; %d workers)",
            data_dir,
            args.host,
            args.port,
            len(keys),
            organizations,
            args.workers,
        )
        uvicorn.run(
            app,
            factory=args.workers > 1,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_config=None,
            access_log=False,
            log_level="info",
            http=deadline_protocol(limits.header_timeout, limits.max_connections),
            timeout_keep_alive=limits.keep_alive_timeout,
            # uvicorn counts the requesting connection too: at the cap, it would answer 503
            # to the last connection allowed. Past the cap, connections are closed at once.
            # With workers, the cap is each worker's.
            limit_concurrency=limits.max_connections + 1,
        )
    finally:
        store.close()
    return 0
