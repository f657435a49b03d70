"""A real `fieldmap serve` for the tests: one process per session on a free loopback port,
with a pool of API keys, each for its own organization, so that every test that takes a
fresh key starts from an empty organization (isolation by organization is what the server
does anyway)."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, Connector, NewConnector
from fieldmap.core.operations import NewRows
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store

KEY_POOL_SIZE = 400
READY_WITHIN_S = 20.0


@dataclass
class ServedApi:
    base_url: str
    log_path: Path
    keys: list[str]
    _unused: Iterator[str] = field(init=False)

    def __post_init__(self) -> None:
        self._unused = iter(self.keys)

    def new_key(self) -> str:
        """A key no other test has used: a fresh, empty organization."""
        key = next(self._unused, None)
        assert key is not None, "the served API ran out of keys: raise KEY_POOL_SIZE"
        return key

    def seeded_key(self, seed: Callable[[RemoteBackend], Awaitable[object]], home: Path) -> str:
        """A fresh key whose organization `seed` fills over HTTP first (its config file
        in `home`), for a command run against the server afterwards."""
        key = self.new_key()

        async def seeded() -> None:
            config_file = ConfigFile(home / "seeding-config.json")
            backend = RemoteBackend(self.base_url, key, config_file=config_file)
            try:
                await seed(backend)
            finally:
                await backend.aclose()

        asyncio.run(seeded())
        return key


async def acme_with_rows(backend: RemoteBackend, rows: list[dict[str, object]]) -> Connector:
    """A Workday connector "Acme" with `rows` as its synced HRIS employees."""
    acme = await backend.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    await backend.append_rows(
        NewRows(connector_token=acme.token, category=Category.HRIS, model="employee", rows=rows)
    )
    return acme


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seeded_data_dir(path: Path) -> Path:
    """A data dir holding the small catalogue of tests/conftest.py and nothing else."""
    from tests.conftest import SMALL_CATALOG  # here: tests/conftest.py imports this module

    Store.open(path, on_create=lambda s: insert_catalogue(Engine(s), SMALL_CATALOG)).close()
    return path


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a server that must not touch the user's own dirs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDMAP_")}
    env |= {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data-home"),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    return env


@contextmanager
def running_server(
    args: list[str], env: dict[str, str], stdout: Path, stderr: Path, port: int | None = None
) -> Iterator[str]:
    """Run `fieldmap serve ARGS` until the block ends; yields its base URL once it answers.
    A `port` given serves there (a server started again where it was)."""
    port = port or free_port()
    command = [sys.executable, "-m", "fieldmap", "serve", "--port", str(port), *args]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base_url, stderr)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(process: subprocess.Popen, base_url: str, stderr: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"fieldmap serve exited ({process.returncode}):\n{stderr.read_text()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)  # not listening yet: poll again, within the deadline
    pytest.fail(f"fieldmap serve did not answer within {READY_WITHIN_S} s")


@pytest.fixture(scope="session")
def served_api(tmp_path_factory) -> Iterator[ServedApi]:
    home = tmp_path_factory.mktemp("served")
    keys = [secrets.token_urlsafe(18) for _ in range(KEY_POOL_SIZE)]
    env = isolated_env(
        home, FIELDMAP_API_KEYS=",".join(f"{key}:org{n}" for n, key in enumerate(keys))
    )
    data_dir = seeded_data_dir(home / "data")
    log_path = home / "server.log"
    with running_server(
        ["--data-dir", str(data_dir)], env, home / "server.out", log_path
    ) as base_url:
        yield ServedApi(base_url, log_path, keys)
