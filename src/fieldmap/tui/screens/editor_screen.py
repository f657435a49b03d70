"""A screen of panes (tabs when narrow) with a payload tree and the editor pane (the
editor, why null, coverage), and what it does with them: switch panes, copy the path or
the value (OSC 52, so it works over SSH), choose a path suggested for a null, pick another
form of an array path; finding the data, by the part it owns (`self.finding`). The base of
the workbench and of `fieldmap explore`, which say which panes they have, how the coverage
is computed and where the data is found (`make_finder()`)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static, Tabs

from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.find_operations import RecordResult
from fieldmap.core.history import ExpressionHistory
from fieldmap.core.lazy_json import json_default
from fieldmap.core.path_forms import array_forms
from fieldmap.core.row_models import Coverage
from fieldmap.core.why_null import NullExplanation
from fieldmap.tui.commands import HistoryCommands
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.screens.finders import Finder
from fieldmap.tui.screens.finding import Finding
from fieldmap.tui.screens.panes import EDITOR, PAYLOAD, Pane, focus_order, pane_of, tabs
from fieldmap.tui.widgets.coverage_panel import CoveragePanel
from fieldmap.tui.widgets.fallback_panel import FallbackPanel
from fieldmap.tui.widgets.path_editor import Evaluation, PathEditor
from fieldmap.tui.widgets.path_list import PATHS_NOTICE, PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree
from fieldmap.tui.widgets.why_null_panel import WhyNullPanel, with_suggestion

COVERAGE_DEBOUNCE_SECONDS = 0.3
"""Typing on within this cancels the coverage of what was typed before."""
PROGRESS_INTERVAL_SECONDS = 0.25
"""The coverage's progress shows at most this often (a few updates a second)."""

Progress = Callable[[int, int], None]
"""Told rows done and rows in all while the coverage is computed."""


class EditorScreen(Screen[None]):
    """Composes `editor_pane()`, a `PayloadTree`, a `PathList`, the panes of `PANES` and
    their tabs (`context_bar_and_tabs()`); says how coverage is measured over its rows."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    AUTO_FOCUS = "#payload-tree"
    PANES: ClassVar[tuple[Pane, ...]]
    """The screen's panes, in the order tab walks them."""

    active_pane: reactive[str] = reactive("payload", init=False)
    """The pane shown (narrow) and marked active."""

    coverage: reactive[Coverage | None] = reactive(None, always_update=True, init=False)
    """The editor's expression across the rows."""
    coverage_progress: reactive[tuple[int, int] | None] = reactive(None, init=False)
    """Rows done and rows in all while the coverage is computed."""
    null_explanation: reactive[NullExplanation | None] = reactive(None, init=False)
    """Why the editor's expression is null on the row shown."""
    has_document: reactive[bool] = reactive(False, init=False)
    """Whether a row is shown (set before `document`: None is a JSON document too)."""
    document: reactive[Any] = reactive(None, always_update=True, init=False)
    """The row shown, which the editor's expression runs against."""
    paths_notice: reactive[str] = reactive(PATHS_NOTICE, always_update=True, init=False)
    """What the paths pane says while it has no paths."""

    tree = getters.query_one(PayloadTree)
    editor = getters.query_one(PathEditor)
    why_null = getters.query_one(WhyNullPanel)
    tabs = getters.query_one("#pane-tabs", Tabs)
    context_bar = getters.query_one("#context-bar", Static)
    path_list = getters.query_one(PathList)
    payload = getters.query_one(PayloadPane)
    fallbacks = getters.query_one(FallbackPanel)

    def __init__(self) -> None:
        super().__init__()
        self._covered: tuple[object, ...] | None = None
        """What the coverage shown (or being computed) is of: `coverage_key()`."""
        self.finding = Finding(self, self.make_finder)

    def make_finder(self) -> Finder:
        """Where the data is found (made on first use)."""
        raise NotImplementedError

    def context_bar_and_tabs(self) -> ComposeResult:
        """The top lines: what is shown, and the panes' tabs (narrow; the payload's first)."""
        yield Static(id="context-bar", markup=False)
        pane_tabs = Tabs(*tabs(self.PANES), active=PAYLOAD.tab_id, id="pane-tabs")
        pane_tabs.can_focus = False  # keys switch panes (1-5, tab); the tabs are for the mouse
        yield pane_tabs

    def editor_pane(self) -> ComposeResult:
        with Vertical(id=EDITOR.id) as editor_pane:
            editor_pane.border_title = EDITOR.title
            yield PathEditor(id="path-editor").data_bind(
                EditorScreen.has_document, EditorScreen.document
            )
            yield WhyNullPanel(choose_hint="↓ or s chooses", id="why-null").data_bind(
                EditorScreen.coverage, explanation=EditorScreen.null_explanation
            )
            yield from self.editor_extras()
            yield CoveragePanel(jump_hint="f/F shows them", id="coverage").data_bind(
                EditorScreen.coverage, progress=EditorScreen.coverage_progress
            )
            yield FallbackPanel(id="fallbacks")

    def editor_extras(self) -> ComposeResult:
        """What a screen adds to the editor pane, above the coverage."""
        yield from ()

    def show_row(self, document: Any, *, shown: bool = True) -> None:
        """Show `document` (or no row): the editor and the panes bound to it follow."""
        self.has_document = shown
        self.document = document if shown else None

    # -- panes -------------------------------------------------------------------------------

    def watch_active_pane(self, pane: str) -> None:
        for each in self._tabbed_panes():
            self.query_one(f"#{each.id}").set_class(each.name == pane, "-active")
        # Setting the tab posts TabActivated, which would set the pane again: a loop.
        with self.tabs.prevent(Tabs.TabActivated):
            self.tabs.active = f"tab-{pane}"

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id is not None:
            self.active_pane = event.tab.id.removeprefix("tab-")

    def _tabbed_panes(self) -> list[Pane]:
        return [pane for pane in self.PANES if pane.tab is not None]

    def action_show_pane(self, pane: str) -> None:
        self.active_pane = pane
        chosen = next(p for p in self.PANES if p.name == pane)
        self.focus_now(self.query_one(chosen.focus[0]))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = pane_of(self.PANES, event.widget)
        if pane is not None and pane.tab is not None:
            self.active_pane = pane.name

    def action_cycle_focus(self, direction: int) -> None:
        widgets = [self.query_one(selector) for selector in focus_order(self.PANES)]
        reachable = [w for w in widgets if w.display and w.can_focus and not w.disabled]
        if not reachable:
            return
        current = self.focused
        index = reachable.index(current) if current in reachable else -1
        target = reachable[(index + direction) % len(reachable)]
        if (pane := pane_of(self.PANES, target)) is not None and pane.tab is not None:
            self.active_pane = pane.name
        self.focus_now(target)

    def help_sections(self) -> list[tuple[str, list[BindingType], tuple[tuple[str, str], ...]]]:
        """The help's sections: the screen's own keys, then each pane's."""
        everywhere = [*self.BINDINGS, *self.app.BINDINGS]
        return [
            ("Everywhere", everywhere, ()),
            *((p.help_title, p.help_bindings(), p.built_in) for p in self.PANES),
        ]

    def focus_now(self, widget: Widget) -> None:
        """Focus a widget of a pane that is being shown. At once, not after the refresh:
        the widget losing the focus would otherwise be hidden first and hand the focus
        on; not scrolled to, since the pane is not laid out yet."""
        self.set_focus(widget, scroll_visible=False)

    def action_focus_editor(self) -> None:
        self.editor.path_input.focus()

    def in_editor(self) -> bool:
        return self.focused is not None and self.editor in self.focused.ancestors_with_self

    def action_leave_editor(self) -> None:
        if self.in_editor():
            self.action_show_pane("payload")

    # -- paths into the editor ---------------------------------------------------------------

    @on(PayloadTree.PathPicked)
    def _path_picked(self, event: PayloadTree.PathPicked) -> None:
        self.editor.set_expression(event.path)

    @on(PathList.PathChosen)
    def _discovered_path_chosen(self, event: PathList.PathChosen) -> None:
        self.editor.set_expression(event.path)
        self.action_focus_editor()

    # -- the editor's actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (allowed := self.finding.check_action(action)) is not None:
            return allowed
        if action == "leave_editor":
            return self.in_editor()
        if action == "suggestions_below":  # ↓ leaves the editor only for the suggestions
            return self.focused is self.editor.path_input and self._has_suggestions()
        return True

    def _has_suggestions(self) -> bool:
        return self.why_null.display and self.why_null.suggestions.option_count > 0

    def action_copy_path(self) -> None:
        expression = self.editor.expression or (
            entry.path if (entry := self.tree.cursor_entry) else ""
        )
        if not expression:
            self.notify("Nothing to copy: the editor is empty.", severity="warning")
            return
        self.app.copy_to_clipboard(expression)
        self.notify(f"Copied the path {escape_controls(expression)}", markup=False)

    def action_copy_value(self) -> None:
        evaluation = self.editor.evaluation
        if not isinstance(evaluation.outcome, jmes.Resolved):
            self.notify("Nothing to copy: no value resolved.", severity="warning")
            return
        self.app.copy_to_clipboard(
            json.dumps(evaluation.value, ensure_ascii=False, default=json_default)
        )
        self.notify("Copied the value as JSON.")

    def action_suggestions(self) -> None:
        if not self._has_suggestions():
            self.notify("No suggested path: the expression is not null here.", severity="warning")
            return
        self.action_suggestions_below()

    def action_suggestions_below(self) -> None:
        self.why_null.suggestions.highlighted = 0
        self.why_null.suggestions.focus()

    @on(WhyNullPanel.SuggestionChosen)
    def _suggestion_chosen(self, event: WhyNullPanel.SuggestionChosen) -> None:
        self.editor.set_expression(with_suggestion(self.editor.expression, event.path))
        self.editor.path_input.focus()

    @work(exclusive=True, group="path-forms")
    async def action_path_forms(self) -> None:
        from fieldmap.tui.dialogs.path_forms import PathFormsDialog

        entry = self.tree.cursor_entry
        if entry is None:
            return
        forms = await asyncio.to_thread(array_forms, entry.steps, self.tree.document)
        if not forms:
            self.notify("This node is not an array, nor inside one.", severity="warning")
            return
        self.app.push_screen(PathFormsDialog(forms), self._path_form_chosen)

    def _path_form_chosen(self, path: str | None) -> None:
        if path is not None:
            self.editor.set_expression(path)

    # -- finding the data (the part's; keys in find_keys.py) --------------------------------

    def action_search_everywhere(self) -> None:
        self.finding.search_everywhere()

    def action_go_to_record(self) -> None:
        self.finding.go_to_record()

    def action_record_match(self, direction: int) -> None:
        self.finding.record_match(direction)

    def action_take_fallback(self) -> None:
        self.finding.take_fallback()

    def action_unified_output(self) -> None:
        self.finding.unified_output()

    def action_history_back(self) -> None:
        self.finding.history_back()

    @property
    def record(self) -> RecordResult | None:
        """The rows of the last record looked up."""
        return self.finding.record

    def expression_history(self) -> ExpressionHistory | None:
        """What `HistoryCommands` searches (None: nothing is kept)."""
        return self.finding.expression_history()

    @on(HistoryCommands.ExpressionChosen)
    def _history_expression_chosen(self, event: HistoryCommands.ExpressionChosen) -> None:
        self.finding.take_expression(event.expression)

    # -- coverage across the rows ------------------------------------------------------------

    def follow_evaluation(self, evaluation: Evaluation) -> None:
        """The current row's value shows: mark it, explain a null, then cover the rows."""
        self.tree.mark_selected(evaluation.located)
        self.finding.evaluated(evaluation)
        self.null_explanation = evaluation.explanation
        key = self.coverage_key(evaluation.expression)
        if not isinstance(evaluation.outcome, jmes.Resolved) or key is None:
            self._covered = None
            self.workers.cancel_group(self, "coverage")
            self.coverage_progress, self.coverage = None, None
            return
        if key == self._covered:
            return  # another row of the same rows: the coverage stands
        self._covered = key
        self.coverage = None  # not the previous expression's figures meanwhile
        self.coverage_progress = (0, self.row_count())
        self._cover(evaluation.expression)

    def forget_coverage(self) -> None:
        """Compute the coverage again on the next evaluation (the rows may have changed)."""
        self._covered = None

    @on(PathEditor.Evaluated)
    def _evaluated(self, event: PathEditor.Evaluated) -> None:
        self.follow_evaluation(event.evaluation)

    @work(exclusive=True, group="coverage")
    async def _cover(self, expression: str) -> None:
        await asyncio.sleep(COVERAGE_DEBOUNCE_SECONDS)  # typing on cancels this worker
        shown_at = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal shown_at
            if (now := time.monotonic()) - shown_at >= PROGRESS_INTERVAL_SECONDS:
                shown_at, self.coverage_progress = now, (done, total)

        try:
            coverage = await self.measure_coverage(expression, progress)
        except FieldmapError as error:
            self._covered = None
            self.notify(
                escape_controls(error.message),
                title="Cannot compute the coverage",
                severity="error",
                markup=False,
            )
            coverage = None
        self.coverage_progress, self.coverage = None, coverage

    def coverage_key(self, expression: str) -> tuple[object, ...] | None:
        """What the coverage of `expression` depends on (not the row shown), or None when
        there are no rows to cover."""
        raise NotImplementedError

    def row_count(self) -> int:
        raise NotImplementedError

    async def measure_coverage(self, expression: str, progress: Progress) -> Coverage:
        """`expression` over every row, telling `progress` (on the app's thread)."""
        raise NotImplementedError
