"""Raw data, preview, custom fields and the effective configuration of a connector.

The routes with a fixed path come before `/custom-fields/{field_id}`, which would take
`configuration` or `raw-data` for an id otherwise.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import orjson
from fastapi import APIRouter, Query, Response

from fieldmap.api import paths
from fieldmap.api.schemas import Acknowledged
from fieldmap.core.models import (
    Category,
    CustomField,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldSource,
    NewCustomField,
    PreviewRequest,
    PreviewResult,
)
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.evaluation import Evaluation
from fieldmap.server.json_values import require_json
from fieldmap.server.responses import CONFLICT, NOT_FOUND, UNAUTHORIZED
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(
    tags=["Custom Fields"], route_class=StrictJsonRoute, responses=UNAUTHORIZED | NOT_FOUND
)

RAW_ROW_RESPONSE = {
    200: {
        "description": "The raw row itself, verbatim (JMESPath written against it works as "
        f"is). `{paths.RAW_DATA_SOURCE_HEADER}` says where it came from; the extension "
        f"headers `{paths.RAW_DATA_ROW_HEADER}` and `{paths.RAW_DATA_ROWS_HEADER}` give its "
        "0-based index and the number of synced rows.",
        "content": {"application/json": {"schema": {}}},
    }
}


@router.get(paths.RAW_DATA, responses=RAW_ROW_RESPONSE, response_class=Response)
def raw_data(
    engine: OrgEngine,
    category: Category,
    model: str,
    connector_token: str | None = None,
    integration_slug: str | None = None,
    row: Annotated[
        int | None,
        Query(
            description="Extension: which synced row, 0-based, negative from the end "
            "(default: the latest)"
        ),
    ] = None,
) -> Response:
    """The connector's latest synced row, or the integration's sample when it has none."""
    raw = engine.raw_data(category, model, connector_token, integration_slug, row)
    return Response(
        orjson.dumps(raw.data),
        media_type="application/json",
        headers={
            paths.RAW_DATA_SOURCE_HEADER: raw.source.value,
            paths.RAW_DATA_ROW_HEADER: str(raw.row_index),
            paths.RAW_DATA_ROWS_HEADER: str(raw.row_count),
        },
    )


@router.post(paths.PREVIEW, response_model=PreviewResult)
async def preview(engine: OrgEngine, evaluation: Evaluation, request: PreviewRequest) -> Response:
    """Evaluate a JMESPath on the raw data, or on `raw_data` when the body has it (even
    `null`). Nothing is stored."""

    def checked() -> PreviewResult:
        result = engine.preview(request)
        require_json(result.resolved_value, ("body", "json_path"))
        return result

    return await evaluation(checked)


@router.post(paths.FIELDS, status_code=201, response_model=Acknowledged, responses=CONFLICT)
def create_field(engine: OrgEngine, field: NewCustomField) -> Acknowledged:
    """Create a custom field. `source` (`API` by default, `DASHBOARD`) is an extension."""
    return Acknowledged(id=engine.create_field(field).id)


@router.get(paths.FIELDS, response_model=list[CustomField])
def list_fields(
    engine: OrgEngine,
    category: Category | None = None,
    model: str | None = None,
    source: FieldSource | None = None,
) -> list[CustomField]:
    """The organization's custom fields, filtered."""
    return engine.list_fields(category, model, source)


@router.get(paths.CONFIGURATION, response_model=EffectiveConfiguration)
def configuration(
    engine: OrgEngine, connector_token: str, category: Category, model: str
) -> EffectiveConfiguration:
    """Every field of (category, model) with the mapping in effect for the connector: its
    own (`connector`), else its integration's (`organization`), else nulls."""
    return engine.configuration(connector_token, category, model)


@router.get(paths.FIELD, response_model=CustomFieldDetail)
def get_field(engine: OrgEngine, field_id: UUID) -> CustomFieldDetail:
    """A custom field with all its mappings."""
    return engine.get_field(field_id)


@router.delete(paths.FIELD, response_model=Acknowledged)
def delete_field(engine: OrgEngine, field_id: UUID) -> Acknowledged:
    """Delete a custom field and its mappings."""
    engine.delete_field(field_id)
    return Acknowledged(id=field_id)
