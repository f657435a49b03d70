"""The wire shapes that are not domain models: envelopes, acknowledgements, error bodies
(a 422's body is FastAPI's own `HTTPValidationError`)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel

from fieldmap.core.models import Integration, Model


class ModelList(BaseModel):
    models: list[Model]


class IntegrationList(BaseModel):
    integrations: list[Integration]


class Acknowledged(BaseModel):
    """What a create or a delete answers: the id it was about."""

    id: UUID
    status: Literal["SUCCESS"] = "SUCCESS"


class RowCount(BaseModel):
    """How many synced rows the connector has for the model, after an append."""

    row_count: int


class ErrorMessage(BaseModel):
    """The body of a 401, 404, 409 or 413: one sentence for a person."""

    detail: str


class Health(BaseModel):
    status: Literal["ok"] = "ok"
