"""Request bodies parsed as strict JSON, so that bad input is a 422 and never a 500.

Python's `json` accepts `NaN`, `Infinity` and `1e999` (an infinite float) and lone UTF-16
surrogates; none of them can be stored or sent back as JSON. Numbers of more than 4,300
digits and nesting deeper than the interpreter's stack fail with errors FastAPI would turn
into a 400. Here every one of them is a `json.JSONDecodeError`, which FastAPI answers with
a 422 `json_invalid` item, like any other malformed body.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def loads_strict(body: bytes) -> Any:
    """Decode a JSON document as JSON means it, raising `json.JSONDecodeError` otherwise."""
    try:
        text = body.decode("utf-8")
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise json.JSONDecodeError(_reason(error), "", 0) from None
    if _SURROGATE_ESCAPE.search(body):
        _check_unicode(value)
    return value


class StrictJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads_strict(await self.body())
        return self._json


class StrictJsonRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJsonRequest(request.scope, request.receive))

        return strict_handler


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large for a JSON number")
    return number


def _reason(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "the document is nested too deeply"
    if isinstance(error, UnicodeError):
        return "the document is not UTF-8"
    return str(error)


def _check_unicode(value: Any) -> None:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise json.JSONDecodeError("a string holds a lone UTF-16 surrogate", "", 0) from None
