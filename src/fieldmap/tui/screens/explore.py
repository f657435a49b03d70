"""`fieldmap explore`: the payload tree, the editor, coverage and paths over a file's rows.

No backend: the rows are in memory. The screen holds the row shown (reactive, `data_bind`-ed
to the payload pane); coverage and path discovery run over every row in thread workers.
Wide terminals show every pane; narrow ones show the tree or the paths (tabs) above the editor.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Container
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer
from textual.worker import WorkerCancelled

from fieldmap.core.errors import FieldmapError
from fieldmap.core.inputs import LoadedRows
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_models import Coverage, DiscoveredPath, RawData
from fieldmap.core.row_sources import has_row, known_length
from fieldmap.tui.commands import HistoryCommands
from fieldmap.tui.literal import cut_start, escape_controls, plain
from fieldmap.tui.screens.editor_screen import EditorScreen, Progress
from fieldmap.tui.screens.find_keys import FIND_BINDINGS
from fieldmap.tui.screens.finders import ExploreFinder
from fieldmap.tui.screens.keys import EXPLORE_BINDINGS
from fieldmap.tui.screens.panes import EDITOR, PATHS, PAYLOAD, Pane, pane_keys
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane

COVERAGE_CHUNK_ROWS = 5_000
"""Rows between progress reports (and cancellation checks) of the coverage worker."""
CONTEXT_BAR_NAME_CHARS = 24
"""The file's name in the context bar is cut (at its start) to this."""


class ExploreScreen(EditorScreen):
    COMMANDS: ClassVar[set[type[Provider]]] = {HistoryCommands}
    PANES: ClassVar[tuple[Pane, ...]] = (PAYLOAD, EDITOR, PATHS)

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIND_BINDINGS,
        *EXPLORE_BINDINGS,
        *pane_keys(PANES, "explore"),
    ]

    row: reactive[int] = reactive(0, init=False)
    raw: reactive[RawData | None] = reactive(None, always_update=True, init=False)
    discovered: reactive[list[DiscoveredPath] | None] = reactive(
        None, always_update=True, init=False
    )

    def __init__(self, loaded: LoadedRows) -> None:
        super().__init__()
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        yield from self.context_bar_and_tabs()
        with Container(id="explore"):
            payload = PayloadPane(
                source_label=self.loaded.name, id=PAYLOAD.id, classes="pane -active"
            )
            payload.border_title = PAYLOAD.title
            yield payload.data_bind(ExploreScreen.raw)
            yield from self.editor_pane()
            paths = PathList(creates_fields=False, id=PATHS.id, classes="pane")
            paths.border_title = PATHS.title
            yield paths.data_bind(paths=ExploreScreen.discovered, notice=ExploreScreen.paths_notice)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.paths_notice = "Finding the paths of every row…"
        self.editor.source = self.loaded.name
        self.watch_row(self.row)
        self.discover()

    def make_finder(self) -> ExploreFinder:
        return ExploreFinder(self)

    def watch_coverage(self, coverage: Coverage | None) -> None:
        self.finding.coverage_changed(coverage)

    # -- rows --------------------------------------------------------------------------------

    def watch_row(self, row: int) -> None:
        rows = self.loaded.rows
        try:
            data = rows[row]  # an NDJSON file's row is parsed here, and may be a bad line
        except FieldmapError as error:
            self.notify(escape_controls(error.message), severity="error", markup=False)
            return
        count = known_length(rows) or row + 1  # a large file's count comes later
        self.raw = RawData.model_construct(
            data=data, source=RawDataSource.INLINE, row_index=row, row_count=count
        )
        self.show_row(data)
        self.show_context_bar()

    def show_row_count(self) -> None:
        """The rows of a large file are counted: say how many."""
        if self.raw is not None:
            self.raw = self.raw.model_copy(update={"row_count": len(self.loaded.rows)})
        self.show_context_bar()

    def action_move_row(self, step: int) -> None:
        rows = self.loaded.rows
        row = self.row + step
        if known_length(rows) == 1:
            self.notify("This file has a single row.", severity="warning")
        elif row < 0 or not has_row(rows, row):
            self.notify(f"No more rows: this is row {self.row + 1:,} of {self._count_text()}.")
        else:
            self.row = row

    def _count_text(self) -> str:
        count = known_length(self.loaded.rows)
        return "…" if count is None else f"{count:,}"

    def show_context_bar(self) -> None:
        # The row (and the record it holds) before the form, and a long path cut at its
        # start: at 80 columns the row must show.
        loaded = self.loaded
        parts = [
            Content.styled("fieldmap explore", "bold"),
            plain(cut_start(loaded.name, CONTEXT_BAR_NAME_CHARS)),
            Content(f"row {self.row + 1:,}/{self._count_text()}")
            + self.finding.record_note(self.row),
            Content.styled(loaded.form, "dim"),
        ]
        self.context_bar.update(Content(" │ ").join(parts))

    # -- across all rows ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="discovery")
    def discover(self) -> None:
        from fieldmap.core.discovery import discover_paths

        try:
            paths = discover_paths(self.loaded.rows)
        except FieldmapError as error:  # a bad line of an NDJSON file, reached here
            self.app.call_from_thread(setattr, self.path_list, "notice", error.message)
            return
        self.app.call_from_thread(setattr, self, "discovered", paths)

    def coverage_key(self, expression: str) -> tuple[object, ...]:
        return (expression,)  # one file: the rows never change

    def row_count(self) -> int:
        return known_length(self.loaded.rows) or 0  # never wait here for a file's count

    async def measure_coverage(self, expression: str, progress: Progress) -> Coverage:
        cancelled = threading.Event()

        def told(done: int, total: int) -> None:
            self.app.call_from_thread(progress, done, total)

        try:
            return await asyncio.to_thread(
                count_coverage, self.loaded.rows, expression, told, cancelled
            )
        finally:
            cancelled.set()  # a newer expression cancelled this one: the thread stops

    def action_failing_row(self, direction: int) -> None:
        failure = self.coverage.failing_row_from(self.row, direction) if self.coverage else None
        if failure is None:
            self.notify("No failing row for this expression.")
            return
        self.notify(f"Row {failure.row + 1:,} of {len(self.loaded.rows):,}: {failure.outcome}.")
        self.row = failure.row

    def action_help(self) -> None:
        from fieldmap.tui.screens.help import HelpScreen

        subtitle = f"{self.loaded.name}: {self._count_text()} rows ({self.loaded.form})"
        sections = self.help_sections()
        # No backend here: a discovered path cannot become a field.
        sections = [
            (
                title,
                [b for b in keys if not getattr(b, "action", "").startswith("create_field")],
                built_in,
            )
            for title, keys, built_in in sections
        ]
        self.app.push_screen(HelpScreen("fieldmap explore keys", subtitle, sections))


def count_coverage(
    rows: list[Any], expression: str, progress: Progress, cancelled: threading.Event
) -> Coverage:
    """`expression` over `rows` in chunks, telling `progress` before each chunk and
    stopping (with `WorkerCancelled`) once `cancelled` is set."""
    from fieldmap.core.coverage import CoverageCounter

    counter = CoverageCounter(expression)
    for start in range(0, len(rows), COVERAGE_CHUNK_ROWS):
        if cancelled.is_set():
            raise WorkerCancelled("a newer expression replaced this one")
        if len(rows) > COVERAGE_CHUNK_ROWS:
            progress(start, len(rows))
        counter.add(rows[start : start + COVERAGE_CHUNK_ROWS])
    return counter.result()
