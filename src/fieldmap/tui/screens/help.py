"""Every key of a screen, read from the bindings themselves so the list never drifts."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldmap.tui.literal import plain

Section = tuple[str, list[BindingType], tuple[tuple[str, str], ...]]
"""A titled group of bindings, and the keys Textual's own widgets handle there."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help"
        ),
    ]

    def __init__(self, title: str, subtitle: str, sections: list[Section]) -> None:
        super().__init__()
        self.title_text = title
        self.subtitle = subtitle
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content.styled(self.title_text, "bold"), id="help-title")
            if self.subtitle:
                yield Static(plain(self.subtitle).stylize("dim"), markup=False)
            for title, bindings, built_in in self.sections:
                yield Static(Content.styled(title, "bold underline"), classes="help-heading")
                # A grid, so that a long description wraps beside its key, not under it.
                with Grid(classes="help-keys"):
                    for key, description in [*self._rows(bindings), *built_in]:
                        yield Static(Content.styled(key, "bold"), classes="help-key")
                        yield Static(Content(description), classes="help-description")

    def _rows(self, bindings: list[BindingType]) -> list[tuple[str, str]]:
        return [
            (self.app.get_key_display(binding), binding.tooltip or binding.description)
            for binding in Binding.make_bindings(bindings)
            if not binding.system
        ]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
