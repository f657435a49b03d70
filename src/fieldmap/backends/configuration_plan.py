"""The plan that makes a backend's configuration what a document file says (for `fieldmap
diff` and `apply`, and the workbench's diff screen)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from fieldmap.backends.configuration_snapshot import Snapshot, read_snapshot
from fieldmap.backends.protocol import Backend
from fieldmap.core.config_document import MAX_DOCUMENT_BYTES, parse_document
from fieldmap.core.errors import InputDataError
from fieldmap.core.plan import Plan, make_plan


@dataclass(frozen=True)
class Planned:
    plan: Plan
    snapshot: Snapshot
    """What the plan was made against (the ids applying it needs)."""


async def plan_for(backend: Backend, file: str, prune: bool) -> Planned:
    """The plan for the document in `file` (`-`: standard input), against what the backend
    holds within the document's category and model."""
    document = parse_document(read_document(file))
    snapshot = await read_snapshot(backend, document.category, document.model)
    return Planned(make_plan(document, snapshot.configuration, prune), snapshot)


def read_document(file: str) -> bytes:
    """The bytes of `file`, a little more than a document may hold at most, so that parsing
    refuses an oversized one without reading it all."""
    limit = MAX_DOCUMENT_BYTES + 1
    try:
        if file == "-":
            return sys.stdin.buffer.read(limit)
        with Path(file).expanduser().open("rb") as opened:
            return opened.read(limit)
    except OSError as error:
        raise InputDataError(f"cannot read {file}: {error.strerror}") from None
