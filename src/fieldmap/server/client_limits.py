"""How long `fieldmap serve` waits on a client, and how many it serves at once.

A client that sends its headers or its body slowly, or opens a connection and says
nothing, must not hold a connection (a file descriptor) for ever: each wait has a deadline.
Standard library only: the command line reads the defaults without importing the server.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True)
class ClientLimits:
    header_timeout: float = 10.0
    """Seconds from a connection's opening (or its previous answer) to the end of the next
    request's headers; past it the connection is closed."""
    body_timeout: float = 30.0
    """Seconds to receive a whole request body, once its headers are in; past it, a 408."""
    keep_alive_timeout: float = 5.0
    """Seconds an idle connection stays open after an answer."""
    max_connections: int = 256
    """Open connections; one more is closed as it is accepted, and a request arriving while
    more than this many are still being answered is a 503."""


DEFAULTS = ClientLimits()
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `fieldmap serve` that set the `ClientLimits`."""
    for option, help_text in (
        ("--header-timeout", "close a connection whose request headers take over S seconds"),
        ("--body-timeout", "answer 408 to a request whose body takes over S seconds"),
        ("--keep-alive-timeout", "close a connection idle for S seconds after an answer"),
    ):
        name = option.removeprefix("--").replace("-", "_")
        parser.add_argument(
            option,
            type=_positive(float),
            default=getattr(DEFAULTS, name),
            metavar="S",
            help=f"{help_text} (default {getattr(DEFAULTS, name):g})",
        )
    parser.add_argument(
        "--max-connections",
        type=_positive(int),
        default=DEFAULTS.max_connections,
        metavar="N",
        help=f"serve at most N connections at once (default {DEFAULTS.max_connections})",
    )


def from_arguments(args: argparse.Namespace) -> ClientLimits:
    return ClientLimits(
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        keep_alive_timeout=args.keep_alive_timeout,
        max_connections=args.max_connections,
    )


def _positive(kind: type[float | int]):
    def parse(text: str) -> float | int:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} is not a positive number")
        return value

    return parse
