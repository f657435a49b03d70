"""The command line of configuration as code: `fieldmap export`, `diff` and `apply` (their
options here; each command's work in its own module, imported when it runs)."""

from __future__ import annotations

import argparse

COMMANDS = ("export", "diff", "apply")
CATEGORIES = ["HRIS", "ATS", "LMS"]


def add_commands(commands: argparse._SubParsersAction, backend: argparse.ArgumentParser) -> None:
    """The three subcommands, each taking the backend options (`backend`) after it too."""
    export = commands.add_parser(
        "export", parents=[backend], help="write the fields and mappings as a JSON document"
    )
    export.add_argument("--category", choices=CATEGORIES, help="only this category")
    export.add_argument("--model", help="only this unified model, e.g. employee")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (mode 0600) instead of stdout"
    )

    diff = commands.add_parser(
        "diff", parents=[backend], help="what applying a configuration document would change"
    )
    diff.add_argument("file", help="a document written by fieldmap export (or -)")
    diff.add_argument("--json", action="store_true", help="print the plan as JSON")

    apply = commands.add_parser(
        "apply", parents=[backend], help="make the configuration what a document says"
    )
    apply.add_argument("file", help="a document written by fieldmap export (or -)")
    apply.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    apply.add_argument("--prune", action="store_true", help="also delete what the document lacks")
    apply.add_argument("--yes", action="store_true", help="apply without asking")


def run(args: argparse.Namespace) -> int:
    if args.command == "export":
        from fieldmap.cli_export import export

        return export(args)
    if args.command == "diff":
        from fieldmap.cli_diff import diff

        return diff(args)
    from fieldmap.cli_apply import apply

    return apply(args)
