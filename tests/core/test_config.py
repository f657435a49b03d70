"""The config file: defaults when absent, private when written, typos reported."""

from __future__ import annotations

import multiprocessing
import stat
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from fieldmap.core.config import (
    Config,
    ConfigFile,
    KnownConnector,
    RemoteSettings,
    base_url_of,
)
from fieldmap.core.errors import ConfigError

PROCESSES = 4
TOKENS_EACH = 30


def test_a_missing_file_means_defaults(tmp_path):
    assert ConfigFile(tmp_path / "config.json").load() == Config()


def test_settings_round_trip_in_a_file_only_its_owner_reads(tmp_path):
    file = ConfigFile(tmp_path / "nested" / "config.json")
    config = Config(remote=RemoteSettings(base_url="eu", api_key="secret"))
    file.save(config)
    assert file.load() == config
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o600


def test_remembering_a_token_again_replaces_it(tmp_path):
    file = ConfigFile(tmp_path / "config.json")
    file.remember_connector("https://a.test", KnownConnector(token="t1", name="old"))
    file.remember_connector("https://a.test", KnownConnector(token="t2"))
    file.remember_connector("https://a.test", KnownConnector(token="t1", name="new"))
    file.remember_connector("https://b.test", KnownConnector(token="t1"))
    known = file.load().known_connectors
    assert [(k.token, k.name) for k in known["https://a.test"]] == [("t2", None), ("t1", "new")]
    assert [k.token for k in known["https://b.test"]] == ["t1"]


def remember_tokens(path: Path, prefix: str, start: Barrier) -> None:
    file = ConfigFile(path)
    start.wait()
    for number in range(TOKENS_EACH):
        file.remember_connector("https://a.test", KnownConnector(token=f"{prefix}{number}"))


def test_tokens_remembered_by_several_processes_at_once_are_all_kept(tmp_path):
    path = tmp_path / "config.json"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    processes = [
        context.Process(target=remember_tokens, args=(path, f"p{index}-", start))
        for index in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    assert [process.exitcode for process in processes] == [0] * PROCESSES
    known = ConfigFile(path).load().known_connectors["https://a.test"]
    assert len({k.token for k in known}) == PROCESSES * TOKENS_EACH
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [".config.json.lock", "config.json"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (b"{", "not a valid"),
        (b'{"remote": {"base_ulr": "us"}}', "remote.base_ulr"),
        (b"[]", "the file: Input should be an object"),
        (b'{"remote": {"api_key": "\xff"}}', "is not UTF-8 text"),
    ],
)
def test_a_broken_file_is_reported_with_where(tmp_path, text, says):
    path = tmp_path / "config.json"
    path.write_bytes(text)
    with pytest.raises(ConfigError, match=str(path)) as caught:
        ConfigFile(path).load()
    assert says in caught.value.message


def test_every_setting_is_documented():
    for model in (Config, RemoteSettings, KnownConnector):
        assert all(field.description for field in model.model_fields.values()), model


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("us", "https://api.bindbee.dev"),
        ("EU", "https://api-eu.bindbee.dev"),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
    ],
)
def test_remote_presets_and_urls(remote, url):
    assert base_url_of(remote) == url


@pytest.mark.parametrize("remote", ["ftp://x", "localhost:8765", "https://"])
def test_a_remote_that_is_no_url_is_refused(remote):
    with pytest.raises(ConfigError, match="--remote"):
        base_url_of(remote)
