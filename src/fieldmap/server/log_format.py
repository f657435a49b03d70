"""The server's log format: one line a record, and tracebacks without exception messages.

An exception's message may quote the request (a validation error lists every input item,
connector tokens included), so a logged traceback keeps where it failed (the frames) and
what failed (the exception's type), never what it said. Request lines redact on their own
(`request_log`).
"""

from __future__ import annotations

import logging
import traceback
from typing import IO

LINE_FORMAT = "%(asctime)s %(levelname)s %(message)s"
WITHHELD = "(message withheld from the log: it may quote the request)"


class SecretFreeFormatter(logging.Formatter):
    def formatException(self, ei) -> str:
        error = ei[1]
        parts: list[str] = []
        seen: set[int] = set()
        while error is not None and id(error) not in seen:  # the chain, innermost last
            seen.add(id(error))
            frames = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
            parts.append(
                f"Traceback (most recent call last):\n{frames}"
                f"{type(error).__module__}.{type(error).__qualname__}: {WITHHELD}"
            )
            error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        return "\n\nwhich led to:\n".join(reversed(parts))


def configure_logging(stream: IO[str]) -> None:
    """Every record of the process (uvicorn's too) to `stream`, in this format."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SecretFreeFormatter(LINE_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
