"""Local-engine extensions of finding the data: search every row and connector, go to a
record, fallbacks for the rows an expression leaves null, the unified API's output."""

from __future__ import annotations

from fastapi import APIRouter, Response

from fieldmap.api import paths
from fieldmap.core.find_operations import (
    FallbacksRequest,
    FallbackSuggestions,
    RecordRequest,
    RecordResult,
    SearchRequest,
    SearchResult,
    UnifiedOutput,
    UnifiedOutputRequest,
)
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.evaluation import Evaluation
from fieldmap.server.json_values import require_json
from fieldmap.server.responses import NOT_FOUND, UNAUTHORIZED
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(
    tags=["Extensions (local engine)"],
    route_class=StrictJsonRoute,
    responses=UNAUTHORIZED | NOT_FOUND,
)


@router.post(paths.SEARCH, response_model=SearchResult)
async def search(engine: OrgEngine, evaluation: Evaluation, request: SearchRequest) -> Response:
    """Search the keys and values of every synced row and sample (plain text, or
    `/regex/`): one hit per distinct path, grouped by connector and sample."""
    return await evaluation(lambda: engine.search(request))


@router.post(paths.RECORD, response_model=RecordResult)
async def find_record(
    engine: OrgEngine, evaluation: Evaluation, request: RecordRequest
) -> Response:
    """The rows holding an identifying value (an id, an email, a name; or `PATH == VALUE`)."""
    return await evaluation(lambda: engine.find_record(request))


@router.post(paths.FALLBACKS, response_model=FallbackSuggestions)
async def suggest_fallbacks(
    engine: OrgEngine, evaluation: Evaluation, request: FallbacksRequest
) -> Response:
    """`A || B` fallbacks that fill the rows `json_path` leaves null, best first."""

    def checked() -> FallbackSuggestions:
        result = engine.suggest_fallbacks(request)
        require_json([s.sample for s in result.suggestions], ("body", "json_path"))
        return result

    return await evaluation(checked)


@router.post(paths.UNIFIED_OUTPUT, response_model=UnifiedOutput)
async def unified_output(
    engine: OrgEngine, evaluation: Evaluation, request: UnifiedOutputRequest
) -> Response:
    """A row's `custom_fields` object as the unified API returns it, and how many of the
    connector's rows have every mapped field filled."""

    def checked() -> UnifiedOutput:
        result = engine.unified_output(request)
        require_json(result.custom_fields, ("body", "row"))
        return result

    return await evaluation(checked)
