"""A workbench over the demo data in a real SQLite store."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.store import Store
from fieldmap.core.workspace import open_store
from fieldmap.tui.app import FieldmapApp
from tests.served import isolated_env, running_server


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo data dir, made once; each test works on its own copy."""
    directory = tmp_path_factory.mktemp("demo") / "data"
    open_store(directory).close()
    return directory


@pytest.fixture
def data_dir(demo_template, tmp_path) -> Path:
    return Path(shutil.copytree(demo_template, tmp_path / "data"))


@pytest.fixture
def app(data_dir) -> FieldmapApp:
    return FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))))


@pytest.fixture(params=["local", "remote"])
def any_app(request, data_dir, tmp_path) -> Iterator[FieldmapApp]:
    """The workbench on the local engine, or on the remote client talking to a real
    `fieldmap serve` over the same demo data."""
    if request.param == "local":
        yield FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))))
        return
    key = secrets.token_urlsafe(18)
    home = tmp_path / "home"
    home.mkdir()
    with running_server(
        ["--data-dir", str(data_dir), f"--api-key={key}"],  # a key may start with "-"
        isolated_env(home),
        home / "server.out",
        home / "server.log",
    ) as base_url:
        config = ConfigFile(tmp_path / "config.json")
        yield FieldmapApp(lambda: RemoteBackend(base_url, key, config_file=config))
