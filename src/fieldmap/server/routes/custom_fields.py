"""Raw data, preview, custom fields and the effective configuration of a connector.

The routes with a fixed path come before `/custom-fields/{field_id}`, which would take
`configuration` or `raw-data` for an id otherwise.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Query, Response

from fieldmap.api import paths
from fieldmap.api.schemas import Acknowledged
from fieldmap.core.errors import NoRawDataError
from fieldmap.core.models import (
    Category,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldPage,
    FieldSource,
    FieldUpdate,
    NewCustomField,
)
from fieldmap.core.operations import ConfigurationRequest, FieldChange, RawDataRequest
from fieldmap.core.row_models import PreviewRequest, PreviewResult
from fieldmap.server.conditional import CONDITIONAL_DELETE, ExpectedRevision, tag
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.evaluation import Evaluation
from fieldmap.server.json_values import require_json
from fieldmap.server.query_rules import (
    EXACTLY_ONE_SCOPE,
    ONE_SCOPE_422,
    ConnectorQuery,
    IntegrationQuery,
    ModelQuery,
    OptionalModelQuery,
    require_one_scope,
)
from fieldmap.server.responses import (
    CONFLICT,
    FIELD_CONFLICT,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORIZED,
)
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(
    tags=["Custom Fields"], route_class=StrictJsonRoute, responses=UNAUTHORIZED | NOT_FOUND
)


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "string"}}


RAW_ROW_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The raw row itself, verbatim (JMESPath written against it works as "
        "is), or `null` when the context has neither a synced row nor a sample.",
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [{"type": "object", "additionalProperties": True}, {"type": "null"}]
                }
            }
        },
        "headers": {
            paths.RAW_DATA_SOURCE_HEADER: _header(
                "Extension: `connector_sync` or `integration_sample`, with a row only"
            ),
            paths.RAW_DATA_ROW_HEADER: _header("Extension: the row's 0-based index"),
            paths.RAW_DATA_ROWS_HEADER: _header("Extension: how many synced rows there are"),
        },
    },
    **ONE_SCOPE_422,
}


@router.get(
    paths.RAW_DATA,
    responses=RAW_ROW_RESPONSE,
    response_class=Response,
    openapi_extra=EXACTLY_ONE_SCOPE,
)
def raw_data(
    engine: OrgEngine,
    category: Category,
    model: ModelQuery,
    connector_token: ConnectorQuery = None,
    integration_slug: IntegrationQuery = None,
    row: Annotated[
        int | None,
        Query(
            description="Extension: which synced row, 0-based, negative from the end "
            "(default: the latest)"
        ),
    ] = None,
) -> Response:
    """The connector's latest synced row, or the integration's sample when it has none."""
    require_one_scope(integration_slug, connector_token)
    request = RawDataRequest(
        category=category,
        model=model,
        connector_token=connector_token,
        integration_slug=integration_slug,
        row=row,
    )
    try:
        raw = engine.raw_data(request)
    except NoRawDataError:
        return Response(b"null", media_type="application/json")
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
def create_field(engine: OrgEngine, field: NewCustomField, response: Response) -> Acknowledged:
    """Create a custom field. `source` (`API` by default, `DASHBOARD`), `type` (null: any
    value) and `options` (of a `select` or `multiselect`) are extensions."""
    created = engine.create_field(field)
    tag(response, created.revision)
    return Acknowledged(id=created.id)


@router.get(paths.FIELDS, response_model=FieldPage)
def list_fields(
    engine: OrgEngine,
    category: Category | None = None,
    model: OptionalModelQuery = None,
    source: FieldSource | None = None,
    page_size: Annotated[int, Query(ge=1, le=200, description="Fields per page")] = 50,
    cursor: Annotated[
        str | None, Query(description="The `cursor` of the previous page, with the same filters")
    ] = None,
) -> FieldPage:
    """The organization's custom fields, filtered, a page at a time in a stable order:
    following `cursor` until it is null gives every field once, even while fields are
    created. A cursor given under other filters is a 422."""
    return engine.page_fields(category, model, source, page_size=page_size, cursor=cursor)


@router.get(paths.CONFIGURATION, response_model=EffectiveConfiguration)
def configuration(
    engine: OrgEngine, connector_token: str, category: Category, model: ModelQuery
) -> EffectiveConfiguration:
    """Every field of (category, model) with the mapping in effect for the connector: its
    own (`connector`), else its integration's (`organization`), else nulls."""
    request = ConfigurationRequest(connector_token=connector_token, category=category, model=model)
    return engine.configuration(request)


@router.get(paths.FIELD, response_model=CustomFieldDetail)
def get_field(engine: OrgEngine, field_id: UUID, response: Response) -> CustomFieldDetail:
    """A custom field with all its mappings. Its `ETag` is the field's own revision (its
    mappings have theirs)."""
    detail = engine.get_field(field_id)
    tag(response, detail.revision)
    return detail


@router.patch(
    paths.FIELD,
    response_model=CustomFieldDetail,
    responses=FIELD_CONFLICT | PRECONDITION_FAILED,
)
def update_field(
    engine: OrgEngine,
    field_id: UUID,
    update: FieldUpdate,
    expected: ExpectedRevision,
    response: Response,
) -> CustomFieldDetail:
    """Change the keys the body has: `name`, `description` (null clears it), `category`
    and `model` (only while the field has no mappings: a 409 otherwise); as extensions,
    `type` (null: any value) and `options` (the whole list)."""
    change = FieldChange(field_id=field_id, update=update, expected_revision=expected)
    detail = engine.update_field(change)
    tag(response, detail.revision)
    return detail


@router.delete(paths.FIELD, **CONDITIONAL_DELETE)
def delete_field(engine: OrgEngine, field_id: UUID, expected: ExpectedRevision) -> Response:
    """Delete a custom field and its mappings."""
    engine.delete_field(field_id, expected)
    return Response(status_code=204)
