"""Edit a custom field: its name, description, type and options, and its model while it
has no mappings.

The dialog only collects: it dismisses with the changes (a `FieldUpdate` holding only what
changed, or None), and the screen saves them.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from fieldmap.core.field_types import spec_of
from fieldmap.core.models import CustomFieldDetail, FieldUpdate, Model, build
from fieldmap.core.rules import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH
from fieldmap.tui.dialogs.field_type import TypeFields
from fieldmap.tui.dialogs.form import FormDialog, form_row
from fieldmap.tui.dialogs.new_field import show_name_check
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.widgets.configuration_table import mapping_counts_text


class EditFieldDialog(FormDialog[FieldUpdate | None]):
    name_input = getters.query_one("#edit-field-name", Input)
    description_input = getters.query_one("#edit-field-description", Input)
    model_select = getters.query_one("#edit-field-model", Select)
    name_hint = getters.query_one("#edit-field-name-hint", Static)
    type_fields = getters.query_one(TypeFields)

    def __init__(
        self,
        field: CustomFieldDetail,
        models: list[Model],
        taken: set[str],
        types_kept_in: str | None = None,
    ) -> None:
        """`models`: the field's category's models; `taken`: the other names on its model;
        `types_kept_in`: where types live when the server does not keep them."""
        super().__init__("Edit custom field", "Save")
        self.field, self.models, self.taken = field, models, taken
        self.types_kept_in = types_kept_in

    @property
    def movable(self) -> bool:
        return self.field.mapping_counts.total == 0

    def compose_body(self) -> ComposeResult:
        counts = mapping_counts_text(self.field.mapping_counts)
        yield form_row("Mappings", Static(counts, markup=False))
        yield Label("Name")
        yield Input(self.field.name, id="edit-field-name", max_length=MAX_NAME_LENGTH)
        yield Static(id="edit-field-name-hint", markup=False)
        yield Label("Description (empty: none)")
        yield Input(
            self.field.description or "",
            id="edit-field-description",
            max_length=MAX_DESCRIPTION_LENGTH,
        )
        spec = spec_of(self.field.type, self.field.options)
        yield TypeFields(spec, kept_in=self.types_kept_in)
        options = [(escape_controls(m.display_name), m.slug) for m in self.models]
        select = Select(
            options,
            value=self.field.model,
            allow_blank=False,
            id="edit-field-model",
            disabled=not self.movable,
        )
        yield form_row(f"Model ({self.field.category.value})", select)
        if not self.movable:
            yield Static("Mapped: the model changes only while it has no mappings.", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._check_name(self.field.name)

    @on(Input.Changed, "#edit-field-name")
    def _name_changed(self, event: Input.Changed) -> None:
        self._check_name(event.value)

    @on(TypeFields.Changed)
    def _type_changed(self) -> None:
        self._check_name(self.name_input.value)

    def _check_name(self, name: str) -> None:
        show_name_check(self, self.name_hint, name, self.taken, self.type_fields)

    async def save(self) -> FieldUpdate | None:
        kind, options = self.type_fields.declared()
        wanted = {
            "name": self.name_input.value,
            "description": self.description_input.value.strip() or None,
            "model": self.model_select.value,
            "type": kind,
            "options": options,
        }
        current = {
            "name": self.field.name,
            "description": self.field.description,
            "model": self.field.model,
            "type": self.field.type,
            "options": self.field.options,
        }
        changes = {key: value for key, value in wanted.items() if value != current[key]}
        return build(FieldUpdate, **changes) if changes else None
