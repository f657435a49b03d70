"""Saving a mapping at a scope: the one place that decides create, replace or unchanged.

`save_mapping` replaces an existing mapping only when the caller names it as confirmed
(the map dialog shows old and new first); once the backend decides create-or-replace
itself (`Backend.set_mapping`), its body becomes that one call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from fieldmap.backends.protocol import Backend
from fieldmap.core.models import Mapping, MappingScope, NewMapping, build
from fieldmap.tui.state import MapTarget

Outcome = Literal["created", "replaced", "unchanged"]


@dataclass(frozen=True)
class MapRequest:
    """What the map dialog collected: which field, at which scope, to which path."""

    field_id: UUID
    scope: MappingScope
    json_path: str
    confirmed_replace: UUID | None = None
    """The existing mapping the user agreed to replace."""


@dataclass(frozen=True)
class Saved:
    field_id: UUID
    field_name: str
    outcome: Outcome


@dataclass(frozen=True)
class ReplaceAsked:
    """A mapping exists at the scope already: the user is to confirm replacing it."""

    existing: Mapping


async def save_mapping(
    backend: Backend, target: MapTarget, request: MapRequest
) -> Saved | ReplaceAsked:
    detail = await backend.get_field(request.field_id)
    scope = request.scope
    existing = next(
        (
            m
            for m in detail.mappings
            if (
                m.connector_token == target.connector_token
                if scope is MappingScope.CONNECTOR
                else m.integration_slug == target.integration_slug
            )
        ),
        None,
    )
    if existing is None:
        await backend.create_mapping(
            build(
                NewMapping,
                custom_field_id=request.field_id,
                integration_slug=target.integration_slug
                if scope is MappingScope.ORGANIZATION
                else None,
                connector_token=target.connector_token if scope is MappingScope.CONNECTOR else None,
                json_path=request.json_path,
            )
        )
        return Saved(request.field_id, detail.name, "created")
    if existing.json_path == request.json_path:
        return Saved(request.field_id, detail.name, "unchanged")
    if request.confirmed_replace != existing.id:
        return ReplaceAsked(existing)
    await backend.update_mapping(existing.id, request.json_path)
    return Saved(request.field_id, detail.name, "replaced")


def saved_summary(saved: Saved, where: str) -> str:
    """What the notification says about `saved`."""
    if saved.outcome == "created":
        return f"Mapped {saved.field_name} for {where}."
    if saved.outcome == "unchanged":
        return f"{saved.field_name} already has this path for {where}."
    return f"Replaced the mapping of {saved.field_name} for {where}."
