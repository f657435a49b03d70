"""`fieldmap find TEXT`: search the keys and values of every connector's rows and every
integration sample, model after model, as grep does: exit status 0 when something
matched, 1 when nothing did, 2 on an error.

The local engine's rows are searched whole. Over HTTP the contract reads one raw row per
request, so a remote connector is searched on its latest row only, and the output says so.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from fieldmap.backends.factory import open_backend
from fieldmap.backends.local import LocalBackend
from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import NoRawDataError, NotFoundError
from fieldmap.core.ids import short_token
from fieldmap.core.models import Category, Connector, Model, RawDataSource
from fieldmap.core.operations import RawDataRequest
from fieldmap.core.search import RowSource, Search, SearchHit, SourceHits
from fieldmap.core.wording import count_of


@dataclass(frozen=True)
class _Searched:
    model: Model
    hits: SourceHits


def find(args: argparse.Namespace) -> int:
    searched = asyncio.run(_search(args))
    matched = any(s.hits.hits for s in searched)
    if args.json:
        text = json.dumps(_as_json(args.text, searched), ensure_ascii=False, indent=2)
        print(_printable(text, keep="\n"))
    else:
        _print_text(searched)
    return 0 if matched else 1


async def _search(args: argparse.Namespace) -> list[_Searched]:
    backend = open_backend(args)
    try:
        category = Category(args.category) if args.category else None
        models = await backend.list_models(category)
        if args.model is not None:
            models = [m for m in models if m.slug == args.model]
            if not models:
                where = f" in category {category}" if category else ""
                raise NotFoundError(f"no model {args.model!r}{where}")
        connectors = await backend.list_connectors()
        integrations = await backend.list_integrations(category)
        search = Search(args.text)
        searched: list[_Searched] = []
        for model in models:
            for connector in connectors:
                if model.category in connector.categories:
                    found = await _connector_rows(backend, connector, model)
                    if found is not None:
                        searched.append(_Searched(model, search.run(*found)))
            for integration in integrations:
                if model.category not in integration.categories:
                    continue
                try:
                    raw = await backend.raw_data(
                        RawDataRequest(
                            category=model.category,
                            model=model.slug,
                            integration_slug=integration.slug,
                        )
                    )
                except NoRawDataError:
                    continue
                source = RowSource(integration.slug, raw.source, name=integration.display_name)
                searched.append(_Searched(model, search.run(source, [raw.data])))
        return searched
    finally:
        await backend.aclose()


async def _connector_rows(
    backend: Backend, connector: Connector, model: Model
) -> tuple[RowSource, list[Any]] | None:
    """The connector's rows: all of them from the local engine, else the latest one."""
    source = RowSource(
        connector.integration_slug,
        RawDataSource.CONNECTOR_SYNC,
        connector.token,
        connector.name,
        only_latest_row=not isinstance(backend, LocalBackend),
    )
    if isinstance(backend, LocalBackend):
        rows = await asyncio.to_thread(
            backend.engine.synced_rows, connector.token, model.category, model.slug
        )
        return (source, rows) if rows else None
    try:
        raw = await backend.raw_data(
            RawDataRequest(
                category=model.category, model=model.slug, connector_token=connector.token
            )
        )
    except NotFoundError:
        return None
    if raw.source is not RawDataSource.CONNECTOR_SYNC:
        return None  # no synced row: the sample, which is searched as the integration's
    return source, [raw.data]


def _print_text(searched: list[_Searched]) -> None:
    rows = sum(s.hits.rows for s in searched)
    with_hits = [s for s in searched if s.hits.hits]
    for item in with_hits:
        print(_heading(item))
        for hit in item.hits.hits:
            print("  " + _hit_line(hit))
    paths = sum(len(s.hits.hits) for s in with_hits)
    print(
        f"{count_of(paths, 'path')} matched in {len(with_hits)} of "
        f"{count_of(len(searched), 'source')} ({count_of(rows, 'row')} searched)"
    )
    if any(s.hits.source.only_latest_row for s in searched):
        print(
            "only the latest row of each connector was searched: the server reads one raw "
            "row per request"
        )


def _heading(item: _Searched) -> str:
    source, model = item.hits.source, item.model
    if source.connector_token is None:
        where = f"{_printable(source.name)} sample"
    else:
        where = (
            f"{_printable(source.name)} ({source.integration_slug}, connector "
            f"{short_token(source.connector_token)})"
        )
    rows = "latest row only" if source.only_latest_row else count_of(item.hits.rows, "row")
    return f"{model.category}/{model.slug} · {where}: {rows}"


def _hit_line(hit: SearchHit) -> str:
    sample = _printable(json.dumps(hit.sample, ensure_ascii=False))
    return (
        f"{hit.path}  [{hit.matched_on}] {count_of(hit.rows_matching, 'row')} of {hit.rows:,}"
        f" · path on {hit.share_with_path:.0%} · first row {hit.first_row + 1:,} · {sample}"
    )


def _as_json(query: str, searched: list[_Searched]) -> dict[str, Any]:
    return {
        "query": query,
        "matched": any(s.hits.hits for s in searched),
        "sources": [
            {
                "category": s.model.category.value,
                "model": s.model.slug,
                "integration_slug": s.hits.source.integration_slug,
                "connector": (
                    short_token(s.hits.source.connector_token)
                    if s.hits.source.connector_token
                    else None
                ),
                "name": s.hits.source.name,
                "raw_data_source": s.hits.source.source.value,
                "rows": s.hits.rows,
                "only_latest_row": s.hits.source.only_latest_row,
                "hits": [
                    {
                        "path": h.path,
                        "matched_on": h.matched_on,
                        "rows_matching": h.rows_matching,
                        "rows_with_path": h.rows_with_path,
                        "share_with_path": round(h.share_with_path, 4),
                        "first_row": h.first_row,
                        "sample": h.sample,
                    }
                    for h in s.hits.hits
                ],
            }
            for s in searched
        ],
    }


def _printable(text: str, keep: str = "") -> str:
    """`text` with the characters that would act on a terminal `\\u`-escaped, but those
    of `keep` (in JSON text they can only be inside strings, where the escape means the
    same character)."""
    return "".join(
        json.dumps(c)[1:-1] if unicodedata.category(c)[0] == "C" and c not in keep else c
        for c in text
    )
