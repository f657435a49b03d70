"""`fieldmap overrides --integration SLUG --model M`: every connector override of the
integration's model next to the organization's mapping, flagged redundant, broken, stale or
better. Exit status 0 when no override loses values, 1 when one is broken or stale (so that
a script can check), 2 on an error.

A server without the overrides extension is compared on each known connector's latest row
only, and the output says so.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from fieldmap.backends.factory import open_backend
from fieldmap.backends.protocol import Backend
from fieldmap.cli_find import _printable
from fieldmap.core.errors import NotFoundError, RuleViolation, Violation
from fieldmap.core.ids import short_token
from fieldmap.core.models import Category
from fieldmap.core.operations_impact import Flag, OverridesReport, OverridesRequest
from fieldmap.core.wording import count_of

LOSING = {Flag.BROKEN, Flag.STALE}


def overrides(args: argparse.Namespace) -> int:
    report = asyncio.run(_report(args))
    if args.json:
        print(_printable(_json(report), keep="\n"))
    else:
        print(_printable(_text(report), keep="\n"))
    losing = any(LOSING & set(f.flags) for f in report.findings)
    return 1 if losing else 0


async def _report(args: argparse.Namespace) -> OverridesReport:
    backend = open_backend(args)
    try:
        category = await _category(backend, args.model, args.category)
        request = OverridesRequest(
            integration=args.integration, category=category, model=args.model
        )
        return await backend.overrides(request)
    finally:
        await backend.aclose()


async def _category(backend: Backend, model: str, given: str | None) -> Category:
    """The category of `model`: the one given, or the only one that has it."""
    categories = [m.category for m in await backend.list_models() if m.slug == model]
    if given is not None:
        if Category(given) not in categories:
            raise NotFoundError(f"no model {model!r} in category {given}")
        return Category(given)
    if not categories:
        raise NotFoundError(f"no model {model!r}")
    if len(categories) > 1:
        raise RuleViolation(
            Violation(
                ("--category",), f"{model!r} is a model of {', '.join(categories)}: say which"
            )
        )
    return categories[0]


def _json(report: OverridesReport) -> str:
    """The report as JSON, connector tokens shortened (as everywhere fieldmap prints them)."""
    shown = report.model_dump(mode="json")
    for finding in shown["findings"]:
        finding["connector_token"] = short_token(finding["connector_token"])
    return json.dumps(shown, ensure_ascii=False, indent=2)


def _text(report: OverridesReport) -> str:
    lines = [
        f"{report.category}/{report.model} · {report.integration_slug}: "
        + count_of(len(report.findings), "connector override")
    ]
    if report.only_latest_row:
        lines.append(
            "(the server has no overrides extension: compared on each connector's latest row only)"
        )
    for f in report.findings:
        name = f.connector_name or short_token(f.connector_token)
        lines += [
            "",
            f"{f.verdict.upper():9}  {f.field_name} · {name} ({short_token(f.connector_token)})",
            f"  override      {f.override_path}",
            f"  organization  {f.organization_path or '(none)'}",
            (
                f"  {count_of(f.rows, 'row')}: same on {f.same:,}, only the override fills "
                f"{f.override_only:,}, only the organization's fills {f.organization_only:,}, "
                f"both differ on {f.both_differ:,}, override fails on {f.override_errors:,}"
            ),
        ]
        if f.broken_rows:
            lines.append(f"  loses values on rows {', '.join(str(r) for r in f.broken_rows)}")
    return "\n".join(lines)
