"""`fieldmap apply FILE`: make the configuration of the local engine or a remote what a
document says. It shows the plan (and its impact on connectors where the backend can tell),
asks before writing unless `--yes`, writes nothing with `--dry-run`, deletes only with
`--prune`; on an error it stops and says what was applied and what was not (exit 2), and
on Ctrl-C too, after the same rollback (exit 130)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from fieldmap.backends.configuration_plan import plan_for
from fieldmap.backends.factory import open_backend
from fieldmap.backends.plan_executor import Outcome, execute
from fieldmap.cli_apply_impact import connector_impact
from fieldmap.core.errors import InputDataError
from fieldmap.core.plan import Plan, Step, render_text, step_line
from fieldmap.core.wording import count_of

INTERRUPTED = 130  # as a shell's status for SIGINT


def apply(args: argparse.Namespace) -> int:
    return asyncio.run(_apply(args))


async def _apply(args: argparse.Namespace) -> int:
    backend = open_backend(args)
    try:
        planned = await plan_for(backend, args.file, prune=args.prune)
        print(render_text(planned.plan), end="")
        if planned.plan.empty:
            return 0
        if (impact := await connector_impact(backend, planned.plan, planned.snapshot)) is not None:
            print(impact, end="")
        if args.dry_run:
            print("Dry run: nothing written.")
            return 0
        if not args.yes and not _confirmed(args, planned.plan):
            print("Nothing written.")
            return 1
        return _report(await execute(backend, planned.plan, planned.snapshot))
    finally:
        await backend.aclose()


def _confirmed(args: argparse.Namespace, plan: Plan) -> bool:
    if args.file == "-" or not sys.stdin.isatty():
        raise InputDataError("apply asks before writing: give --yes to apply without a terminal")
    answer = input(f"Apply these {count_of(len(plan.steps), 'step')}? [y/N] ")
    return answer.strip().lower() in {"y", "yes"}


def _report(outcome: Outcome) -> int:
    print(f"Applied {count_of(len(outcome.applied), 'step')}.")
    if outcome.complete:
        return 0
    stopped = outcome.not_applied[0] if outcome.not_applied else None
    if outcome.error is not None:
        assert stopped is not None
        lines = [f"fieldmap: stopped at {step_line(stopped)}: {outcome.error.message}"]
    elif outcome.in_flight is not None:
        step = step_line(outcome.in_flight)
        lines = [f"fieldmap: interrupted at {step} (it may have been applied)"]
    elif stopped is not None:
        lines = [f"fieldmap: interrupted before {step_line(stopped)}"]
    else:
        lines = ["fieldmap: interrupted once every step was applied"]
    lines += _listed("applied", outcome.applied)
    if outcome.undone:
        lines.append(f"removed again, not to leave it half-mapped: {_fields_of(outcome.undone)}")
    if outcome.rollback_error is not None:
        lines.append(
            "a field created in this run could not be removed again and stays half-mapped: "
            + outcome.rollback_error.message
        )
    lines += _listed("not applied", outcome.not_applied)
    print("\n".join(lines), file=sys.stderr)
    return 2 if outcome.error is not None else INTERRUPTED


def _listed(what: str, steps: tuple[Step, ...]) -> list[str]:
    return [f"{what} ({len(steps)}):", *("  " + step_line(step) for step in steps)]


def _fields_of(steps: tuple[Step, ...]) -> str:
    return ", ".join(sorted({str(step.field) for step in steps}))
