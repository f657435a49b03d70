"""fieldmap's errors, and FastAPI's own validation errors, as HTTP answers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from fieldmap.api.errors import UNPROCESSABLE, json_safe, to_http
from fieldmap.core.errors import FieldmapError


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FieldmapError, _fieldmap_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


async def _fieldmap_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, FieldmapError)
    status, body = to_http(error)
    return JSONResponse(body, status_code=status)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    # FastAPI's own handler, except that a `ctx` may hold the exception a validator raised,
    # which its encoder cannot always turn into JSON: every item is made JSON-safe first.
    assert isinstance(error, RequestValidationError)
    items = [
        {key: json_safe(value) for key, value in item.items() if key != "url"}
        for item in error.errors()
    ]
    return JSONResponse({"detail": items}, status_code=UNPROCESSABLE)
