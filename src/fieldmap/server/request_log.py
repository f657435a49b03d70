"""One log line per request: method, path, status and milliseconds; secrets shortened.

The line is written when the response starts, so it is in the log before the client has
its answer. The `Authorization` header is never read here; connector tokens in the path or
the query are cut to their first characters (`fieldmap.api.redact`).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldmap.api.redact import redact_target

LOGGER = logging.getLogger("fieldmap.server.requests")


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        logged = False

        def log(status: int) -> None:
            nonlocal logged
            logged = True
            milliseconds = (time.perf_counter() - started) * 1000
            LOGGER.info("%s %s %d %.1fms", scope["method"], _target(scope), status, milliseconds)

        async def logging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                log(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, logging_send)
        except BaseException:
            if not logged:
                log(500)  # the server's error middleware answers it
            raise


def _target(scope: Scope) -> str:
    # The raw (still percent-encoded) path: a decoded one could break the line in two.
    raw_path = scope.get("raw_path") or scope["path"].encode()
    return redact_target(
        raw_path.decode("latin-1"), scope.get("query_string", b"").decode("latin-1")
    )
