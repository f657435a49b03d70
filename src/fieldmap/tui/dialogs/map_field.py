"""Save the editor's expression as a field's mapping, at organization or connector scope.

The dialog collects the field and the scope; the screen's `submit` saves (`save_mapping`).
When the field already has a mapping at that scope, the dialog shows the old and the new
path with their values on the current row, and asks again to replace it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from textual import getters, on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from fieldmap.core import jmes
from fieldmap.core.models import EffectiveField, Mapping, MappingScope
from fieldmap.tui.actions.mapping import MapRequest, ReplaceAsked, Saved, saved_summary
from fieldmap.tui.dialogs.form import FormDialog, StayOpen, form_row
from fieldmap.tui.literal import escape_controls, json_preview, plain
from fieldmap.tui.state import MapTarget

VALUE_WIDTH = 60
ORGANIZATION, CONNECTOR = MappingScope.ORGANIZATION.value, MappingScope.CONNECTOR.value


@dataclass(frozen=True)
class Mapped:
    """What the dialog saved, for the notification."""

    field_id: UUID
    summary: str


def value_preview(expression: str, document: Any) -> Content:
    """What `expression` gives on the row, in one short line."""
    outcome = jmes.evaluate(expression, document)
    if isinstance(outcome, jmes.PathError):
        return Content.styled(f"✗ {escape_controls(outcome.message)}", "$text-error")
    return Content.assemble(
        json_preview(outcome.value, VALUE_WIDTH), (f"  ({outcome.type})", "dim")
    )


class MapFieldDialog(FormDialog[Mapped]):
    field_select = getters.query_one("#map-field", Select)
    scope_select = getters.query_one("#map-scope", Select)
    existing_line = getters.query_one("#map-existing", Static)

    def __init__(
        self,
        submit: Callable[[MapRequest], Awaitable[Saved | ReplaceAsked]],
        target: MapTarget,
        fields: list[EffectiveField],
        selected: EffectiveField | None,
        expression: str,
        document: Any,
    ) -> None:
        super().__init__("Map a custom field", "Map")
        self.submit, self.target, self.fields = submit, target, fields
        self.selected, self.expression, self.document = selected, expression, document
        self.replacing: Mapping | None = None

    def compose_body(self) -> ComposeResult:
        target = self.target
        scopes = [(plain(f"All {target.integration_name} connectors (organization)"), ORGANIZATION)]
        if target.connector_name is not None:
            scopes.append((plain(f"Only connector {target.connector_name}"), CONNECTOR))
        yield form_row("Expression", Static(plain(self.expression)))
        yield form_row("Value", Static(value_preview(self.expression, self.document)))
        yield form_row(
            "Field",
            Select(
                [(plain(f.name), f.custom_field_id) for f in self.fields],
                value=self.selected.custom_field_id if self.selected else Select.NULL,
                allow_blank=self.selected is None,
                compact=True,
                id="map-field",
            ),
        )
        yield form_row(
            "Scope",
            Select(scopes, value=ORGANIZATION, allow_blank=False, compact=True, id="map-scope"),
        )
        yield Static(id="map-existing")

    def on_mount(self) -> None:
        super().on_mount()
        self.existing_line.display = False

    @property
    def scope(self) -> MappingScope:
        return MappingScope(self.scope_select.value)

    @on(Select.Changed)
    def _choice_changed(self) -> None:
        """Another field or scope: any replacement asked about no longer applies."""
        self.replacing = None
        self.existing_line.display = False
        self.save_button.label = "Map"
        self.show_error("")

    async def save(self) -> Mapped:
        if (error := jmes.check(self.expression)) is not None:
            raise error.to_exception(self.expression)
        field_id = self.field_select.value
        if not isinstance(field_id, UUID):
            self.show_error("Choose the field to map (Field, above).")
            raise StayOpen
        replacing = self.replacing
        request = MapRequest(
            field_id,
            self.scope,
            self.expression,
            replacing.id if replacing else None,
            replacing.revision if replacing else None,
        )
        answer = await self.submit(request)
        where = self.target.where(self.scope)
        if isinstance(answer, ReplaceAsked):
            self._ask_to_replace(answer.existing, where)
            raise StayOpen
        return Mapped(field_id, saved_summary(answer, where))

    def _ask_to_replace(self, existing: Mapping, where: str) -> None:
        self.replacing = existing
        self.existing_line.update(
            Content.assemble(
                (f"A mapping exists already for {escape_controls(where)}.\n", "bold"),
                ("old  ", "dim"),
                escape_controls(existing.json_path),
                "\n",
                ("   → ", "dim"),
                value_preview(existing.json_path, self.document),
                "\n",
                ("new  ", "dim"),
                escape_controls(self.expression),
                "\n",
                ("   → ", "dim"),
                value_preview(self.expression, self.document),
                "\n",
                ("Replace it? Replace (ctrl+s) confirms, Esc cancels.", "italic"),
            )
        )
        self.existing_line.display = True
        self.save_button.label = "Replace"
