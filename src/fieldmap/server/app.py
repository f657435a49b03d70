"""The FastAPI application: the Custom Fields API over one store, for many organizations."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI
from starlette.middleware import Middleware

from fieldmap.api import paths
from fieldmap.api.schemas import Health
from fieldmap.core.store import Store
from fieldmap.server.auth import ApiKeyMiddleware, ApiKeys
from fieldmap.server.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware
from fieldmap.server.client_limits import DEFAULTS
from fieldmap.server.errors import install_error_handlers
from fieldmap.server.evaluation import evaluation_limiter
from fieldmap.server.request_log import RequestLogMiddleware
from fieldmap.server.routes import custom_fields, extensions, generic, lookups, mappings

DESCRIPTION = """\
The Custom Fields API of a unified HR/ATS API (Bindbee's routes and shapes), served by
fieldmap's local engine. Every route under `/api/v1` takes `Authorization: Bearer <API key>`;
the key decides the organization, and an organization sees only its own fields, mappings
and connectors.

Routes tagged *Extensions (local engine)* or *Lookup*, the `source` of a new field, a
preview without `connector_token`, and the `row` of raw data with its `X-Raw-Data-Source` /
`X-Raw-Data-Row` / `X-Raw-Data-Rows` headers are extensions: the published contract has
none of them.
"""


def create_app(
    store: Store,
    keys: Mapping[str, str],
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    body_timeout: float = DEFAULTS.body_timeout,
) -> FastAPI:
    """The API over `store`; `keys` maps each accepted API key to its organization."""
    app = FastAPI(
        title="fieldmap Custom Fields API",
        version="1",
        description=DESCRIPTION,
        middleware=[  # outermost first
            Middleware(RequestLogMiddleware),
            Middleware(ApiKeyMiddleware, keys=ApiKeys(keys)),
            Middleware(BodyLimitMiddleware, max_bytes=max_body_bytes, timeout=body_timeout),
        ],
    )
    app.state.store = store
    app.state.evaluation_limiter = evaluation_limiter()
    install_error_handlers(app)
    # mappings and extensions first: `/custom-fields/mapping` or
    # `/custom-fields/integration-configuration` is no `/custom-fields/{field_id}`.
    for module in (lookups, mappings, extensions, generic, custom_fields):
        app.include_router(module.router, prefix=paths.API_PREFIX)

    @app.get(paths.HEALTH, tags=["Extensions (local engine)"], response_model=Health)
    @app.get(paths.API_PREFIX + paths.HEALTH, include_in_schema=False, response_model=Health)
    async def health() -> Health:
        """Readiness, without an API key; async, so that it never waits for a thread."""
        return Health()

    return app
