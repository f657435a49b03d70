"""Mappings: where a field's value lives, for an integration or for one connector."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response

from fieldmap.api import paths
from fieldmap.api.schemas import Acknowledged
from fieldmap.core.models import Mapping, MappingUpdate, NewMapping
from fieldmap.core.operations import MappingChange, Scope
from fieldmap.server.conditional import CONDITIONAL_DELETE, ExpectedRevision, tag
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.query_rules import (
    EXACTLY_ONE_SCOPE,
    ONE_SCOPE_422,
    ConnectorQuery,
    IntegrationQuery,
    require_one_scope,
)
from fieldmap.server.responses import (
    CONFLICT,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORIZED,
)
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(
    tags=["Custom Fields"], route_class=StrictJsonRoute, responses=UNAUTHORIZED | NOT_FOUND
)


@router.post(paths.MAPPINGS, status_code=201, response_model=Acknowledged, responses=CONFLICT)
def create_mapping(engine: OrgEngine, mapping: NewMapping, response: Response) -> Acknowledged:
    """Map a field: exactly one of `integration_slug` (the organization's mapping for that
    integration) or `connector_token` (an override for one connector)."""
    created = engine.create_mapping(mapping)
    tag(response, created.revision)
    return Acknowledged(id=created.id)


@router.get(
    paths.MAPPINGS,
    response_model=list[Mapping],
    responses=ONE_SCOPE_422,
    openapi_extra=EXACTLY_ONE_SCOPE,
)
def list_mappings(
    engine: OrgEngine,
    integration_slug: IntegrationQuery = None,
    connector_token: ConnectorQuery = None,
) -> list[Mapping]:
    """The mappings of one scope: an integration's organization mappings, or one
    connector's overrides."""
    require_one_scope(integration_slug, connector_token)
    return engine.list_mappings(
        Scope(integration_slug=integration_slug, connector_token=connector_token)
    )


@router.patch(paths.MAPPING, response_model=Mapping, responses=PRECONDITION_FAILED)
def update_mapping(
    engine: OrgEngine,
    mapping_id: UUID,
    update: MappingUpdate,
    expected: ExpectedRevision,
    response: Response,
) -> Mapping:
    """Change a mapping's `json_path`, the only thing about a mapping that changes."""
    change = MappingChange(
        mapping_id=mapping_id, json_path=update.json_path, expected_revision=expected
    )
    updated = engine.update_mapping(change)
    tag(response, updated.revision)
    return updated


@router.delete(paths.MAPPING, **CONDITIONAL_DELETE)
def delete_mapping(engine: OrgEngine, mapping_id: UUID, expected: ExpectedRevision) -> Response:
    """Delete a mapping; its field stays."""
    engine.delete_mapping(mapping_id, expected)
    return Response(status_code=204)
