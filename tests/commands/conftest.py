"""Fixtures of the command tests that run `fieldmap` on the demo data or a served instance."""

from __future__ import annotations

import pytest

from fieldmap.core.workspace import open_store


@pytest.fixture(autouse=True)
def own_config_dir(tmp_path, monkeypatch):
    """No key or remembered connector of the machine's user reaches a command."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FIELDMAP_API_KEY", raising=False)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """A data dir holding the demo data, made once per test module."""
    directory = tmp_path_factory.mktemp("demo") / "data"
    open_store(directory).close()
    return str(directory)
