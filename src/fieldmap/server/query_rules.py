"""Query parameters the published contract constrains, declared once for every route."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.models import MODEL_SLUG_PATTERN

ModelQuery = Annotated[
    str, Query(max_length=64, pattern=MODEL_SLUG_PATTERN, description="A model's slug")
]
OptionalModelQuery = Annotated[
    str | None, Query(max_length=64, pattern=MODEL_SLUG_PATTERN, description="Only this model")
]
ONE_SCOPE_RULE = "Exactly one of `integration_slug` or `connector_token` (else a 422)."
IntegrationQuery = Annotated[str | None, Query(description=ONE_SCOPE_RULE)]
ConnectorQuery = Annotated[str | None, Query(description=ONE_SCOPE_RULE)]

# How the published document states the rule, so that schema-driven clients know it too.
EXACTLY_ONE_SCOPE: dict[str, Any] = {
    "x-query-parameter-constraints": {"exactlyOne": ["connector_token", "integration_slug"]}
}
ONE_SCOPE_422: dict[int | str, dict[str, Any]] = {
    422: {
        "description": f"Validation error. {ONE_SCOPE_RULE}",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
        },
    }
}


def require_one_scope(integration_slug: str | None, connector_token: str | None) -> None:
    if (integration_slug is None) == (connector_token is None):
        raise RuleViolation(
            Violation(("query",), "give exactly one of integration_slug or connector_token")
        )
