"""A screen of panes (tabs when narrow) with a payload tree and the editor pane (the
editor, why null, coverage), and what it does with them: switch panes, copy the path or
the value (OSC 52, so it works over SSH), choose a path suggested for a null, pick another
form of an array path. The base of the workbench and of `fieldmap explore`, which say
which panes they have and how the coverage is computed."""

from __future__ import annotations

import asyncio
import json
from typing import ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static, Tab, Tabs

from fieldmap.core import jmes
from fieldmap.core.models import Coverage
from fieldmap.core.path_forms import array_forms
from fieldmap.core.why_null import NullExplanation
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.widgets.coverage_panel import CoveragePanel
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_tree import PayloadTree
from fieldmap.tui.widgets.why_null_panel import WhyNullPanel, with_suggestion

EDITOR_BINDINGS = [
    Binding(
        "f",
        "failing_row(1)",
        "Next failing",
        show=False,
        id="editor.next_failing_row",
        tooltip="Show the next row where the editor's expression is null or fails",
    ),
    Binding(
        "F",
        "failing_row(-1)",
        "Prev failing",
        show=False,
        id="editor.previous_failing_row",
        tooltip="Show the previous row where the editor's expression is null or fails",
    ),
    Binding(
        "2",
        "show_pane('payload')",
        "Payload",
        show=False,
        id="editor.pane_payload",
        tooltip="Go to the raw payload tree",
    ),
    Binding(
        "4",
        "focus_editor",
        "Editor",
        show=False,
        id="editor.pane_editor",
        tooltip="Go to the JMESPath editor",
    ),
    Binding(
        "5",
        "show_pane('paths')",
        "Paths",
        show=False,
        id="editor.pane_paths",
        tooltip="Go to the paths found across the rows (their filter: type to filter)",
    ),
    Binding(
        "y",
        "copy_path",
        "Copy path",
        show=False,
        id="editor.copy_path",
        tooltip="Copy the editor's expression to the clipboard (OSC 52)",
    ),
    Binding(
        "Y",
        "copy_value",
        "Copy value",
        show=False,
        id="editor.copy_value",
        tooltip="Copy the resolved value, as JSON, to the clipboard (OSC 52)",
    ),
    Binding(
        "s",
        "suggestions",
        "Suggestions",
        show=False,
        id="editor.suggestions",
        tooltip="Choose among the paths suggested for a null result",
    ),
    Binding(
        "down",
        "suggestions_below",
        "Suggestions",
        show=False,
        id="editor.down_to_suggestions",
        tooltip="In the editor: go down to the paths suggested for a null result",
    ),
    Binding(
        "a",
        "path_forms",
        "Alternatives",
        show=False,
        id="editor.path_forms",
        tooltip="Index, projection and filter forms of the array node under the cursor",
    ),
]
"""Listed by each screen in its own BINDINGS, so that its help shows them in order;
each screen has `action_failing_row(direction)`."""


class EditorScreen(Screen[None]):
    """Composes `editor_pane()`, a `PayloadTree`, a `PathList`, the panes of `PANE_FOCUS`
    (each with the id `{name}-pane`) and their `#pane-tabs` (tab ids `tab-{name}`)."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    AUTO_FOCUS = "#payload-tree"
    PANE_FOCUS: ClassVar[dict[str, str]]
    """Each pane's name, and the selector of the widget that takes the focus in it."""

    active_pane: reactive[str] = reactive("payload", init=False)
    """The pane shown (narrow) and marked active."""

    coverage: reactive[Coverage | None] = reactive(None, always_update=True, init=False)
    """The editor's expression across the rows."""
    coverage_progress: reactive[tuple[int, int] | None] = reactive(None, init=False)
    """Rows done and rows in all while the coverage is computed."""
    null_explanation: reactive[NullExplanation | None] = reactive(None, init=False)
    """Why the editor's expression is null on the row shown."""

    tree = getters.query_one(PayloadTree)
    editor = getters.query_one(PathEditor)
    why_null = getters.query_one(WhyNullPanel)
    tabs = getters.query_one("#pane-tabs", Tabs)
    context_bar = getters.query_one("#context-bar", Static)
    path_list = getters.query_one(PathList)

    def context_bar_and_tabs(self, *tabs: Tab) -> ComposeResult:
        """The top lines: what is shown, and the panes' tabs (narrow; the payload's first)."""
        yield Static(id="context-bar", markup=False)
        pane_tabs = Tabs(*tabs, active="tab-payload", id="pane-tabs")
        pane_tabs.can_focus = False  # keys switch panes (1-5, tab); the tabs are for the mouse
        yield pane_tabs

    def editor_pane(self) -> ComposeResult:
        with Vertical(id="editor-pane") as editor_pane:
            editor_pane.border_title = "4 JMESPath"
            yield PathEditor(id="path-editor")
            yield WhyNullPanel(choose_hint="↓ or s chooses", id="why-null").data_bind(
                EditorScreen.coverage, explanation=EditorScreen.null_explanation
            )
            yield CoveragePanel(jump_hint="f/F shows them", id="coverage").data_bind(
                EditorScreen.coverage, progress=EditorScreen.coverage_progress
            )

    # -- panes -------------------------------------------------------------------------------

    def watch_active_pane(self, pane: str) -> None:
        for name in self.PANE_FOCUS:
            self.query_one(f"#{name}-pane").set_class(name == pane, "-active")
        # Setting the tab posts TabActivated, which would set the pane again: a loop.
        with self.tabs.prevent(Tabs.TabActivated):
            self.tabs.active = f"tab-{pane}"

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id is not None:
            self.active_pane = event.tab.id.removeprefix("tab-")

    def action_show_pane(self, pane: str) -> None:
        self.active_pane = pane
        self.focus_now(self.query_one(self.PANE_FOCUS[pane]))

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
        self.app.copy_to_clipboard(json.dumps(evaluation.value, ensure_ascii=False))
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
