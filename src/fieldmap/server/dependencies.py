"""What a route needs from the request: the engine of the caller's organization."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from fieldmap.core.engine import Engine
from fieldmap.server.auth import ORG_SCOPE_KEY

# Declares the scheme in /openapi.json; `ApiKeyMiddleware` has checked the key already.
_bearer = HTTPBearer(auto_error=False, description="An API key of this server")


async def _engine(  # async: it does no I/O, and must not wait for a thread
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> Engine:
    return Engine(request.app.state.store, request.scope[ORG_SCOPE_KEY])


OrgEngine = Annotated[Engine, Depends(_engine)]
