"""`fieldmap explore`: the payload tree, the editor, coverage and paths over a file's rows.

No backend: the rows are in memory. The screen holds the row shown (reactive, `data_bind`-ed
to the payload pane); coverage and path discovery run over every row in thread workers.
Wide terminals show every pane; narrow ones show the tree or the paths (tabs) above the editor.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Tab
from textual.worker import get_current_worker

from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.inputs import LoadedRows
from fieldmap.core.models import Coverage, DiscoveredPath, RawData, RawDataSource
from fieldmap.core.row_sources import has_row, known_length
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.screens.editor_screen import EDITOR_BINDINGS, EditorScreen
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree

COVERAGE_CHUNK_ROWS = 5_000
"""Rows between progress reports (and cancellation checks) of the coverage worker."""


class ExploreScreen(EditorScreen):
    PANE_FOCUS: ClassVar[dict[str, str]] = {"payload": "#payload-tree", "paths": "#paths-filter"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="explore.help", tooltip="List every key"),
        Binding(
            "q",
            "app.quit",
            "Quit",
            id="explore.quit",
            tooltip="Quit (--print-path prints the path)",
        ),
        Binding(
            "left_square_bracket",
            "move_row(-1)",
            "Prev row",
            id="explore.previous_row",
            tooltip="Show the previous row of the file",
        ),
        Binding(
            "right_square_bracket",
            "move_row(1)",
            "Next row",
            id="explore.next_row",
            tooltip="Show the next row of the file",
        ),
        *EDITOR_BINDINGS,
        Binding(
            "escape",
            "leave_editor",
            "Leave editor",
            show=False,
            id="explore.escape",
            tooltip="Leave the editor for the payload tree",
        ),
    ]

    row: reactive[int] = reactive(0, init=False)
    raw: reactive[RawData | None] = reactive(None, always_update=True, init=False)
    discovered: reactive[list[DiscoveredPath] | None] = reactive(
        None, always_update=True, init=False
    )

    def __init__(self, loaded: LoadedRows) -> None:
        super().__init__()
        self.loaded = loaded
        self.coverage_expression: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.context_bar_and_tabs(
            Tab("2 Payload", id="tab-payload"),
            Tab("5 Paths", id="tab-paths"),
        )
        with Container(id="explore"):
            payload = PayloadPane(
                source_label=self.loaded.name, id="payload-pane", classes="pane -active"
            )
            payload.border_title = "2 Raw payload"
            yield payload.data_bind(ExploreScreen.raw)
            yield from self.editor_pane()
            paths = PathList(creates_fields=False, id="paths-pane", classes="pane")
            paths.border_title = "5 Paths"
            yield paths.data_bind(paths=ExploreScreen.discovered)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.path_list.notice = "Finding the paths of every row…"
        self.editor.source = self.loaded.name
        self.watch_row(self.row)
        self.discover()

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
        self.editor.load(data)
        self._show_context_bar()

    def show_row_count(self) -> None:
        """The rows of a large file are counted: say how many."""
        if self.raw is not None:
            self.raw = self.raw.model_copy(update={"row_count": len(self.loaded.rows)})
        self._show_context_bar()

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

    def _show_context_bar(self) -> None:
        loaded = self.loaded
        parts = [
            Content.styled("fieldmap explore", "bold"),
            Content(loaded.name),
            Content.styled(loaded.form, "dim"),
            Content(f"row {self.row + 1:,}/{self._count_text()}"),
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

    @on(PathEditor.Evaluated)
    def _evaluated(self, event: PathEditor.Evaluated) -> None:
        evaluation = event.evaluation
        self.tree.mark_selected(evaluation.located)
        self.null_explanation = evaluation.explanation
        if evaluation.expression == self.coverage_expression:
            return  # another row of the same expression: coverage is over every row already
        self.coverage_expression = evaluation.expression
        if isinstance(evaluation.outcome, jmes.Resolved):
            self.coverage = None  # not the previous expression's figures meanwhile
            self.measure_coverage(evaluation.expression)
        else:
            self.workers.cancel_group(self, "coverage")
            self.coverage_progress, self.coverage = None, None

    @work(thread=True, exclusive=True, group="coverage")
    def measure_coverage(self, expression: str) -> None:
        from fieldmap.core.coverage import CoverageCounter

        worker = get_current_worker()
        rows = self.loaded.rows
        counter = CoverageCounter(expression)
        for start in range(0, len(rows), COVERAGE_CHUNK_ROWS):
            if worker.is_cancelled:
                return
            if len(rows) > COVERAGE_CHUNK_ROWS:
                self.app.call_from_thread(setattr, self, "coverage_progress", (start, len(rows)))
            try:
                counter.add(rows[start : start + COVERAGE_CHUNK_ROWS])
            except FieldmapError as error:  # past the budget of the whole file
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._show_coverage, None, error.message)
                return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_coverage, counter.result())

    def _show_coverage(self, coverage: Coverage | None, error: str | None = None) -> None:
        self.coverage_progress, self.coverage = None, coverage
        if error is not None:
            title = "Cannot compute the coverage"
            self.notify(escape_controls(error), title=title, severity="error", markup=False)

    def action_failing_row(self, direction: int) -> None:
        failure = self.coverage.failing_row_from(self.row, direction) if self.coverage else None
        if failure is None:
            self.notify("No failing row for this expression.")
            return
        self.notify(f"Row {failure.row + 1:,} of {len(self.loaded.rows):,}: {failure.outcome}.")
        self.row = failure.row

    def action_help(self) -> None:
        from fieldmap.tui.screens.help import HelpScreen

        paths = [b for b in PathList.BINDINGS if getattr(b, "action", "") != "create_field"]
        sections = [
            ("Everywhere", [*self.BINDINGS, *self.app.BINDINGS]),
            ("Raw payload", [*PayloadPane.BINDINGS, *PayloadTree.BINDINGS]),
            ("JMESPath editor", []),
            ("Paths", paths),
        ]
        subtitle = f"{self.loaded.name}: {self._count_text()} rows ({self.loaded.form})"
        self.app.push_screen(HelpScreen("fieldmap explore keys", subtitle, sections))
