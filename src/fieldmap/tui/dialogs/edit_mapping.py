"""Change the JMESPath of a field's winning mapping, previewing its value on the row; the
screen's `submit` saves it and answers the path saved (theirs, kept after a conflict)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from fieldmap.core import jmes
from fieldmap.core.models import EffectiveField
from fieldmap.core.rules import MAX_MAPPING_PATH_LENGTH
from fieldmap.tui.dialogs.form import FormDialog, form_row
from fieldmap.tui.dialogs.map_field import value_preview
from fieldmap.tui.literal import escape_controls, plain


class EditMappingDialog(FormDialog[str]):
    path_input = getters.query_one("#edit-path", Input)
    preview = getters.query_one("#edit-preview", Static)

    def __init__(
        self,
        submit: Callable[[str], Awaitable[str]],
        field: EffectiveField,
        where: str,
        document: Any,
    ) -> None:
        super().__init__(f"Edit the mapping of {escape_controls(field.name)}")
        assert field.mapping_id is not None and field.json_path is not None
        self.submit, self.field, self.where, self.document = submit, field, where, document

    def compose_body(self) -> ComposeResult:
        yield form_row("Scope", Static(plain(self.where)))
        yield Input(self.field.json_path or "", id="edit-path", max_length=MAX_MAPPING_PATH_LENGTH)
        yield form_row("Value", Static(id="edit-preview"))

    def on_mount(self) -> None:
        super().on_mount()
        self._preview(self.path_input.value)

    @on(Input.Changed, "#edit-path")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, expression: str) -> None:
        self.preview.update(value_preview(expression, self.document))

    async def save(self) -> str:
        path = self.path_input.value.strip()
        if (error := jmes.check(path)) is not None:
            raise error.to_exception(path)
        return await self.submit(path)
