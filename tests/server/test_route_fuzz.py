"""A schema-driven fuzz run of every route in /openapi.json (schemathesis): valid and
invalid inputs alike are never answered with a 5xx. Bounded so that the suite stays fast:
a few examples per operation, no shrinking, no example database."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from fieldmap.server.app import create_app

from .app_fixture import API_KEY

EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def api_schema(store):
    app = create_app(store, {API_KEY: "default"})
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(
        modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
        max_examples=EXAMPLES_PER_OPERATION,
        no_shrink=True,
        deterministic=True,
        database="none",
    )
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_route_answers_a_server_error(case):
    response = case.call(headers={"Authorization": f"Bearer {API_KEY}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}"
    )
