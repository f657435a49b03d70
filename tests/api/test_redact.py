"""Request targets as logs and messages show them: secrets shortened, ids whole, one line."""

from __future__ import annotations

from fieldmap.api.redact import redact_target

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
