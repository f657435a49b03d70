"""No lost updates: a write based on a revision of a field or mapping goes through only
while that revision is the current one, checked inside the write's transaction (so two
engines on one data dir, or two server workers, are held to it alike)."""

from __future__ import annotations

from typing import NoReturn

from fieldmap.core.errors import StaleRevisionError
from fieldmap.core.models import CustomField, Mapping


def require_revision(expected: str | None, current: CustomField | Mapping) -> None:
    """Raise `StaleRevisionError` (with `current`) unless `expected` is None or current."""
    if expected is None or expected == current.revision:
        return
    what = (
        f"the custom field {current.name}"
        if isinstance(current, CustomField)
        else f"the mapping {current.json_path}"
    )
    raise StaleRevisionError(
        f"{what} changed since revision {expected} was read (it is at {current.revision} "
        "now): read it again, then decide",
        current,
    )


def stored_revision(value: object) -> str:
    """The store's revision counter as the opaque token the contract carries."""
    return str(value)


def require_absent(current: Mapping) -> NoReturn:
    """Raise `StaleRevisionError` (with `current`): a write meant to create found it there."""
    raise StaleRevisionError(
        f"the mapping {current.json_path} was created meanwhile (at revision "
        f"{current.revision}): read it again, then decide",
        current,
    )
