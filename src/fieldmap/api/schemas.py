"""The wire shapes that are not domain models: envelopes, acknowledgements, error bodies."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

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


class ValidationItem(BaseModel):
    """One item of FastAPI's `HTTPValidationError.detail`: where, what, which rule."""

    loc: list[str | int]
    msg: str
    type: str
    input: object = None
    ctx: dict[str, object] = Field(default_factory=dict)


class ValidationErrorBody(BaseModel):
    """FastAPI's `HTTPValidationError`: the body of every 422."""

    detail: list[ValidationItem]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
