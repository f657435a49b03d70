"""Request targets and URLs as logs and messages show them: secrets shortened, ids whole,
no credentials, one line."""

from __future__ import annotations

import pytest

from fieldmap.api.redact import redact_target, redact_url

TOKEN = "i5kqe8bSedEdPLX9pHhFojKdo7Uzvue0f7I4NVhaDfV0GTxF0uAgwa_COb3zZU3T"
FIELD_ID = "018e586b-7d0b-7bc9-be65-a8fdbc82d734"


def test_connector_tokens_in_paths_and_queries_are_shortened():
    assert redact_target(f"/api/v1/connectors/{TOKEN}/rows") == "/api/v1/connectors/i5kqe8…/rows"
    assert redact_target("/api/v1/connectors/short/rows") == "/api/v1/connectors/short…/rows"
    assert (
        redact_target(
            "/api/v1/custom-fields/configuration", f"connector_token={TOKEN}&category=HRIS"
        )
        == "/api/v1/custom-fields/configuration?connector_token=i5kqe8…&category=HRIS"
    )


def test_any_long_opaque_value_is_shortened_but_ids_are_not():
    assert redact_target("/x", f"whatever={TOKEN}") == "/x?whatever=i5kqe8…"
    assert redact_target(f"/api/v1/custom-fields/{FIELD_ID}") == f"/api/v1/custom-fields/{FIELD_ID}"


def test_a_target_stays_on_one_line():
    assert "\n" not in redact_target("/x", "model=a%0Ab&connector_token=%0A%0A")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pw@api.example.test:8443/base", "https://api.example.test:8443/base"),
        (f"http://[::1]:8000/x?token={TOKEN}", "http://[::1]:8000/x?token=i5kqe8…"),
        (f"/api/v1/connectors/{TOKEN}", "/api/v1/connectors/i5kqe8…"),
        ("https://x.test/\x9b31m/\x1b[2J", "https://x.test/%C2%9B31m/%1B%5B2J"),
        ("http://x.test:port/p", "http://x.test/p"),
        ("http://[::1/p", "(an invalid URL)"),
    ],
)
def test_urls_lose_their_credentials_tokens_and_control_characters(url, shown):
    assert redact_url(url) == shown
