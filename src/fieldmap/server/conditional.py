"""The conditional side of the field and mapping routes: `If-Match` in, `ETag` out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Response

from fieldmap.api.etags import etag, expected_revision
from fieldmap.server.responses import NO_CONTENT, PRECONDITION_FAILED


def _expected(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Extension: the `ETag` this write is based on; another revision "
            "there now is a 412 (without it, the write goes through as before)",
        ),
    ] = None,
) -> str | None:
    return expected_revision(if_match)


ExpectedRevision = Annotated[str | None, Depends(_expected)]


def tag(response: Response, revision: str | None) -> None:
    """Give the answer the ETag of the revision it shows."""
    response.headers.update(etag(revision))


CONDITIONAL_DELETE: dict[str, Any] = {
    "status_code": 204,
    "response_class": Response,
    "responses": NO_CONTENT | PRECONDITION_FAILED,
}
"""How a DELETE that `If-Match` may condition answers: 204 with no body, or a 412."""
