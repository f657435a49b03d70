"""Evaluation (preview, coverage, path discovery) runs in threads of its own, a few at a
time, and its answer is encoded there too.

FastAPI runs every sync route in one shared pool of threads: with heavy expressions
filling it, `/healthz` and the cheap routes queued behind them for seconds. Routes that
evaluate take `Evaluation` and hand it their work; what waits for a thread is bounded by
`EVALUATION_THREADS`, and the rest of the server never waits for evaluation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import Depends, Request, Response
from pydantic import BaseModel

EVALUATION_THREADS = 4  # the machine's cores are what evaluation needs; more only queue

Work = Callable[[], BaseModel]


def evaluation_limiter() -> anyio.CapacityLimiter:
    return anyio.CapacityLimiter(EVALUATION_THREADS)


async def _evaluation(request: Request) -> Callable[[Work], Awaitable[Response]]:
    limiter: anyio.CapacityLimiter = request.app.state.evaluation_limiter

    async def evaluate(work: Work) -> Response:
        def encoded() -> bytes:  # a large result is encoded off the event loop, too
            return work().model_dump_json().encode()

        body = await anyio.to_thread.run_sync(encoded, limiter=limiter)
        return Response(body, media_type="application/json")

    return evaluate


Evaluation = Annotated[Callable[[Work], Awaitable[Response]], Depends(_evaluation)]
