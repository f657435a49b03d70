"""The `fieldmap explore` application: one explore screen over the rows of a file."""

from __future__ import annotations

from textual import work
from textual.app import App

from fieldmap.core.history import ExpressionHistory
from fieldmap.core.inputs import LoadedRows
from fieldmap.core.row_sources import known_length
from fieldmap.tui.paste_safe_driver import paste_safe_driver
from fieldmap.tui.screens.explore import ExploreScreen
from fieldmap.tui.styling import STYLESHEET


class ExploreApp(App[str]):
    """Returns the editor's final expression when it quits (q, or Textual's own ctrl+q)."""

    CSS_PATH = STYLESHEET
    TITLE = "fieldmap explore"

    def __init__(
        self,
        loaded: LoadedRows,
        keymap: dict[str, str] | None = None,
        history: ExpressionHistory | None = None,
    ) -> None:
        """`history` keeps the expressions typed (None: they are not kept)."""
        super().__init__(driver_class=paste_safe_driver())
        self.loaded = loaded
        self.history = history
        if keymap:
            self.set_keymap(keymap)  # the config file's: keys by binding id

    def get_default_screen(self) -> ExploreScreen:
        return ExploreScreen(self.loaded)

    def on_mount(self) -> None:
        if known_length(self.loaded.rows) is None:
            self.count_rows()

    @work(thread=True, exclusive=True, group="count", description="count rows")
    def count_rows(self) -> None:
        """A large NDJSON file shows its first row at once; its row count follows."""
        len(self.loaded.rows)
        self.call_from_thread(self._explore_screen().show_row_count)

    def _explore_screen(self) -> ExploreScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ExploreScreen)
        return screen

    async def action_quit(self) -> None:
        self.exit(self._explore_screen().editor.expression.strip())
