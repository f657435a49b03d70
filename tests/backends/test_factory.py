"""`open_backend`: what the command line (and the config file) ask for."""

from __future__ import annotations

import pytest

from fieldmap.backends.factory import open_backend
from fieldmap.backends.local import LocalBackend
from fieldmap.backends.remote import RemoteBackend
from fieldmap.cli import parser
from fieldmap.core.config import Config, ConfigFile, RemoteSettings
from fieldmap.core.errors import ConfigError
from tests.served import seeded_data_dir


@pytest.fixture
def config_file(tmp_path) -> ConfigFile:
    return ConfigFile(tmp_path / "config.json")


@pytest.fixture(autouse=True)
def no_key_in_env(monkeypatch):
    monkeypatch.delenv("FIELDMAP_API_KEY", raising=False)


async def test_no_remote_means_the_local_engine(tmp_path, config_file):
    data_dir = seeded_data_dir(tmp_path / "data")
    backend = open_backend(parser().parse_args(["--data-dir", str(data_dir)]), config_file)
    assert isinstance(backend, LocalBackend)
    assert str(data_dir) in backend.description
    await backend.aclose()


async def test_a_remote_takes_its_key_from_the_environment(monkeypatch, config_file):
    monkeypatch.setenv("MY_KEY", "k-123")
    args = parser().parse_args(["--remote", "eu", "--api-key-env", "MY_KEY"])
    backend = open_backend(args, config_file)
    assert isinstance(backend, RemoteBackend)
    assert backend.description == "https://api-eu.bindbee.dev"
    assert "MY_KEY" in backend.key_hint
    await backend.aclose()


async def test_the_config_file_gives_the_remote_and_the_key(tmp_path, config_file):
    config_file.save(Config(remote=RemoteSettings(base_url="http://127.0.0.1:9", api_key="k")))
    backend = open_backend(parser().parse_args([]), config_file)
    assert isinstance(backend, RemoteBackend)
    assert backend.key_hint == f"remote.api_key in {config_file.path}"
    await backend.aclose()
    local = open_backend(
        parser().parse_args(["--data-dir", str(seeded_data_dir(tmp_path / "d"))]), config_file
    )
    assert isinstance(local, LocalBackend)  # an explicit data dir wins over the config
    await local.aclose()


def test_a_remote_without_a_key_says_how_to_give_one(config_file):
    with pytest.raises(ConfigError, match="FIELDMAP_API_KEY"):
        open_backend(parser().parse_args(["--remote", "us"]), config_file)


def test_a_key_that_is_not_ascii_is_refused_without_showing_it(monkeypatch, config_file):
    monkeypatch.setenv("FIELDMAP_API_KEY", "clé-secrète")
    with pytest.raises(ConfigError, match="FIELDMAP_API_KEY") as caught:
        open_backend(parser().parse_args(["--remote", "us"]), config_file)
    assert "secr" not in caught.value.message
