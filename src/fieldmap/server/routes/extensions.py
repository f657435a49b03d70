"""Local-engine extensions, which a Bindbee server does not have: connectors, synced rows,
coverage across rows. A client finds out whether a server has them from GET /connectors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from fieldmap.api import paths
from fieldmap.core.models import Connector, NewConnector
from fieldmap.core.operations import (
    Conversions,
    ConversionsRequest,
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    NewRows,
    RowCount,
    SetMapping,
    SetMappingResult,
)
from fieldmap.core.operations_impact import (
    ImpactRequest,
    ImpactResult,
    OverridesReport,
    OverridesRequest,
)
from fieldmap.core.row_models import Coverage, CoverageRequest, PathDiscovery, RowsQuery, SyncedRows
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.evaluation import Evaluation
from fieldmap.server.json_values import require_json
from fieldmap.server.responses import CONFLICT, NOT_FOUND, PRECONDITION_FAILED, UNAUTHORIZED
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(
    tags=["Extensions (local engine)"],
    route_class=StrictJsonRoute,
    responses=UNAUTHORIZED | NOT_FOUND,
)


@router.get(paths.CONNECTORS, response_model=list[Connector])
def list_connectors(engine: OrgEngine) -> list[Connector]:
    """The organization's connectors, tokens included."""
    return engine.list_connectors()


@router.post(paths.CONNECTORS, status_code=201, response_model=Connector)
def create_connector(engine: OrgEngine, new: NewConnector) -> Connector:
    """Link a new connector of an integration; the answer holds its token."""
    return engine.create_connector(new)


@router.post(paths.CONNECTOR_ROWS, response_model=RowCount)
def append_rows(engine: OrgEngine, token: str, synced: SyncedRows) -> RowCount:
    """Append synced rows to a connector; the last one becomes the latest."""
    # The body is validated already: its rows are not checked (and copied) once more.
    rows = NewRows.model_construct(connector_token=token, **dict(synced))
    return engine.append_rows(rows)


@router.post(paths.COVERAGE, response_model=Coverage)
async def coverage(engine: OrgEngine, evaluation: Evaluation, request: CoverageRequest) -> Response:
    """How a JMESPath fares across the connector's synced rows (or the sample)."""

    def checked() -> Coverage:
        result = engine.coverage(request)
        require_json([sample.value for sample in result.samples], ("body", "json_path"))
        return result

    return await evaluation(checked)


@router.post(paths.CONVERSIONS, response_model=Conversions)
async def conversions(
    engine: OrgEngine, evaluation: Evaluation, request: ConversionsRequest
) -> Response:
    """JMESPath conversions of `json_path` that make more of the rows' values fit `type`
    (`"42"` read as a number, `"true"` as a boolean, a one-element list's element), best
    first, with how their values fit."""
    return await evaluation(lambda: engine.conversions(request))


@router.post(paths.PATHS, response_model=PathDiscovery)
async def discover_paths(engine: OrgEngine, evaluation: Evaluation, query: RowsQuery) -> Response:
    """Every leaf path of the connector's synced rows (or the sample), most filled first."""
    return await evaluation(lambda: engine.discover_paths(query))


@router.put(
    paths.SET_MAPPING, response_model=SetMappingResult, responses=CONFLICT | PRECONDITION_FAILED
)
def set_mapping(engine: OrgEngine, request: SetMapping) -> SetMappingResult:
    """Map a field at a scope: create its mapping there, or replace the one it has, or
    leave it when the path is the same (`outcome` says which)."""
    return engine.set_mapping(request)


@router.get(paths.INTEGRATION_CONFIGURATION, response_model=IntegrationConfiguration)
def integration_configuration(
    engine: OrgEngine, request: Annotated[IntegrationConfigurationRequest, Query()]
) -> IntegrationConfiguration:
    """Every connector's effective configuration of (category, model) for an integration,
    its organization mappings alone, and every field's mapping counts."""
    return engine.integration_configuration(request)


@router.post(paths.IMPACT, response_model=ImpactResult)
async def impact(engine: OrgEngine, evaluation: Evaluation, request: ImpactRequest) -> Response:
    """What a change (a mapping set or deleted, at either scope, or a field deleted) would
    do to every connector it reaches: value on the latest row and fill rate, before and
    after, largest change first. Nothing is written."""
    return await evaluation(lambda: engine.impact(request))


@router.post(paths.OVERRIDES, response_model=OverridesReport)
async def overrides(
    engine: OrgEngine, evaluation: Evaluation, request: OverridesRequest
) -> Response:
    """Every connector override of the integration's model next to its organization's
    mapping on the same rows, flagged redundant, broken, stale or better."""
    return await evaluation(lambda: engine.overrides(request))
