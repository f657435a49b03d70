"""`fieldmap diff FILE`: what applying a configuration document would create, change and
delete, as `diff` says it: exit status 0 when nothing differs, 1 when something does, 2 on
an error (a document that cannot be read says every problem found)."""

from __future__ import annotations

import argparse
import asyncio

from fieldmap.backends.configuration_plan import Planned, plan_for
from fieldmap.backends.factory import open_backend
from fieldmap.core.plan import render_json, render_text


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
