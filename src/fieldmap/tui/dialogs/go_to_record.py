"""Ask for an identifying value (an employee id, an email, a name, or `PATH == VALUE`):
dismisses with the text; the screen looks the rows up."""

from __future__ import annotations

from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

HELP = (
    "An employee id, an email or a name: the rows holding it at a path that looks like an "
    "identifier. Or PATH == VALUE. Then n / N go between the matching rows."
)


class GoToRecordDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="record.cancel", tooltip="Close the dialog"),
    ]

    value_input = getters.query_one("#record-value", Input)

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self.initial_value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Go to a record", id="dialog-title")
            yield Static(HELP, markup=False, id="record-help")
            yield Input(self.initial_value, placeholder="25999", id="record-value")

    @on(Input.Submitted, "#record-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
