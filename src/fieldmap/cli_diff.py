"""`fieldmap diff FILE`: what applying a configuration document would create, change and
delete, as `diff` says it: exit status 0 when nothing differs, 1 when something does, 2 on
an error (a document that cannot be read says every problem found)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from fieldmap.backends.configuration_snapshot import Snapshot, read_snapshot
from fieldmap.backends.factory import open_backend
from fieldmap.backends.protocol import Backend
from fieldmap.core.config_document import MAX_DOCUMENT_BYTES, parse_document
from fieldmap.core.errors import InputDataError
from fieldmap.core.plan import Plan, make_plan, render_json, render_text


@dataclass(frozen=True)
class Planned:
    plan: Plan
    snapshot: Snapshot


def diff(args: argparse.Namespace) -> int:
    planned = asyncio.run(_diff(args))
    print(render_json(planned.plan) if args.json else render_text(planned.plan), end="")
    return 1 if planned.plan.differs else 0


async def _diff(args: argparse.Namespace) -> Planned:
    backend = open_backend(args)
    try:
        return await plan_for(backend, args.file, prune=False)
    finally:
        await backend.aclose()


async def plan_for(backend: Backend, file: str, prune: bool) -> Planned:
    """The plan that makes the backend's configuration what the document in `file` says."""
    document = parse_document(read_document(file))
    snapshot = await read_snapshot(backend, document.category, document.model)
    return Planned(make_plan(document, snapshot.configuration, prune), snapshot)


def read_document(file: str) -> bytes:
    """The bytes of `file` (`-`: standard input), a little more than a document may hold at
    most, so that parsing refuses an oversized one without reading it all."""
    limit = MAX_DOCUMENT_BYTES + 1
    try:
        if file == "-":
            return sys.stdin.buffer.read(limit)
        with Path(file).open("rb") as opened:
            return opened.read(limit)
    except OSError as error:
        raise InputDataError(f"cannot read {file}: {error.strerror}") from None
