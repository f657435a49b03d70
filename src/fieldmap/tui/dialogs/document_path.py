"""Type the path of a configuration document; dismisses with it (the screen reads or
writes the file)."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.widgets import Input, Label

from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.tui.dialogs.form import FormDialog


class DocumentPathDialog(FormDialog[str]):
    path_input = getters.query_one("#document-path", Input)

    def __init__(self, title: str, action: str, path: str = "") -> None:
        super().__init__(title, action)
        self.initial_path = path

    def compose_body(self) -> ComposeResult:
        yield Label("File")
        yield Input(self.initial_path, placeholder="config.json", id="document-path")

    async def save(self) -> str:
        path = self.path_input.value.strip()
        if not path:
            raise RuleViolation(Violation(("file",), "type the path of a file"))
        return path
