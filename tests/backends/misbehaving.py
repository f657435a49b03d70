"""A real HTTP server on a loopback port that misbehaves on purpose: each connection gets
the next step of a script, which writes whatever bytes it likes, as slowly as it likes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

Step = Callable[[asyncio.StreamWriter], Awaitable[None]]


def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Step:
    async def write(writer: asyncio.StreamWriter) -> None:
        fields = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        fields |= headers or {}
        head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
        writer.write(head.encode("latin-1") + b"\r\n" + body)
        await writer.drain()

    return write


def dripping(body: bytes, every: float) -> Step:
    """A 200 whose body comes a byte at a time, `every` seconds apart: a slow server."""

    async def write(writer: asyncio.StreamWriter) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n"
        writer.write(head.encode())
        for byte in body:
            await asyncio.sleep(every)  # the server's own pace, which the client must cut
            writer.write(bytes([byte]))
            await writer.drain()

    return write


def chunked(chunk: bytes, count: int) -> Step:
    """A 200 without Content-Length, `count` chunks of `chunk`."""

    async def write(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in range(count):
            writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    return write


@asynccontextmanager
async def misbehaving_server(*script: Step) -> AsyncIterator[tuple[str, list[bytes]]]:
    """Serves `script` one step per request (the last one again and again); yields the
    base URL and the request heads received."""
    steps = list(script)
    received: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                received.append(head)
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.lower().split(b"\r\n")
                        if line.startswith(b"content-length:")
                    ),
                    0,
                )
                await reader.readexactly(length)
                step = steps.pop(0) if len(steps) > 1 else steps[0]
                await step(writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client went away
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}", received
        server.close()
