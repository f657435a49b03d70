"""`fieldmap find TEXT`: search the keys and values of every connector's rows and every
integration sample, model after model, as grep does: exit status 0 when something
matched, 1 when nothing did, 2 on an error.

It is the backend's `search`: the local engine and `fieldmap serve` search every row; on
a server without that extension only the latest row of each known connector is searched,
and the output says so.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import unicodedata
from typing import Any

from fieldmap.backends.factory import open_backend
from fieldmap.core.find_operations import SearchHit, SearchRequest, SearchResult, SourceHits
from fieldmap.core.ids import short_token
from fieldmap.core.models import Category, build
from fieldmap.core.wording import count_of


def find(args: argparse.Namespace) -> int:
    result = asyncio.run(_search(args))
    if args.json:
        text = json.dumps(_as_json(result), ensure_ascii=False, indent=2)
        print(_printable(text, keep="\n"))
    else:
        _print_text(result)
    return 0 if result.matched else 1


async def _search(args: argparse.Namespace) -> SearchResult:
    backend = open_backend(args)
    try:
        category = Category(args.category) if args.category else None
        request = build(SearchRequest, query=args.text, category=category, model=args.model)
        return await backend.search(request)
    finally:
        await backend.aclose()


def _print_text(result: SearchResult) -> None:
    searched = result.sources
    rows = sum(s.rows for s in searched)
    with_hits = [s for s in searched if s.hits]
    for source in with_hits:
        print(_heading(source))
        for hit in source.hits:
            print("  " + _hit_line(hit, source.rows))
    paths = sum(len(s.hits) for s in with_hits)
    print(
        f"{count_of(paths, 'path')} matched in {len(with_hits)} of "
        f"{count_of(len(searched), 'source')} ({count_of(rows, 'row')} searched)"
    )
    if result.stopped:
        print(f"the search {result.stopped}")
    if result.only_latest_row:
        print(
            "only the latest row of each connector was searched: the server reads one raw "
            "row per request"
        )


def _heading(source: SourceHits) -> str:
    if source.connector_token is None:
        where = f"{_printable(source.name)} sample"
    else:
        where = (
            f"{_printable(source.name)} ({source.integration_slug}, connector "
            f"{short_token(source.connector_token)})"
        )
    rows = "latest row only" if source.only_latest_row else count_of(source.rows, "row")
    return f"{source.category}/{source.model} · {where}: {rows}"


def _hit_line(hit: SearchHit, rows: int) -> str:
    sample = _printable(json.dumps(hit.sample, ensure_ascii=False))
    return (
        f"{hit.path}  [{hit.matched_on}] {count_of(hit.rows_matching, 'row')} of {rows:,}"
        f" · path on {hit.share_with_path:.0%} · first row {hit.first_row + 1:,} · {sample}"
        + (f" · its value: {_printable(hit.value_path)}" if hit.value_path else "")
    )


def _as_json(result: SearchResult) -> dict[str, Any]:
    sources = []
    for source in result.sources:
        shown = source.model_dump(mode="json", exclude={"connector_token"})
        token = source.connector_token
        shown["connector"] = short_token(token) if token else None  # never a whole token
        shown["category"] = source.category.value
        sources.append(shown)
    return {"query": result.query, "matched": result.matched, "sources": sources}


def _printable(text: str, keep: str = "") -> str:
    """`text` with the characters that would act on a terminal `\\u`-escaped, but those
    of `keep` (in JSON text they can only be inside strings, where the escape means the
    same character)."""
    return "".join(
        json.dumps(c)[1:-1] if unicodedata.category(c)[0] == "C" and c not in keep else c
        for c in text
    )
