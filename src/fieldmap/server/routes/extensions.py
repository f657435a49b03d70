"""Local-engine extensions, which a Bindbee server does not have: connectors and synced
rows (the others are routes of `api.extensions`' table, in generic.py). A client finds out
whether a server has them from GET /connectors."""

from __future__ import annotations

from fastapi import APIRouter

from fieldmap.api import paths
from fieldmap.core.models import Connector, NewConnector
from fieldmap.core.operations import (
    NewRows,
    RowCount,
)
from fieldmap.core.row_models import SyncedRows
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.responses import NOT_FOUND, UNAUTHORIZED
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
