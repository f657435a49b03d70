"""Every key of the workbench, read from the bindings themselves so the list never drifts."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldmap.tui.dialogs.form import FormDialog
from fieldmap.tui.literal import plain
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree

# Keys Textual's own widgets handle, which no binding of ours describes.
BUILT_IN: dict[str, list[tuple[str, str]]] = {
    "Browse": [
        ("↑ ↓", "move in a list"),
        ("enter", "choose (sets the context of the other panes)"),
    ],
    "Raw payload": [("↑ ↓", "move; the path of the node shows under the tree")],
    "JMESPath editor": [
        ("enter", "evaluate now (it also runs as you type)"),
        ("→ at the end", "accept the completion shown in grey"),
    ],
    "Configuration": [("enter", "load the field's path into the editor")],
    "Paths": [("type", "filter the paths"), ("enter", "put the path into the editor")],
}


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help"
        ),
    ]

    def __init__(self, backend_description: str) -> None:
        super().__init__()
        self.backend_description = backend_description

    def compose(self) -> ComposeResult:
        from fieldmap.tui.screens.workbench import WorkbenchScreen

        sections: list[tuple[str, list[BindingType]]] = [
            ("Everywhere", [*WorkbenchScreen.BINDINGS, *self.app.BINDINGS]),
            ("Browse", Browser.BINDINGS),
            ("Raw payload", [*PayloadPane.BINDINGS, *PayloadTree.BINDINGS]),
            ("JMESPath editor", []),
            ("Configuration", ConfigurationTable.BINDINGS),
            ("Paths", PathList.BINDINGS),
            ("Dialogs", FormDialog.BINDINGS),
        ]
        with VerticalScroll(id="help"):
            yield Static(Content.styled("fieldmap keys", "bold"), id="help-title")
            if self.backend_description:
                yield Static(plain(self.backend_description).stylize("dim"), markup=False)
            for title, bindings in sections:
                yield Static(self._section(title, bindings), classes="help-section")

    def _section(self, title: str, bindings: list[BindingType]) -> Content:
        rows = [
            (self.app.get_key_display(binding), binding.tooltip or binding.description)
            for binding in Binding.make_bindings(bindings)
            if not binding.system
        ]
        rows += BUILT_IN.get(title, [])
        width = max((len(key) for key, _ in rows), default=0) + 2
        lines = [Content.styled(title, "bold underline")]
        lines += [
            Content.assemble((key.ljust(width), "bold"), description) for key, description in rows
        ]
        return Content("\n").join(lines)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
