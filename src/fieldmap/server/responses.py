"""The error answers each route documents in /openapi.json, besides FastAPI's own 422."""

from __future__ import annotations

from typing import Any

from fieldmap.api.schemas import ErrorMessage

UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {
        "model": ErrorMessage,
        "description": "Missing or invalid API key",
        "headers": {
            "WWW-Authenticate": {
                "description": "The scheme to authenticate with: `Bearer`",
                "schema": {"type": "string"},
            }
        },
    },
    413: {"model": ErrorMessage, "description": "Request body over the server's limit"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "Unknown id, connector token, slug or model"}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorMessage, "description": "Duplicate field name or mapping"}
}
FIELD_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorMessage,
        "description": "Duplicate field name, or a category or model change while the field "
        "has mappings",
    }
}
NO_CONTENT: dict[int | str, dict[str, Any]] = {204: {"description": "Deleted: no body"}}
PRECONDITION_FAILED: dict[int | str, dict[str, Any]] = {
    412: {
        "model": ErrorMessage,
        "description": "Extension: `If-Match` names a revision that is no longer current",
    }
}
