"""Finding the data from the editor screens (the workbench and explore): search every row
and connector, go to a record and between its rows, fallbacks under the coverage, the
expressions typed before. Mixed into each screen before `EditorScreen`; where the data is
found is the screen's `make_finder()`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work

from fieldmap.core.errors import FieldmapError
from fieldmap.core.find_operations import FallbackSuggestions, RecordResult
from fieldmap.core.history import ExpressionHistory
from fieldmap.core.row_models import Coverage
from fieldmap.tui.commands import HistoryCommands
from fieldmap.tui.dialogs.go_to_record import GoToRecordDialog
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.screens.finders import Finder
from fieldmap.tui.screens.search import SearchChoice, SearchScreen
from fieldmap.tui.widgets.fallback_panel import FallbackPanel
from fieldmap.tui.widgets.payload_pane import PayloadPane

if TYPE_CHECKING:
    from fieldmap.tui.screens.editor_screen import EditorScreen

    Base = EditorScreen
else:
    Base = object


class Finding(Base):
    record: RecordResult | None = None
    """The rows of the last record looked up (n / N go between them)."""
    _finder: Finder | None = None
    _walked: list[str] | None = None
    """The history being walked with ↑, most recent first; None while not walking."""
    _walk_at = -1

    def make_finder(self) -> Finder:
        raise NotImplementedError

    @property
    def finder(self) -> Finder:
        if self._finder is None:
            self._finder = self.make_finder()
        return self._finder

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "record_match":  # otherwise n is the screen's (a new field)
            return bool(self.record and self.record.rows)
        if action == "history_back":
            typed = self.editor.expression
            return self.focused is self.editor.path_input and (
                not typed or typed == self._walked_expression()
            )
        return super().check_action(action, parameters)

    # -- search every row and connector ------------------------------------------------------

    def action_search_everywhere(self) -> None:
        jobs = self.finder.search_jobs()
        if not jobs:
            self.notify("Choose a model first: the search covers its rows.", severity="warning")
            return
        query = self.query_one(PayloadPane).search_input.value
        self.app.push_screen(SearchScreen(jobs, query), self._search_chosen)

    def _search_chosen(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        where = self.finder.take(choice)
        self.editor.set_expression(choice.hit.mapped_path)
        self.action_focus_editor()
        self.notify(f"{escape_controls(choice.hit.mapped_path)} on {escape_controls(where)}")

    # -- go to a record ----------------------------------------------------------------------

    def action_go_to_record(self) -> None:
        typed = self.record.value if self.record else ""
        self.app.push_screen(GoToRecordDialog(typed), self._record_asked)

    def _record_asked(self, value: str | None) -> None:
        if value is not None:
            self._look_up(value)

    @work(exclusive=True, group="record")
    async def _look_up(self, value: str) -> None:
        try:
            found = await self.finder.find_record(value)
        except FieldmapError as error:
            self.notify(escape_controls(error.message), title="Cannot go to the record",
                        severity="error", markup=False)  # fmt: skip
            return
        self.record = found
        if not found.rows:
            self.notify(f"No row holds {escape_controls(value)} at "
                        f"{len(found.paths):,} identifying paths.", severity="warning")  # fmt: skip
            return
        self._show_match(found.next_row(self.finder.current_row() - 1))

    def action_record_match(self, direction: int) -> None:
        if self.record is not None:
            self._show_match(self.record.next_row(self.finder.current_row(), direction))

    def _show_match(self, row: int | None) -> None:
        record = self.record
        if record is None or row is None:
            return
        self.finder.show_row(row)
        match = record.rows.index(row) + 1
        more = (
            "" if len(record.rows) == 1 else f" (match {match:,} of {record.rows_matching:,}, n/N)"
        )
        path = escape_controls(record.found_by.get(row, ""))
        latest = "; only the latest row was looked in" if record.only_latest_row else ""
        self.notify(f"{record.position(row)}{more}: {path}{latest}", markup=False)

    # -- fallbacks under the coverage --------------------------------------------------------

    def watch_coverage(self, coverage: Coverage | None) -> None:
        # The typed-field checks watch the coverage too, after this part in the MRO.
        if (also := getattr(super(), "watch_coverage", None)) is not None:
            also(coverage)
        self.query_one(FallbackPanel).suggestions = None
        if coverage is None:
            return
        if coverage.non_null:
            self._keep_in_history(coverage.json_path)
        if coverage.non_null < coverage.rows:
            self._suggest_fallbacks(coverage.json_path)

    @work(exclusive=True, group="fallbacks")
    async def _suggest_fallbacks(self, expression: str) -> None:
        try:
            found = await self.finder.suggest_fallbacks(expression)
        except FieldmapError:
            return  # the coverage says what is wrong with the expression
        if self.editor.expression == expression:
            self.query_one(FallbackPanel).suggestions = found

    def action_take_fallback(self) -> None:
        found: FallbackSuggestions | None = self.query_one(FallbackPanel).suggestions
        if found is None or not found.suggestions:
            self.notify("No fallback: the expression fills every row, or none helps.",
                        severity="warning")  # fmt: skip
            return
        self.editor.set_expression(found.suggestions[0].expression)
        self.action_focus_editor()

    # -- what the unified API returns ---------------------------------------------------------

    @work(exclusive=True, group="unified-output")
    async def action_unified_output(self) -> None:
        from fieldmap.tui.dialogs.unified_output import UnifiedOutputDialog

        try:
            output = await self.finder.unified_output()
        except FieldmapError as error:
            self.notify(escape_controls(error.message), title="Cannot compute the output",
                        severity="error", markup=False)  # fmt: skip
            return
        if output is None:
            self.notify("Choose a connector: the output is of its configuration.",
                        severity="warning")  # fmt: skip
            return
        self.app.push_screen(UnifiedOutputDialog(output), self._unified_output_closed)

    def _unified_output_closed(self, text: str | None) -> None:
        if text is not None:
            self.app.copy_to_clipboard(text)
            self.notify("Copied the custom_fields object as JSON.")

    # -- the expressions typed before --------------------------------------------------------

    def expression_history(self) -> ExpressionHistory | None:
        return getattr(self.app, "history", None)

    @work(group="history")
    async def _keep_in_history(self, expression: str) -> None:
        history, context = self.expression_history(), self.finder.history_context()
        if history is None or context is None:
            return
        try:
            await asyncio.to_thread(history.add, *context, expression)
        except FieldmapError as error:
            self.notify(escape_controls(error.message), title="Cannot keep the expression",
                        severity="warning", markup=False)  # fmt: skip

    @work(exclusive=True, group="history-walk")
    async def action_history_back(self) -> None:
        history, context = self.expression_history(), self.finder.history_context()
        if history is None or context is None:
            return
        if not self.editor.expression or self._walked is None:
            self._walked = await asyncio.to_thread(history.expressions, *context)
            self._walk_at = -1
        if self._walk_at + 1 >= len(self._walked):
            self.notify("No older expression for this integration and model.")
            return
        self._walk_at += 1
        self.editor.set_expression(self._walked[self._walk_at])

    def _walked_expression(self) -> str:
        return self._walked[self._walk_at] if self._walked and self._walk_at >= 0 else ""

    def on_history_commands_expression_chosen(
        self, event: HistoryCommands.ExpressionChosen
    ) -> None:
        self.editor.set_expression(event.expression)
        self.action_focus_editor()
