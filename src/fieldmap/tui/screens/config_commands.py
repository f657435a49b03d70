"""The command palette's configuration-as-code entries: export the configuration to a file,
and show what applying a file would change (`fieldmap export` and `fieldmap diff`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from fieldmap.backends.configuration_snapshot import read_snapshot
from fieldmap.backends.protocol import Backend
from fieldmap.core.config_document import render_document
from fieldmap.core.errors import FieldmapError
from fieldmap.core.private_file import write_private
from fieldmap.core.wording import count_of
from fieldmap.tui.dialogs.document_path import DocumentPathDialog
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.screens.diff import DiffScreen

DEFAULT_FILE = "fieldmap-config.json"


class ConfigurationCommands(Provider):
    """Reads the screen's `backend`; offers nothing while it is not open."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        if getattr(self.screen, "backend", None) is None:
            return []
        return [
            (
                "Export the configuration to a file…",
                "every field and mapping, as fieldmap export writes them",
                self._export,
            ),
            (
                "Diff the configuration against a file…",
                "what applying a document would create, change and delete",
                self._diff,
            ),
        ]

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)

    def _export(self) -> None:
        screen, backend = self.screen, self.screen.backend

        def chosen(path: str | None) -> None:
            if path is not None:
                screen.run_worker(_export_to(screen, backend, path), group="export")

        self.app.push_screen(
            DocumentPathDialog("Export the configuration", "Export", DEFAULT_FILE), chosen
        )

    def _diff(self) -> None:
        backend = self.screen.backend

        def chosen(path: str | None) -> None:
            if path is not None:
                self.app.push_screen(DiffScreen(backend, path))

        self.app.push_screen(
            DocumentPathDialog("Diff against a file", "Diff", DEFAULT_FILE), chosen
        )


async def _export_to(screen: Screen, backend: Backend, path: str) -> None:
    """Write the document (0600: it may hold connector tokens) and say so, or why not."""
    try:
        configuration = (await read_snapshot(backend)).configuration
        write_private(path, render_document(configuration))
    except FieldmapError as error:
        screen.notify(
            escape_controls(error.message), title="Export", severity="error", markup=False
        )
        return
    tokens = " (it holds connector tokens: keep it private)" if configuration.holds_tokens else ""
    screen.notify(
        escape_controls(f"Wrote {count_of(len(configuration.fields), 'field')} to {path}{tokens}"),
        title="Export",
        markup=False,
    )
