"""The routes of the extensions in `api.extensions`' table, one per entry: the body (or the
query, for GET) is the entry's request, the answer its result, and the engine's method of
the same name does the work."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from fieldmap.api.extensions import EXTENSIONS, Extension
from fieldmap.core.engine import Engine
from fieldmap.server.dependencies import OrgEngine
from fieldmap.server.evaluation import Evaluation
from fieldmap.server.json_values import require_json
from fieldmap.server.responses import CONFLICT, NOT_FOUND, PRECONDITION_FAILED, UNAUTHORIZED
from fieldmap.server.strict_json import StrictJsonRoute

DOCUMENTED_ERRORS = CONFLICT | PRECONDITION_FAILED

router = APIRouter(
    tags=["Extensions (local engine)"],
    route_class=StrictJsonRoute,
    responses=UNAUTHORIZED | NOT_FOUND,
)


def _run(extension: Extension[Any, Any], engine: Engine, request: Any) -> Any:
    result = getattr(engine, extension.name)(request)
    if extension.computed is not None:
        require_json(extension.computed(result), extension.computed_from)
    return result


def _endpoint(extension: Extension[Any, Any]) -> Callable[..., Any]:
    endpoint: Callable[..., Any]
    if extension.evaluates:

        async def evaluated(engine: Any, evaluation: Any, request: Any) -> Response:
            return await evaluation(lambda: _run(extension, engine, request))

        endpoint = evaluated
    else:

        def direct(engine: Any, request: Any) -> Any:  # sync: FastAPI runs it in a thread
            return _run(extension, engine, request)

        endpoint = direct
    request = (
        Annotated[extension.request, Query()] if extension.method == "GET" else extension.request
    )
    parameters = {"engine": OrgEngine, "evaluation": Evaluation, "request": request}
    # FastAPI reads the parameters' types from the signature: the entry's own models.
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=kind)
            for name, kind in parameters.items()
            if name in inspect.signature(endpoint).parameters
        ]
    )
    return endpoint


for _extension in EXTENSIONS:
    router.add_api_route(
        _extension.path,
        _endpoint(_extension),
        methods=[_extension.method],
        name=_extension.name,
        response_model=_extension.result,
        description=_extension.description,
        responses={status: DOCUMENTED_ERRORS[status] for status in _extension.errors},
    )
