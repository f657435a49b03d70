"""Revisions on the wire: a field's or mapping's revision is its `ETag` (quoted), and a
`PATCH` or `DELETE` with `If-Match` is conditional on it (RFC 9110, strong comparison)."""

from __future__ import annotations

from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.models import Contract, Revision, build

ETAG = "ETag"
IF_MATCH = "If-Match"
ANY = "*"


def etag(revision: str | None) -> dict[str, str]:
    """The response header carrying `revision`; none for a resource without one."""
    return {ETAG: f'"{revision}"'} if revision is not None else {}


def revision_of_etag(value: str | None) -> str | None:
    """The revision an ETag header carries; None when there is none or it is not one of
    ours (a weak tag, or a malformed one, says nothing a write can be based on)."""
    if value is None or len(value) < 3 or not (value.startswith('"') and value.endswith('"')):
        return None
    inner = value[1:-1]
    try:
        return build(_Tag, revision=inner).revision
    except RuleViolation:
        return None


def expected_revision(if_match: str | None) -> str | None:
    """The revision an `If-Match` header asks for: None without one or for `*` (any
    current version). One strong entity tag or `*` is taken; anything else is refused."""
    if if_match is None or if_match.strip() == ANY:
        return None
    revision = revision_of_etag(if_match.strip())
    if revision is None:
        raise RuleViolation(
            Violation(
                ("header", IF_MATCH),
                'give one entity tag as the ETag gave it (like "3"), or *',
                "invalid_if_match",
            )
        )
    return revision


class _Tag(Contract):
    revision: Revision
