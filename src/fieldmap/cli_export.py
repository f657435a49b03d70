"""`fieldmap export`: the fields and mappings of the local engine or a remote, as a
configuration document (core/config_document.py), on stdout or in a file written 0600
(a document may hold connector tokens, which are secrets)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from fieldmap.backends.configuration_snapshot import read_snapshot
from fieldmap.backends.factory import open_backend
from fieldmap.core.config_document import Configuration, render_document
from fieldmap.core.models import Category
from fieldmap.core.private_file import write_private
from fieldmap.core.wording import count_of


def export(args: argparse.Namespace) -> int:
    category = Category(args.category) if args.category else None
    configuration = asyncio.run(exported(args, category, args.model))
    text = render_document(configuration)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_private(args.output, text)
    print(
        f"wrote {count_of(len(configuration.fields), 'field')} to {args.output}"
        + (" (it holds connector tokens: keep it private)" if configuration.holds_tokens else ""),
        file=sys.stderr,
    )
    return 0


async def exported(
    args: argparse.Namespace, category: Category | None, model: str | None
) -> Configuration:
    backend = open_backend(args)
    try:
        return (await read_snapshot(backend, category, model)).configuration
    finally:
        await backend.aclose()
