"""`fieldmap` on the command line: the TUI (default), `serve`, `import-rows`, `find`,
`explore`, and configuration as code: `export`, `diff` and `apply`.

Heavy modules (Textual, FastAPI) are imported only by the command that needs them, so
that each command starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldmap import cli_config_as_code as config_as_code  # argparse only, until run
from fieldmap.core.errors import FieldmapError
from fieldmap.core.presets import DEFAULT_API_KEY_ENV, REMOTE_PRESETS
from fieldmap.server import client_limits  # standard library only
from fieldmap.server.client_limits import DEFAULT_MAX_BODY_BYTES


def _add_backend_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="local data dir (default: $FIELDMAP_DATA_DIR or the platform's user data dir)",
    )
    parser.add_argument(
        "--remote",
        default=default,
        metavar="|".join([*REMOTE_PRESETS, "URL"]),
        help="open a remote Custom Fields API instead of the local engine",
    )
    parser.add_argument(
        "--api-key-env",
        default=DEFAULT_API_KEY_ENV if default is None else default,
        metavar="NAME",
        help=f"environment variable holding the remote API key (default {DEFAULT_API_KEY_ENV})",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="fieldmap", description="A terminal workbench for custom-field mappings."
    )
    _add_backend_options(root)
    # The same options after a subcommand too; SUPPRESS keeps what was given before it.
    backend = argparse.ArgumentParser(add_help=False)
    _add_backend_options(backend, argparse.SUPPRESS)
    commands = root.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="serve the local engine over the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--data-dir", type=Path, dest="serve_data_dir")
    serve.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY[:ORG]",
        help="an accepted API key, for ORG (default: the local organization); repeatable",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        metavar="N",
        help=f"refuse request bodies over N bytes with a 413 (default {DEFAULT_MAX_BODY_BYTES:,})",
    )
    client_limits.add_arguments(serve)
    serve.add_argument(
        "--workers",
        type=_at_least_one,
        default=1,
        metavar="N",
        help="worker processes over the same database (default 1)",
    )

    rows = commands.add_parser(
        "import-rows",
        parents=[backend],
        help="append synced rows to a connector from a JSON or NDJSON file",
    )
    rows.add_argument(
        "--connector",
        required=True,
        metavar="TOKEN",
        help="the connector's token (write --connector=TOKEN for one that starts with -)",
    )
    rows.add_argument("--category", required=True, choices=["HRIS", "ATS"])
    rows.add_argument("--model", required=True, help="the unified model, e.g. employee")
    rows.add_argument("file", help="NDJSON, a JSON array of records, one JSON object, or -")

    find = commands.add_parser(
        "find", parents=[backend], help="search every connector's rows for a key or value"
    )
    find.add_argument("text", help="plain text (case-insensitive), or /regex/")
    find.add_argument("--category", choices=["HRIS", "ATS", "LMS"])
    find.add_argument("--model", help="only this unified model, e.g. employee")
    find.add_argument("--json", action="store_true", help="print the hits as JSON")

    _add_overrides(commands)

    explore = commands.add_parser("explore", help="explore any JSON or NDJSON file")
    explore.add_argument("file", help="a JSON document, a JSON array of records, NDJSON, or -")
    explore.add_argument(
        "--print-path", action="store_true", help="print the final expression on quit"
    )
    config_as_code.add_commands(commands, backend)
    return root


def _add_overrides(commands: argparse._SubParsersAction) -> None:
    # Here, not in cli_overrides: that module imports the backends, which the parser needs not.
    overrides = commands.add_parser(
        "overrides", help="every connector override of a model, flagged against the organization's"
    )
    overrides.add_argument("--integration", required=True, metavar="SLUG", help="e.g. workday")
    overrides.add_argument("--model", required=True, help="the unified model, e.g. employee")
    overrides.add_argument(
        "--category", choices=["HRIS", "ATS", "LMS"], help="needed only when two share the model"
    )
    overrides.add_argument("--json", action="store_true", help="print the report as JSON")


def _at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number of at least 1")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "serve":
            from fieldmap.server.run import serve

            return serve(args)
        if args.command == "import-rows":
            from fieldmap.import_rows import import_rows

            return import_rows(args)
        if args.command == "find":
            from fieldmap.cli_find import find

            return find(args)
        if args.command == "overrides":
            from fieldmap.cli_overrides import overrides

            return overrides(args)
        if args.command == "explore":
            from fieldmap.tui.explore import explore

            return explore(args)
        if args.command in config_as_code.COMMANDS:
            return config_as_code.run(args)
        from fieldmap.tui.run import run_workbench

        return run_workbench(args)
    except FieldmapError as error:
        print(f"fieldmap: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
