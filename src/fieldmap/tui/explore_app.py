"""The `fieldmap explore` application: one explore screen over rows already loaded."""

from __future__ import annotations

from textual.app import App

from fieldmap.core.inputs import LoadedRows
from fieldmap.tui.screens.explore import ExploreScreen
from fieldmap.tui.styling import STYLESHEET


class ExploreApp(App[str]):
    """Returns the editor's final expression when it quits (q, or Textual's own ctrl+q)."""

    CSS_PATH = STYLESHEET
    TITLE = "fieldmap explore"

    def __init__(self, loaded: LoadedRows, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        if keymap:
            self.set_keymap(keymap)  # the config file's: keys by binding id

    def get_default_screen(self) -> ExploreScreen:
        return ExploreScreen(self.loaded)

    async def action_quit(self) -> None:
        screen = self.screen_stack[0]
        assert isinstance(screen, ExploreScreen)
        self.exit(screen.editor.expression.strip())
