"""The `Backend` over the local engine: every operation is the engine's method of the same
name and signature, run in a worker thread (SQLite blocks)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from fieldmap.backends.protocol import OPERATIONS
from fieldmap.core.engine import Engine
from fieldmap.core.models import Connector, Contract, build
from fieldmap.core.operations import ConfigurationRequest


class LocalBackend:
    """Serves the contract from an `Engine`, in-process."""

    lists_connectors = True
    waiting = None  # an engine in-process never waits to retry
    lists_lookups = True
    types_kept_in = None  # the engine keeps them

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.waiting_changed: Callable[[], None] | None = None

    @property
    def description(self) -> str:
        return f"local: {self.engine.store.path or 'in memory'}"

    def __getattr__(self, name: str) -> Callable[..., Any]:
        # Only the protocol's operations: a typo stays an AttributeError.
        if name not in OPERATIONS:
            raise AttributeError(name)
        return partial(_checked_call, getattr(self.engine, name))

    async def remember_connector(self, request: ConfigurationRequest) -> Connector:
        # The local engine lists every connector already: remembering is only checking.
        return await asyncio.to_thread(self.engine.connector, request.connector_token)

    async def aclose(self) -> None:
        await asyncio.to_thread(self.engine.store.close)


async def _checked_call(operation: Callable[..., Any], *args: Any, **options: Any) -> Any:
    # `options` are the caller's own objects (impact's `work`), not requests to check.
    return await asyncio.to_thread(partial(operation, *map(_checked, args), **options))


def _checked(argument: Any) -> Any:
    """A request checked where it crosses into the engine in-process: it may have been made
    without validation (`model_construct`). The server's crossing is FastAPI's validation,
    so the engine itself checks nothing twice."""
    if not isinstance(argument, Contract):
        return argument
    # Field by field rather than `model_dump`, which would deep-copy thousands of rows.
    fields = {name: getattr(argument, name) for name in argument.model_fields_set}
    return build(type(argument), **fields)
