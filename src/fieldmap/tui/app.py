"""The fieldmap application: one workbench screen over a `Backend`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from fieldmap.tui.paste_safe_driver import paste_safe_driver
from fieldmap.tui.screens.workbench import WorkbenchScreen
from fieldmap.tui.state import BackendOpener
from fieldmap.tui.styling import STYLESHEET


class FieldmapApp(App[None]):
    """`open_backend` runs in a worker, so the first frame never waits for a store or server."""

    CSS_PATH = STYLESHEET
    TITLE = "fieldmap"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            id="app.quit",
            tooltip="Quit fieldmap",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            priority=True,
            id="app.palette",
            tooltip="Jump to any model, integration or connector; run a command",
        ),
    ]

    def __init__(self, open_backend: BackendOpener, keymap: dict[str, str] | None = None) -> None:
        super().__init__(driver_class=paste_safe_driver())
        self.open_backend = open_backend
        if keymap:
            self.set_keymap(keymap)  # the config file's: keys by binding id

    def get_default_screen(self) -> WorkbenchScreen:
        return WorkbenchScreen(self.open_backend)
