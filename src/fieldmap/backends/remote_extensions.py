"""Whether a server has fieldmap's local-engine extensions, and the calls of
`api.extensions`' table. The extensions come together: GET /connectors, asked once, says
whether the server has them (a 404: it has not, and that is remembered)."""

from __future__ import annotations

from typing import Any

from fieldmap.api import paths
from fieldmap.api.extensions import Extension
from fieldmap.backends.remote_http import HttpApi
from fieldmap.core.errors import ExtensionUnavailableError, NotFoundError
from fieldmap.core.models import Connector


class Extensions:
    """What the server at `http` is known to have; `present` is None until asked."""

    def __init__(self, http: HttpApi) -> None:
        self.http = http
        self.present: bool | None = None

    async def listed_connectors(self) -> list[Connector] | None:
        """The server's connectors; None when it lacks the extensions (found out here, by
        the first GET /connectors, and remembered)."""
        if self.present is False:
            return None
        try:
            listed = await self.http.call("GET", paths.CONNECTORS, list[Connector])
        except NotFoundError:
            self.present = False
            return None
        self.present = True
        return listed

    async def available(self) -> bool:
        if self.present is None:
            await self.listed_connectors()  # a probe: no remembered tokens to read
        return bool(self.present)

    async def require(self, what: str) -> None:
        if not await self.available():
            raise self.unavailable(what)

    def unavailable(self, what: str) -> ExtensionUnavailableError:
        return ExtensionUnavailableError(
            f"{self.http.description} does not allow {what}: that is an extension of "
            "`fieldmap serve`, which this server is not"
        )

    async def call(
        self, extension: Extension[Any, Any], request: Any, conditional: bool = False
    ) -> Any:
        """The table's operation over HTTP: a GET sends the request as its query, the
        others as the body (a `conditional` one is tried once: see remote_revisions)."""
        if extension.method == "GET":
            params = request.model_dump(mode="json")
            return await self.http.call("GET", extension.path, extension.result, params=params)
        body = request.model_dump(mode="json") if extension.whole_body else body_of(request)
        return await self.http.call(
            extension.method, extension.path, extension.result, body=body, conditional=conditional
        )


def body_of(request: Any) -> dict[str, Any]:
    """A request as JSON, with only the keys it was given (a null sent means something)."""
    return request.model_dump(mode="json", exclude_unset=True)
