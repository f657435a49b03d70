"""What applying a configuration document would change, against the workbench's backend:
the plan as `fieldmap diff` shows it, read in a worker."""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldmap.backends.configuration_plan import plan_for
from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError
from fieldmap.core.plan import render_text
from fieldmap.tui.literal import escape_controls


class DiffScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="diff.close", tooltip="Close the diff"),
    ]

    body = getters.query_one("#diff-body", Static)

    def __init__(self, backend: Backend, path: str) -> None:
        super().__init__()
        self.backend, self.path = backend, path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="diff"):
            title = f"Applying {self.path} to {self.backend.description} would do:"
            yield Static(Content.styled(escape_controls(title), "bold"), id="diff-title")
            yield Static("Reading the document and the configuration…", id="diff-body")
            yield Static(Content.styled("Esc closes.", "dim"))

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        try:
            planned = await plan_for(self.backend, self.path, prune=False)
        except FieldmapError as error:
            self.body.update(Content.styled(f"✗ {escape_controls(error.message)}", "$text-error"))
            return
        self.body.update(Content(escape_controls(render_text(planned.plan), keep_newlines=True)))
