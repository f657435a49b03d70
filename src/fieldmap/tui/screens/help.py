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

KEYMAP_NOTE = Content.assemble(
    "Change a key in the config file's ",
    ("keymap", "bold"),
    ', by the id shown dim after it: {"keymap": {"workbench.new_field": "ctrl+n"}}',
)

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
                    textual_keys = [(key, Content(text)) for key, text in built_in]
                    for key, description in [*self._rows(bindings), *textual_keys]:
                        yield Static(Content.styled(key, "bold"), classes="help-key")
                        yield Static(description, classes="help-description")
            yield Static(KEYMAP_NOTE, classes="help-heading")

    def _rows(self, bindings: list[BindingType]) -> list[tuple[str, Content]]:
        """Each binding's key (as the keymap set it), what it does, and its id."""
        keymap = self.app._keymap  # Textual keeps no public reader of the keymap it applies
        rows, remapped = [], set()
        for binding in Binding.make_bindings(bindings):
            if binding.system or binding.id in remapped:
                continue
            if binding.id is not None and binding.id in keymap:
                remapped.add(binding.id)
                keys = [binding.with_key(key) for key in keymap[binding.id].split(",")]
            else:
                keys = [binding]
            key = ", ".join(self.app.get_key_display(each) for each in keys)
            description = Content(binding.tooltip or binding.description)
            if binding.id is not None:
                description = Content.assemble(description, "  ", (f"·\u00a0{binding.id}", "dim"))
            rows.append((key, description))
        return rows

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
