"""The key `fieldmap serve` keeps for itself: made whole and private, and an empty or
unreadable key file is refused rather than taken as the empty key."""

from __future__ import annotations

import secrets
import stat

import pytest

from fieldmap.core.errors import ConfigError
from fieldmap.server.keys_file import KEY_FILE, stored_key


def test_a_new_key_is_made_once_privately_and_then_reused(tmp_path):
    config_dir = tmp_path / "config"
    key, made = stored_key(config_dir)
    assert made and len(key) >= 32
    assert stored_key(config_dir) == (key, False)
    assert stat.S_IMODE((config_dir / KEY_FILE).stat().st_mode) == 0o600
    assert [p.name for p in config_dir.iterdir()] == [KEY_FILE]  # no temporary file left


@pytest.mark.parametrize("text", [b"", b"  \n", b"\xff\xfekey"])
def test_an_empty_or_unreadable_key_file_is_refused(tmp_path, text):
    (tmp_path / KEY_FILE).write_bytes(text)
    with pytest.raises(ConfigError, match=f"{tmp_path / KEY_FILE} is (empty|not UTF-8)"):
        stored_key(tmp_path)


def test_a_key_another_server_saved_meanwhile_is_used(tmp_path, monkeypatch):
    def another_server_saves_first(nbytes: int) -> str:
        (tmp_path / KEY_FILE).write_text("their-key\n")
        return "our-key"

    monkeypatch.setattr(secrets, "token_urlsafe", another_server_saves_first)
    assert stored_key(tmp_path) == ("their-key", False)
    assert (tmp_path / KEY_FILE).read_text() == "their-key\n"


def test_a_key_file_another_server_has_made_but_not_written_is_refused(tmp_path, monkeypatch):
    def another_server_creates_it_first(nbytes: int) -> str:
        (tmp_path / KEY_FILE).touch()
        return "our-key"

    monkeypatch.setattr(secrets, "token_urlsafe", another_server_creates_it_first)
    with pytest.raises(ConfigError, match="is empty"):
        stored_key(tmp_path)
