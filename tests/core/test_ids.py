import re
import secrets

from fieldmap.core.ids import new_connector_token, url_safe_secret, uuid7


def test_a_secret_never_starts_like_an_option(monkeypatch):
    drawn = iter(["-looks-like-an-option", "_private", "ok-token"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda nbytes: next(drawn))
    assert url_safe_secret(48) == "ok-token"


def test_connector_tokens_are_64_url_safe_characters():
    token = new_connector_token()
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{63}", token)


def test_uuid7_has_its_version_and_grows_with_time():
    first, second = uuid7(), uuid7()
    assert first.version == 7 and first.variant == "specified in RFC 4122"
    assert first.bytes[:6] <= second.bytes[:6]


def test_uuid7_is_monotonic_within_a_millisecond(monkeypatch):
    import time

    monkeypatch.setattr(time, "time_ns", lambda: 1_700_000_000_000_000_000)
    made = [uuid7() for _ in range(200)]
    assert made == sorted(made) and len(set(made)) == 200
    assert all(u.version == 7 and u.variant == "specified in RFC 4122" for u in made)
