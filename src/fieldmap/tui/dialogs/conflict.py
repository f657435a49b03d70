"""Someone else saved the mapping first: both versions side by side, and the choice.

Shown when a save raises `StaleRevisionError`: yours (the path being saved) and theirs
(the one there now), each with the value it gives on the current row. The dialog only
collects the choice; the screen acts on it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from fieldmap.tui.dialogs.map_field import value_preview
from fieldmap.tui.literal import escape_controls


class Resolution(StrEnum):
    KEEP_THEIRS = "keep-theirs"
    OVERWRITE = "overwrite"
    EDIT = "edit"


class ConflictDialog(ModalScreen[Resolution]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "choose('keep-theirs')",
            "Keep theirs",
            id="conflict.keep",
            tooltip="Leave the mapping as the other person saved it",
        ),
        Binding(
            "o",
            "choose('overwrite')",
            "Overwrite",
            id="conflict.overwrite",
            tooltip="Save yours over theirs",
        ),
        Binding(
            "e",
            "choose('edit')",
            "Edit",
            id="conflict.edit",
            tooltip="Back to the editor with yours, to map again from theirs",
        ),
    ]

    def __init__(self, field_name: str, where: str, yours: str, theirs: str, document: Any):
        super().__init__()
        self.field_name, self.where = field_name, where
        self.yours, self.theirs, self.document = yours, theirs, document

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Changed meanwhile", id="dialog-title")
            yield Static(self._versions(), id="conflict-versions")
            with Horizontal(id="dialog-buttons"):
                yield Button("Keep theirs", id="keep-theirs")
                yield Button("Edit", id="edit")
                yield Button("Overwrite", id="overwrite", variant="warning")

    def _versions(self) -> Content:
        return Content.assemble(
            "Someone else saved the mapping of ",
            (escape_controls(self.field_name), "bold"),
            f" for {escape_controls(self.where)} after you read it.\n\n",
            ("yours   ", "dim"),
            escape_controls(self.yours),
            "\n",
            ("     →  ", "dim"),
            value_preview(self.yours, self.document),
            "\n",
            ("theirs  ", "dim"),
            escape_controls(self.theirs),
            "\n",
            ("     →  ", "dim"),
            value_preview(self.theirs, self.document),
        )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.action_choose(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(Resolution(choice))
