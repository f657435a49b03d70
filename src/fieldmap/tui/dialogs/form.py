"""The base of every dialog that saves something: it stays open, with the message, on error.

Nothing typed is lost: the save runs in a worker while the dialog stays on screen; only a
success dismisses it (with the saved result).
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from fieldmap.core.errors import FieldmapError
from fieldmap.tui.literal import escape_controls

ResultT = TypeVar("ResultT")


class StayOpen(Exception):
    """Raised by `save` to keep the dialog open without an error (it asked for more)."""


def form_row(label: str, widget: Widget) -> Horizontal:
    """A labelled line of a dialog: the label on the left, the widget on the right."""
    return Horizontal(Label(label, classes="form-label"), widget, classes="form-row")


class FormDialog(ModalScreen[ResultT], Generic[ResultT]):
    """Title, body (`compose_body`), an error line and Cancel / Save buttons."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="dialog.cancel",
            tooltip="Close the dialog without saving",
        ),
        Binding("ctrl+s", "submit", "Save", id="dialog.save", tooltip="Save (as the button)"),
    ]

    save_button = getters.query_one("#dialog-save", Button)
    error_line = getters.query_one("#dialog-error", Static)

    def __init__(self, title: str, save_label: str = "Save", classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.title_text, self.save_label = title, save_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            yield from self.compose_body()
            yield Static(id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel", id="dialog-cancel")
                yield Button(self.save_label, id="dialog-save", variant="primary")

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.error_line.display = False

    async def save(self) -> ResultT:
        """Do the work; raise a `FieldmapError` to keep the dialog open with its message."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error_line.update(Content.assemble(("✗ ", "$text-error"), escape_controls(message)))
        self.error_line.display = bool(message)

    @on(Input.Changed)
    def _edited(self) -> None:
        self.show_error("")  # the message was about what was saved, not what is typed now

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#dialog-save")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        if not self.save_button.disabled:
            self._save()

    @work(exclusive=True, group="dialog-save")
    async def _save(self) -> None:
        self.save_button.disabled = True
        try:
            result = await self.save()
        except StayOpen:
            pass
        except FieldmapError as error:
            self.show_error(error.message)
        else:
            self.dismiss(result)
            return
        self.save_button.disabled = False
