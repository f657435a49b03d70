"""`fieldmap import-rows`: append synced rows to a connector, through any backend that
allows it (the local engine, or `fieldmap serve`)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from typing import Any

from fieldmap.backends.factory import open_backend
from fieldmap.core.ids import short_token
from fieldmap.core.inputs import load_rows_to_append
from fieldmap.core.models import Category, build
from fieldmap.core.operations import NewRows


def import_rows(args: argparse.Namespace) -> int:
    loaded = load_rows_to_append(args.file)
    count = asyncio.run(_append(args, loaded.rows))
    print(
        f"appended {len(loaded.rows)} rows ({loaded.form}) to connector "
        f"{short_token(args.connector)}, which now has {count} {args.category}/{args.model} rows"
    )
    return 0


async def _append(args: argparse.Namespace, rows: Sequence[dict[str, Any]]) -> int:
    backend = open_backend(args)
    try:
        request = build(
            NewRows,
            connector_token=args.connector,
            category=Category(args.category),
            model=args.model,
            rows=rows,
        )
        return (await backend.append_rows(request)).row_count
    finally:
        await backend.aclose()
