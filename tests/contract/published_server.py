"""A Custom Fields API server that speaks only the published contract, as Bindbee's does:
no lookups, no connectors, no coverage or paths, no `source` on a new field, no field
types (unknown keys of a field are dropped, as pydantic's default does), no raw-data
headers, pages of at most `PAGE_LIMIT` fields, 204 deletes, and a preview that needs a
connector token. Written for the tests, over an engine for its storage and rules, so that
the remote client is tried against the published shapes and nothing more."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from fieldmap.api.errors import to_http
from fieldmap.core.engine import Engine
from fieldmap.core.errors import FieldmapError, NoRawDataError, RuleViolation, Violation
from fieldmap.core.models import (
    Category,
    CustomFieldDetail,
    EffectiveConfiguration,
    FieldPage,
    FieldSource,
    FieldUpdate,
    Mapping,
    MappingUpdate,
    NewCustomField,
    NewMapping,
    build,
)
from fieldmap.core.operations import (
    ConfigurationRequest,
    FieldChange,
    MappingChange,
    RawDataRequest,
    Scope,
)
from fieldmap.core.row_models import PreviewRequest, PreviewResult

PAGE_LIMIT = 3
# The published shapes have no revisions (fieldmap's extension): left out of every answer.
NO_REVISION: dict = {"revision"}
NO_REVISIONS: dict = {"__all__": {"revision"}}
NO_REVISION_IN_DETAIL: dict = {"revision": True, "mappings": {"__all__": {"revision"}}}
PREFIX = "/api/v1/custom-fields"


class PublishedNewField(BaseModel):
    name: str
    description: str | None = None
    category: Category
    model: str


class PublishedFieldUpdate(BaseModel):
    name: str | None = None
    description: str | None = None
    category: Category | None = None
    model: str | None = None


# Fields as the published contract has them: no type, no options (extensions).
UNTYPED: dict[str, Any] = {"type", "options"}  # type: ignore[assignment]
UNTYPED_DETAIL: dict = {**NO_REVISION_IN_DETAIL, "type": True, "options": True}
# Nor the winning mapping's revision (an extension too).
UNTYPED_FIELDS = {"fields": {"__all__": {*UNTYPED, "mapping_revision"}}}


class PublishedPreview(BaseModel):
    connector_token: str  # required here, unlike fieldmap's
    category: Category
    model: str
    json_path: str
    raw_data: dict[str, Any] | None = None


class Unauthorized(Exception):
    """A request without this server's key."""


def _authorized(request: Request) -> Engine:
    if request.headers.get("authorization") != f"Bearer {request.app.state.api_key}":
        raise Unauthorized
    return request.app.state.engine


Org = Annotated[Engine, Depends(_authorized)]


def published_app(engine: Engine, api_key: str) -> FastAPI:
    app = FastAPI()
    app.state.engine, app.state.api_key = engine, api_key

    @app.exception_handler(FieldmapError)
    async def fieldmap_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, FieldmapError)
        status, body = to_http(error)
        return JSONResponse(body, status_code=status)

    @app.exception_handler(Unauthorized)
    async def unauthorized(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": "Not authenticated"}, 401, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.post(PREFIX, status_code=201)
    def create_field(org: Org, body: PublishedNewField) -> dict[str, Any]:
        field = org.create_field(build(NewCustomField, **body.model_dump()))
        return field.model_dump(mode="json", exclude=NO_REVISION | UNTYPED)

    @app.get(PREFIX, response_model_exclude={"items": {"__all__": NO_REVISION | UNTYPED}})
    def list_fields(
        org: Org,
        category: Category | None = None,
        model: str | None = None,
        source: FieldSource | None = None,
        page_size: Annotated[int, Query(ge=1, le=200)] = 50,
        cursor: str | None = None,
    ) -> FieldPage:
        size = min(page_size, PAGE_LIMIT)
        return org.page_fields(category, model, source, page_size=size, cursor=cursor)

    @app.post(f"{PREFIX}/mapping", status_code=201)
    def create_mapping(org: Org, body: NewMapping) -> dict[str, Any]:
        return org.create_mapping(body).model_dump(mode="json", exclude=NO_REVISION)

    @app.get(f"{PREFIX}/mapping", response_model_exclude=NO_REVISIONS)
    def list_mappings(
        org: Org, integration_slug: str | None = None, connector_token: str | None = None
    ) -> list[Mapping]:
        return org.list_mappings(
            build(Scope, integration_slug=integration_slug, connector_token=connector_token)
        )

    @app.patch(f"{PREFIX}/mapping/{{mapping_id}}", response_model_exclude=NO_REVISION)
    def update_mapping(org: Org, mapping_id: UUID, body: MappingUpdate) -> Mapping:
        return org.update_mapping(
            build(MappingChange, mapping_id=mapping_id, json_path=body.json_path)
        )

    @app.delete(f"{PREFIX}/mapping/{{mapping_id}}", status_code=204)
    def delete_mapping(org: Org, mapping_id: UUID) -> Response:
        org.delete_mapping(mapping_id)
        return Response(status_code=204)

    @app.get(f"{PREFIX}/raw-data")
    def raw_data(
        org: Org,
        category: Category,
        model: str,
        connector_token: str | None = None,
        integration_slug: str | None = None,
    ) -> Response:
        if (connector_token is None) == (integration_slug is None):
            raise RuleViolation(Violation(("query",), "exactly one of the two"))
        try:
            data = org.raw_data(
                build(
                    RawDataRequest,
                    category=category,
                    model=model,
                    connector_token=connector_token,
                    integration_slug=integration_slug,
                )
            ).data
        except NoRawDataError:
            data = None
        return JSONResponse(data)

    @app.post(f"{PREFIX}/preview")
    def preview(org: Org, body: PublishedPreview) -> PreviewResult:
        return org.preview(PreviewRequest(**body.model_dump(exclude_unset=True)))

    @app.get(f"{PREFIX}/configuration", response_model_exclude=UNTYPED_FIELDS)
    def configuration(
        org: Org, connector_token: str, category: Category, model: str
    ) -> EffectiveConfiguration:
        return org.configuration(
            build(
                ConfigurationRequest,
                connector_token=connector_token,
                category=category,
                model=model,
            )
        )

    @app.get(f"{PREFIX}/{{field_id}}", response_model_exclude=UNTYPED_DETAIL)
    def get_field(org: Org, field_id: UUID) -> CustomFieldDetail:
        return org.get_field(field_id)

    @app.patch(f"{PREFIX}/{{field_id}}", response_model_exclude=UNTYPED_DETAIL)
    def update_field(org: Org, field_id: UUID, body: PublishedFieldUpdate) -> CustomFieldDetail:
        update = build(FieldUpdate, **body.model_dump(exclude_unset=True))
        return org.update_field(FieldChange(field_id=field_id, update=update))

    @app.delete(f"{PREFIX}/{{field_id}}", status_code=204)
    def delete_field(org: Org, field_id: UUID) -> Response:
        org.delete_field(field_id)
        return Response(status_code=204)

    return app
