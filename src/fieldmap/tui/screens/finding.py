"""Finding the data from the editor screens (the workbench and explore): search every row
and connector, go to a record and between its rows, fallbacks under the coverage, the
expressions typed before. A part each editor screen owns (`screen.finding`) and knows only
as a `FindingHost`; where the data is found is the host's `Finder`, made on first use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from textual.app import App
from textual.content import Content
from textual.widget import Widget

from fieldmap.core.errors import FieldmapError
from fieldmap.core.find_operations import FallbackSuggestions, RecordResult
from fieldmap.core.history import ExpressionHistory
from fieldmap.core.row_models import Coverage
from fieldmap.tui.dialogs.go_to_record import GoToRecordDialog
from fieldmap.tui.literal import cut, escape_controls, plain
from fieldmap.tui.screens.finders import Finder
from fieldmap.tui.screens.search import SearchChoice, SearchScreen
from fieldmap.tui.widgets.fallback_panel import FallbackPanel
from fieldmap.tui.widgets.path_editor import Evaluation, PathEditor
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree

NOTE_VALUE_CHARS = 24
"""The record's value in the context bar is cut to this (an email can be long)."""


class FindingHost(Protocol):
    """What finding needs of its screen."""

    editor: PathEditor
    payload: PayloadPane
    tree: PayloadTree
    fallbacks: FallbackPanel

    @property
    def app(self) -> App[Any]: ...

    @property
    def focused(self) -> Widget | None: ...

    def notify(
        self, message: str, *, title: str = ..., severity: Any = ..., markup: bool = ...
    ) -> None: ...

    def run_worker(self, work: Any, *, group: str = ..., exclusive: bool = ...) -> Any: ...

    def action_focus_editor(self) -> None: ...

    def show_context_bar(self) -> None:
        """Show the top line again (it says the record's match on a row of it)."""
        ...


class Finding:
    def __init__(self, host: FindingHost, make_finder: Callable[[], Finder]) -> None:
        self.host = host
        self._make_finder = make_finder
        self._finder: Finder | None = None
        self.record: RecordResult | None = None
        self._records_forgotten = 0
        """Counts `forget_record`: a look-up that ends after one is for rows no longer shown."""
        """The rows of the last record looked up (n / N go between them)."""
        self._walked: list[str] | None = None
        """The history being walked with ↑, most recent first; None while not walking."""
        self._walk_at = -1
        self._reveal: str | None = None
        """A search hit's path: the tree opens down to its node once the editor finds it."""

    @property
    def finder(self) -> Finder:
        if self._finder is None:
            self._finder = self._make_finder()
        return self._finder

    def _notify(self, message: str, severity: str = "information", **kwargs: Any) -> None:
        self.host.notify(message, severity=severity, **kwargs)

    def _failed(self, error: FieldmapError, title: str, severity: str = "error") -> None:
        self.host.notify(
            escape_controls(error.message), title=title, severity=severity, markup=False
        )

    def check_action(self, action: str) -> bool | None:
        """Whether a key of finding applies now; None for an action not finding's."""
        if action == "record_match":  # otherwise n is the screen's (a new field)
            return bool(self.record and self.record.rows)
        if action == "history_back":
            editor = self.host.editor
            typed = editor.expression
            return self.host.focused is editor.path_input and (
                not typed or typed == self._walked_expression()
            )
        return None

    def take_expression(self, expression: str) -> None:
        """Put `expression` in the editor, and go there."""
        self.host.editor.set_expression(expression)
        self.host.action_focus_editor()

    # -- search every row and connector ------------------------------------------------------

    def search_everywhere(self) -> None:
        jobs = self.finder.search_jobs()
        if not jobs:
            self._notify("Choose a model first: the search covers its rows.", "warning")
            return
        query = self.host.payload.search_input.value
        self.host.app.push_screen(SearchScreen(jobs, query), self._search_chosen)

    def _search_chosen(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        where = self.finder.take(choice)
        self._reveal = choice.hit.mapped_path
        self.take_expression(choice.hit.mapped_path)
        self._notify(f"{escape_controls(choice.hit.mapped_path)} on {escape_controls(where)}")

    def evaluated(self, evaluation: Evaluation) -> None:
        """The editor evaluated: after a search jump, open the tree down to the hit's node
        and put the cursor on it (scrolled into view), whatever the tree's levels that fit
        opened. Once: the cursor is the person's again; the tree keeps it on that path
        when the hit's row comes after (the workbench loads it in a worker)."""
        if self._reveal is None or evaluation.expression != self._reveal:
            self._reveal = None  # another expression was typed: no jump to finish
            return
        if evaluation.located:
            self._reveal = None
            self.host.tree.reveal(evaluation.located[0])

    # -- go to a record ----------------------------------------------------------------------

    def go_to_record(self) -> None:
        typed = self.record.value if self.record else ""
        self.host.app.push_screen(GoToRecordDialog(typed), self._record_asked)

    def _record_asked(self, value: str | None) -> None:
        if value is not None:
            self.host.run_worker(partial(self._look_up, value), group="record", exclusive=True)

    async def _look_up(self, value: str) -> None:
        asked_when = self._records_forgotten
        try:
            found = await self.finder.find_record(value)
        except FieldmapError as error:
            self._failed(error, "Cannot go to the record")
            return
        if asked_when != self._records_forgotten:
            return
        self.record = found
        self.host.show_context_bar()
        if not found.rows:
            self._notify(f"No row holds {escape_controls(value)} at "
                         f"{len(found.paths):,} identifying paths.", "warning")  # fmt: skip
            return
        self._show_match(found.next_row(self.finder.current_row() - 1))

    def forget_record(self) -> None:
        """Other rows are shown (another connector): the record's rows are not theirs."""
        self.record = None
        self._records_forgotten += 1

    def record_match(self, direction: int) -> None:
        if self.record is not None:
            self._show_match(self.record.next_row(self.finder.current_row(), direction))

    def _show_match(self, row: int | None) -> None:
        record = self.record
        if record is None or row is None:
            return
        self.finder.show_row(row)
        self.host.show_context_bar()  # the row may be the one shown already
        match = record.rows.index(row) + 1
        more = (
            "" if len(record.rows) == 1 else f" (match {match:,} of {record.rows_matching:,}, n/N)"
        )
        path = escape_controls(record.found_by.get(row, ""))
        latest = "; only the latest row was looked in" if record.only_latest_row else ""
        self._notify(f"{record.position(row)}{more}: {path}{latest}", markup=False)

    def record_note(self, row: int) -> Content:
        """What the context bar adds to `row 1,734/5,000` when the row shown is one of the
        record's (so the position stays once the notification is gone): ` · 22733`, or
        ` · match 1/3 · Ann Lee`; short, to fit 80 columns. Empty on another row."""
        record = self.record
        if record is None or row not in record.rows:
            return Content()
        value = plain(cut(record.value, NOTE_VALUE_CHARS))
        if len(record.rows) > 1:
            rank = f"match {record.rows.index(row) + 1:,}/{record.rows_matching:,}"
            value = Content(f"{rank} · ") + value
        return Content(" · ") + value.stylize("bold")

    # -- fallbacks under the coverage --------------------------------------------------------

    def coverage_changed(self, coverage: Coverage | None) -> None:
        """A coverage came (or went): keep a filling expression, suggest fallbacks."""
        self.host.fallbacks.suggestions = None
        if coverage is None:
            return
        if coverage.non_null:
            self.host.run_worker(partial(self._keep_in_history, coverage.json_path),
                                 group="history")  # fmt: skip
        if coverage.non_null < coverage.rows:
            self.host.run_worker(partial(self._suggest_fallbacks, coverage.json_path),
                                 group="fallbacks", exclusive=True)  # fmt: skip

    async def _suggest_fallbacks(self, expression: str) -> None:
        try:
            found = await self.finder.suggest_fallbacks(expression)
        except FieldmapError:
            return  # the coverage says what is wrong with the expression
        if self.host.editor.expression == expression:
            self.host.fallbacks.suggestions = found

    def take_fallback(self) -> None:
        found: FallbackSuggestions | None = self.host.fallbacks.suggestions
        if found is None or not found.suggestions:
            self._notify("No fallback: the expression fills every row, or none helps.",
                         "warning")  # fmt: skip
            return
        self.take_expression(found.suggestions[0].expression)

    # -- what the unified API returns ---------------------------------------------------------

    def unified_output(self) -> None:
        self.host.run_worker(self._unified_output, group="unified-output", exclusive=True)

    async def _unified_output(self) -> None:
        from fieldmap.tui.dialogs.unified_output import UnifiedOutputDialog

        try:
            output = await self.finder.unified_output()
        except FieldmapError as error:
            self._failed(error, "Cannot compute the output")
            return
        if output is None:
            self._notify("Choose a connector: the output is of its configuration.", "warning")
            return
        self.host.app.push_screen(UnifiedOutputDialog(output), self._unified_output_closed)

    def _unified_output_closed(self, text: str | None) -> None:
        if text is not None:
            self.host.app.copy_to_clipboard(text)
            self._notify("Copied the custom_fields object as JSON.")

    # -- the expressions typed before --------------------------------------------------------

    def expression_history(self) -> ExpressionHistory | None:
        return getattr(self.host.app, "history", None)

    async def _keep_in_history(self, expression: str) -> None:
        history, context = self.expression_history(), self.finder.history_context()
        if history is None or context is None:
            return
        try:
            await asyncio.to_thread(history.add, *context, expression)
        except FieldmapError as error:
            self._failed(error, "Cannot keep the expression", "warning")

    def history_back(self) -> None:
        self.host.run_worker(self._history_back, group="history-walk", exclusive=True)

    async def _history_back(self) -> None:
        history, context = self.expression_history(), self.finder.history_context()
        if history is None or context is None:
            return
        if not self.host.editor.expression or self._walked is None:
            self._walked = await asyncio.to_thread(history.expressions, *context)
            self._walk_at = -1
        if self._walk_at + 1 >= len(self._walked):
            self._notify("No older expression typed here.")
            return
        self._walk_at += 1
        self.host.editor.set_expression(self._walked[self._walk_at])

    def _walked_expression(self) -> str:
        return self._walked[self._walk_at] if self._walked and self._walk_at >= 0 else ""
