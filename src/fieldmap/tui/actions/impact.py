"""The changes whose impact the TUI shows before it writes them (the screen that shows
them is `screens/impact.py`; `screens/impact_gate.py` opens it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from uuid import UUID

from fieldmap.core.models import EffectiveField, MappingScope
from fieldmap.core.operations import Scope
from fieldmap.core.operations_impact import (
    ConnectorOverrideChange,
    ImpactChange,
    OrganizationMappingChange,
)
from fieldmap.tui.context import Context

if TYPE_CHECKING:
    from textual.content import Content

Confirm = Callable[[ImpactChange, str, "Content"], Awaitable[bool]]
"""Shows the impact of a change (with a title and a note) and answers whether to make it;
awaited inside a worker."""


def mapping_change(field_id: UUID, scope: Scope, json_path: str | None) -> ImpactChange:
    """A mapping set (or deleted, `json_path` None) at `scope`, as an impact's change."""
    if scope.connector_token is not None:
        return ConnectorOverrideChange(
            field_id=field_id, connector_token=scope.connector_token, json_path=json_path
        )
    assert scope.integration_slug is not None
    return OrganizationMappingChange(
        field_id=field_id, integration_slug=scope.integration_slug, json_path=json_path
    )


def scope_of(field: EffectiveField, context: Context) -> Scope:
    """Where the mapping that wins for `field` in `context` lives."""
    if field.source is MappingScope.CONNECTOR and context.connector_token is not None:
        return Scope(connector_token=context.connector_token)
    return Scope(integration_slug=context.integration_slug)
