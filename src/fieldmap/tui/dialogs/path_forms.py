"""The ways to reach a node inside an array (index, projection, filter), each with its value:
choosing one dismisses the dialog with its path."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from fieldmap.core import jmes
from fieldmap.core.path_forms import PathForm
from fieldmap.tui.literal import escape_controls, json_preview

VALUE_CHARS = 60
KIND_WIDTH = 11


class PathFormsDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Keep the editor as is"),
    ]

    def __init__(self, forms: list[PathForm]) -> None:
        super().__init__(classes="path-forms")
        self.forms = forms

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Other ways to reach this node", id="dialog-title")
            yield OptionList(
                *(Option(_describe(form), id=str(i)) for i, form in enumerate(self.forms)),
                id="path-forms",
            )
            yield Label("Enter puts the path into the editor · Esc cancels", markup=False)

    @on(OptionList.OptionSelected, "#path-forms")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.forms[event.option_index].path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _describe(form: PathForm) -> Content:
    outcome = form.outcome
    if isinstance(outcome, jmes.Resolved):
        result = Content.assemble(("  = ", "dim"), json_preview(outcome.value, VALUE_CHARS))
    else:
        result = Content.assemble(("  ✗ ", "$text-error"), escape_controls(outcome.message))
    return Content.assemble(
        (form.kind.ljust(KIND_WIDTH), "bold"), escape_controls(form.path), "\n", result
    )
