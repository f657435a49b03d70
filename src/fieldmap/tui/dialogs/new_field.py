"""Create a custom field on the context's model, validating the name as it is typed; the
screen's `submit` creates it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from textual import getters, on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Static

from fieldmap.core.field_types import ANY, TypeSpec
from fieldmap.core.models import Category, FieldSource, NewCustomField, build
from fieldmap.core.rules import MAX_DESCRIPTION_LENGTH, name_problem
from fieldmap.tui.dialogs.field_type import TypeFields
from fieldmap.tui.dialogs.form import FormDialog, form_row


def show_name_check(
    dialog: FormDialog, hint: Static, name: str, taken: set[str], type_fields: TypeFields
) -> None:
    """Say under the name whether it can be used, and allow saving only if it can (and
    the type and options can be saved too)."""
    problem = name_problem(name, taken)
    if problem is None:
        hint.update(Content.assemble(("✓ ", "$text-success"), "available"))
    else:
        hint.update(Content.assemble(("✗ ", "$text-warning"), problem))
    dialog.save_button.disabled = problem is not None or type_fields.problem is not None


class NewFieldDialog(FormDialog[UUID]):
    name_input = getters.query_one("#new-field-name", Input)
    description_input = getters.query_one("#new-field-description", Input)
    name_hint = getters.query_one("#new-field-name-hint", Static)
    type_fields = getters.query_one(TypeFields)

    def __init__(
        self,
        submit: Callable[[NewCustomField], Awaitable[UUID]],
        category: Category,
        model: str,
        taken: set[str],
        name: str = "",
        then: str = "",
        *,
        proposed: TypeSpec | None = None,
        types_kept_in: str | None = None,
    ) -> None:
        """`proposed`: a type proposed from a path's values; `types_kept_in`: where types
        live when the server does not keep them."""
        super().__init__("New custom field", "Create")
        self.submit, self.category, self.model, self.taken = submit, category, model, taken
        self.suggested_name, self.then = name, then
        self.proposed, self.types_kept_in = proposed, types_kept_in

    def compose_body(self) -> ComposeResult:
        yield form_row("Model", Static(f"{self.category.value} / {self.model}", markup=False))
        yield Label("Name")
        yield Input(
            self.suggested_name,
            placeholder="e.g. guardian_phone",
            id="new-field-name",  # no max_length: the hint says a name is too long
        )
        yield Static(id="new-field-name-hint", markup=False)
        yield Label("Description (optional)")
        yield Input(id="new-field-description", max_length=MAX_DESCRIPTION_LENGTH)
        spec = self.proposed or ANY
        yield TypeFields(spec, proposed=self.proposed is not None, kept_in=self.types_kept_in)
        if self.then:
            yield Static(Content.styled(self.then, "italic"), id="new-field-then")

    def on_mount(self) -> None:
        super().on_mount()
        self._check_name(self.suggested_name)

    @on(Input.Changed, "#new-field-name")
    def _name_changed(self, event: Input.Changed) -> None:
        self._check_name(event.value)

    @on(TypeFields.Changed)
    def _type_changed(self) -> None:
        self._check_name(self.name_input.value)

    def _check_name(self, name: str) -> None:
        show_name_check(self, self.name_hint, name, self.taken, self.type_fields)

    async def save(self) -> UUID:
        kind, options = self.type_fields.declared()
        request = build(
            NewCustomField,
            type=kind,
            options=options,
            name=self.name_input.value,
            description=self.description_input.value.strip() or None,
            category=self.category,
            model=self.model,
            source=FieldSource.DASHBOARD,
        )
        return await self.submit(request)
