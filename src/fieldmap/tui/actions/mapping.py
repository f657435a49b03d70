"""Saving a mapping at a scope: the one place that decides create, replace or unchanged.

`save_mapping` changes an existing mapping's path only when the caller names it as
confirmed (the map dialog shows old and new first); the create-or-replace decision itself
is the engine's (`Backend.set_mapping`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core.models import Mapping, MappingScope
from fieldmap.core.operations import Scope, SetMapping
from fieldmap.tui.actions.impact import Confirm, mapping_change
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.state import MapTarget

Outcome = Literal["created", "replaced", "unchanged", "kept", "editing"]
"""What a save did; `kept` and `editing` follow a conflict (theirs kept, yours to edit)."""


@dataclass(frozen=True)
class MapRequest:
    """What the map dialog collected: which field, at which scope, to which path."""

    field_id: UUID
    scope: MappingScope
    json_path: str
    confirmed_replace: UUID | None = None
    """The existing mapping the user agreed to replace."""
    confirmed_revision: str | None = None
    """Its revision when shown: replaced only while still at it (no lost updates)."""


@dataclass(frozen=True)
class Saved:
    field_id: UUID
    field_name: str
    outcome: Outcome


@dataclass(frozen=True)
class NotSaved:
    """The user cancelled on the impact screen."""


@dataclass(frozen=True)
class ReplaceAsked:
    """A mapping exists at the scope already: the user is to confirm replacing it."""

    existing: Mapping


async def save_mapping(
    backend: Backend, target: MapTarget, request: MapRequest, *, confirm: Confirm
) -> Saved | ReplaceAsked | NotSaved:
    """Ask first before a mapping at the scope changes path, then show the impact
    (`confirm`) of a new or changed path; the backend then decides whether it creates,
    replaces or leaves the mapping."""
    detail = await backend.get_field(request.field_id)
    if request.scope is MappingScope.CONNECTOR:
        scope = Scope(connector_token=target.connector_token)
        existing = next(
            (m for m in detail.mappings if m.connector_token == target.connector_token), None
        )
    else:
        scope = Scope(integration_slug=target.integration_slug)
        existing = next(
            (m for m in detail.mappings if m.integration_slug == target.integration_slug), None
        )
    changes_path = existing is not None and existing.json_path != request.json_path
    if changes_path and request.confirmed_replace != existing.id:
        return ReplaceAsked(existing)
    if existing is None or changes_path:
        change = mapping_change(request.field_id, scope, request.json_path)
        note = Content.assemble(
            "Map ",
            (escape_controls(detail.name), "bold"),
            f" to {escape_controls(request.json_path)}"
            f" for {escape_controls(target.where(request.scope))}.",
        )
        if not await confirm(change, "The impact of a mapping", note):
            return NotSaved()
    expected = request.confirmed_revision if changes_path else None
    result = await backend.set_mapping(
        SetMapping(
            field_id=request.field_id,
            scope=scope,
            json_path=request.json_path,
            expected_revision=expected,
            expected_absent=existing is None,  # created meanwhile: the conflict dialog
        )
    )
    return Saved(request.field_id, detail.name, result.outcome.value)


def saved_summary(saved: Saved, where: str) -> str:
    """What the notification says about `saved`."""
    if saved.outcome == "created":
        return f"Mapped {saved.field_name} for {where}."
    if saved.outcome == "unchanged":
        return f"{saved.field_name} already has this path for {where}."
    if saved.outcome == "kept":
        return f"Kept the mapping of {saved.field_name} that was saved meanwhile for {where}."
    if saved.outcome == "editing":
        return f"Not saved: edit the expression and map {saved.field_name} again for {where}."
    return f"Replaced the mapping of {saved.field_name} for {where}."
