"""Served instances for the configuration-as-code tests: the real app (or a server of the
published routes only) in-process, behind a wrapper that counts the writes it receives and
refuses the ones a test picks, each over its own SQLite store in a temp dir."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from starlette.responses import JSONResponse

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.models import CustomField, NewConnector, build
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store
from fieldmap.server.app import create_app
from tests.conftest import SMALL_CATALOG
from tests.contract.published_server import published_app

KEY = "config-as-code-key"
SHARED_TOKEN = "tok_shared_acme_000001"  # the same connector on every instance
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class WriteCounter:
    """ASGI: records every write; answers 409 to those `refuse(method, path)` picks."""

    app: Callable
    refuse: Callable[[str, str], bool] | None = None
    writes: list[tuple[str, str]] = field(default_factory=list)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in WRITES:
            self.writes.append((scope["method"], scope["path"]))
            if self.refuse is not None and self.refuse(scope["method"], scope["path"]):
                await JSONResponse({"detail": "refused by the test"}, 409)(scope, receive, send)
                return
        await self.app(scope, receive, send)


@dataclass
class Instance:
    backend: RemoteBackend
    server: WriteCounter
    store: Store
    config_path: Path
    """The config file of the client: where a published-only server's types are kept."""

    def store_fields(self) -> list[CustomField]:
        """The fields as the server's own store holds them (its types, if it keeps any)."""
        return Engine(self.store).list_fields()


def new_instance(
    path: Path, published: bool = False, refuse: Callable[[str, str], bool] | None = None
) -> Instance:
    store = Store.open(path, on_create=lambda s: insert_catalogue(Engine(s), SMALL_CATALOG))
    engine = Engine(store)
    engine.create_connector(
        build(NewConnector, integration_slug="workday", name="Acme"), token=SHARED_TOKEN
    )
    app = published_app(engine, KEY) if published else create_app(store, {KEY: "default"})
    server = WriteCounter(app, refuse)
    config_path = path.parent / f"{path.name}-config.json"
    backend = RemoteBackend(
        f"http://{path.name}.test",
        KEY,
        transport=httpx.ASGITransport(app=server),
        config_file=ConfigFile(config_path),
    )
    return Instance(backend, server, store, config_path)
