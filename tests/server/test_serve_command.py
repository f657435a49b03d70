"""`fieldmap serve` as a person starts it: keys from options and the environment, or one it
makes, saves (mode 0600) and prints once."""

from __future__ import annotations

import stat

import httpx
import pytest

from fieldmap.core.engine import DEFAULT_ORG
from fieldmap.core.errors import ConfigError
from fieldmap.server.auth import parse_keys
from tests.served import isolated_env, running_server, seeded_data_dir


def models_status(base_url: str, key: str) -> int:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.get(f"{base_url}/api/v1/lookup/models", headers=headers).status_code


def test_without_a_key_it_makes_one_saves_it_privately_and_prints_it_once(tmp_path):
    env = isolated_env(tmp_path)
    args = ["--data-dir", str(seeded_data_dir(tmp_path / "data"))]
    key_file = tmp_path / "config" / "fieldmap" / "serve-api-key"

    with running_server(args, env, tmp_path / "first.out", tmp_path / "first.err") as base_url:
        key = key_file.read_text().strip()
        assert models_status(base_url, key) == 200
        assert models_status(base_url, "guess") == 401
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (tmp_path / "first.out").read_text().count(key) == 1

    with running_server(args, env, tmp_path / "again.out", tmp_path / "again.err") as base_url:
        assert models_status(base_url, key) == 200  # the same key, kept
    assert key not in (tmp_path / "again.out").read_text()
    assert key not in (tmp_path / "again.err").read_text()
    assert str(key_file) in (tmp_path / "again.err").read_text()  # says where it is


def test_keys_come_from_options_and_the_environment(tmp_path):
    env = isolated_env(tmp_path, FIELDMAP_API_KEYS="from-env:acme, second-env")
    args = ["--data-dir", str(seeded_data_dir(tmp_path / "data")), "--api-key", "from-option"]
    with running_server(args, env, tmp_path / "out", tmp_path / "err") as base_url:
        for key in ("from-env", "second-env", "from-option"):
            assert models_status(base_url, key) == 200
        assert models_status(base_url, "acme") == 401
    assert not (tmp_path / "config" / "fieldmap" / "serve-api-key").exists()


def test_key_specs_name_an_organization_or_the_default_one():
    assert parse_keys(["a", "b:acme", "", " c:acme "]) == {
        "a": DEFAULT_ORG,
        "b": "acme",
        "c": "acme",
    }
    assert parse_keys(["a:acme", "a:acme"]) == {"a": "acme"}


@pytest.mark.parametrize(
    ("specs", "entry"),
    [([":acme"], 1), (["secret-1:"], 1), (["secret-1:acme", "x", "secret-1:globex"], 3)],
)
def test_unusable_key_specs_are_refused_without_showing_the_key(specs, entry):
    with pytest.raises(ConfigError, match=f"entry {entry} ") as caught:
        parse_keys(specs)
    assert "secret" not in caught.value.message
