"""uvicorn's h11 protocol with a deadline on request headers and a cap on connections.

uvicorn times out only an idle connection after an answer, and any byte received cancels
that: a silent new connection, or headers sent a line a second, are served for ever. The
deadline here runs from a connection's opening (and from each answer, for the next
request) until the request's headers are complete, and bytes arriving do not reset it.
The body has its own deadline, in `BodyLimitMiddleware`, where the app reads it.
"""

from __future__ import annotations

import asyncio
import functools
import socket
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class DeadlineH11Protocol(H11Protocol):
    def __init__(
        self, *args: Any, header_timeout: float, max_connections: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        _no_delay(transport)
        if len(self.connections) > self.max_connections:
            # Closed at once: file descriptors stay free for the connections being served.
            transport.close()
            return
        self._await_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the request's headers are in
            self._cancel_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE:  # no pipelined request already read
            self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def _await_headers(self) -> None:
        self._cancel_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def _no_delay(transport: asyncio.Transport) -> None:
    """Send each answer at once. asyncio sets this itself, except on a socket a worker got
    from uvicorn's parent (`--workers`), whose protocol number it does not see: there, an
    answer's body waited for the client's delayed ack, 40 ms a request."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def deadline_protocol(header_timeout: float, max_connections: int) -> Any:
    """The protocol factory to give uvicorn as `http`."""
    return functools.partial(
        DeadlineH11Protocol, header_timeout=header_timeout, max_connections=max_connections
    )
