"""A workbench over the demo data in a real SQLite store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldmap.backends.local import LocalBackend
from fieldmap.core.engine import Engine
from fieldmap.core.store import Store
from fieldmap.core.workspace import open_store
from fieldmap.tui.app import FieldmapApp


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
