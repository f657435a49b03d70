"""Reading an answer whole, but no further than a limit: a server sending 400 MB must not
take the client's memory with it. The limit is on the decoded body, so that a small
compressed answer that inflates past it is refused too."""

from __future__ import annotations

import httpx

from fieldmap.api.redact import redact_target
from fieldmap.core.errors import ResponseTooLargeError


async def send_bounded(
    client: httpx.AsyncClient, request: httpx.Request, limit: int, server: str
) -> httpx.Response:
    """Send `request` and read its answer, raising `ResponseTooLargeError` (which names
    `server`) past `limit` bytes."""
    response = await client.send(request, stream=True)
    try:
        declared = response.headers.get("Content-Length", "")
        if declared.isascii() and declared.isdecimal() and int(declared) > limit:
            raise _too_large(request, limit, server)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(request, limit, server)
            chunks.append(chunk)
    finally:
        await response.aclose()
    # The body as read, decoded already: the headers that described its encoding go.
    headers = [
        (name, value)
        for name, value in response.headers.raw  # bytes: any header survives the copy
        if name.lower() not in (b"content-encoding", b"content-length")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=b"".join(chunks),
        request=request,
        extensions=response.extensions,
    )


def _too_large(request: httpx.Request, limit: int, server: str) -> ResponseTooLargeError:
    target = redact_target(request.url.path, request.url.query.decode())
    return ResponseTooLargeError(
        f"{server} answered {request.method} {target} with a body over {limit:,} bytes, "
        "more than fieldmap reads"
    )
