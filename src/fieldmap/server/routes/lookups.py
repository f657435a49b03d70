"""GET /lookup/models and /lookup/integrations: what can be mapped, and from where."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from fieldmap.api import paths
from fieldmap.api.schemas import IntegrationList, ModelList
from fieldmap.core.models import Category
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.responses import UNAUTHORIZED
from fieldmap.server.strict_json import StrictJsonRoute

router = APIRouter(tags=["Lookup"], route_class=StrictJsonRoute, responses=UNAUTHORIZED)
CategoryFilter = Annotated[Category | None, Query(description="Only this category")]


@router.get(paths.MODELS, response_model=ModelList)
def list_models(engine: OrgEngine, category: CategoryFilter = None) -> ModelList:
    """The unified models custom fields can be created on."""
    return ModelList(models=engine.list_models(category))


@router.get(paths.INTEGRATIONS, response_model=IntegrationList)
def list_integrations(engine: OrgEngine, category: CategoryFilter = None) -> IntegrationList:
    """The integrations, with the categories each serves."""
    return IntegrationList(integrations=engine.list_integrations(category))
