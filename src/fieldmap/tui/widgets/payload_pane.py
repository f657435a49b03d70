"""The raw payload pane: where the row comes from, the tree, the cursor's path and search."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from fieldmap.core import jmes
from fieldmap.core.locate import Steps, find
from fieldmap.core.row_models import RawData
from fieldmap.tui.literal import cut_start, escape_controls, plain
from fieldmap.tui.widgets.payload_tree import PayloadTree

SEARCH_DEBOUNCE_SECONDS = 0.15


PAYLOAD_NOTICE = "Choose a model, then an integration or a connector."


class PayloadPane(Vertical):
    """Shows `raw` as a tree; `/` searches its keys and values."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            id="payload.search",
            tooltip="Search keys and values of the raw payload",
        ),
        Binding(
            "down",
            "next_match(1)",
            "Next match",
            show=False,
            id="payload.next_match",
            tooltip="In the search: go to the next match",
        ),
        Binding(
            "up",
            "next_match(-1)",
            "Previous match",
            show=False,
            id="payload.previous_match",
            tooltip="In the search: go to the previous match",
        ),
        Binding(
            "escape",
            "close_search",
            "Close search",
            show=False,
            id="payload.close_search",
            tooltip="Close the search, back to the tree",
        ),
    ]

    raw: reactive[RawData | None] = reactive(None, always_update=True, init=False)
    notice: reactive[str] = reactive(PAYLOAD_NOTICE)
    """What stands in for the tree when there is no row (loading, nothing chosen, an error)."""

    tree = getters.query_one(PayloadTree)
    source = getters.query_one("#payload-source", Static)
    path_line = getters.query_one("#payload-path", Static)
    search_input = getters.query_one("#payload-search", Input)

    def __init__(
        self, *, source_label: str = "", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.source_label = source_label
        """Where the rows come from, in place of the raw data source (a file's name)."""
        self.shape: object = None
        """What rows of the same shape share (the tree reopens the nodes open in the last)."""
        self.matches: list[Steps] = []
        self.match_index = -1
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="payload-source", markup=False)
        yield PayloadTree(id="payload-tree")
        yield Static(id="payload-path", markup=False)
        yield Input(
            placeholder="Search keys and values (Enter/↓ next, ↑ previous, Esc done)",
            compact=True,
            id="payload-search",
        )

    def on_mount(self) -> None:
        self.search_input.display = False
        self._show_notice()

    def watch_raw(self, raw: RawData | None) -> None:
        self.tree.display = raw is not None
        if raw is None:
            self._show_notice()
            return
        self.tree.show(raw.data, self.shape)
        self.source.update(_describe_source(raw, self.source_label or raw.source.value))
        if (entry := self.tree.cursor_entry) is not None:
            self._show_path(entry.steps)
        if self.search_input.display:
            self._search(self.search_input.value)

    def watch_notice(self) -> None:
        if self.raw is None:
            self._show_notice()

    def _show_notice(self) -> None:
        if not self.is_mounted:
            return
        self.source.update(plain(self.notice).stylize("italic"))
        self.path_line.update("")

    @property
    def document(self) -> Any:
        return self.raw.data if self.raw is not None else None

    # -- the cursor's path -------------------------------------------------------------------

    @on(PayloadTree.PathHighlighted)
    def _highlighted(self, event: PayloadTree.PathHighlighted) -> None:
        event.stop()
        self._show_path(event.steps)

    def _show_path(self, steps: Steps) -> None:
        """The path of the node at `steps`, with its rank when it is the current match."""
        label = ("path ", "dim")
        searching = self.search_input.display and 0 <= self.match_index < len(self.matches)
        if searching and self.matches[self.match_index] == steps:
            label = (f"match {self.match_index + 1} of {len(self.matches)}  ", "bold")
        path = escape_controls(jmes.path_of(steps))
        room = self.path_line.content_size.width - len(label[0])
        if room > 0:  # the end of a path says most: cut its start
            path = cut_start(path, room)
        self.path_line.update(Content.assemble(label, path))

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        if self.raw is None:
            return
        self.search_input.display = True
        self.search_input.focus()

    @on(Input.Changed, "#payload-search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DEBOUNCE_SECONDS, lambda: self._search_after_pause(event.value)
        )

    def _search_after_pause(self, query: str) -> None:
        self._search_timer = None  # done: Enter now moves to the next match
        self._search(query)

    @on(Input.Submitted, "#payload-search")
    def _next_on_enter(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:  # Enter before the debounce: search now
            self._search_timer.stop()
            self._search_timer = None
            self._search(event.value)
        else:
            self.next_match(1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not handled otherwise, so the tree and the screen get the key.
        if action == "next_match":
            return self.search_input.has_focus
        if action == "close_search":
            return bool(self.search_input.display)
        return True

    def action_next_match(self, step: int) -> None:
        self.next_match(step)

    def action_close_search(self) -> None:
        if self.search_input.display:
            self.search_input.display = False
            self.tree.focus()
            if (entry := self.tree.cursor_entry) is not None:
                self._show_path(entry.steps)

    @work(thread=True, exclusive=True, group="payload-search")
    def _search(self, query: str) -> None:
        document, worker = self.document, get_current_worker()
        matches = find(document, query, cancelled=lambda: worker.is_cancelled) if query else []
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_matches, query, document, matches)

    def _show_matches(self, query: str, document: Any, matches: list[Steps]) -> None:
        if query != self.search_input.value or document is not self.document:
            return  # a newer search is on its way
        self.matches, self.match_index = matches, -1
        if matches:
            self.next_match(1)
        else:
            missing = "no match in this row: ctrl+f searches every row and connector"
            self.path_line.update(Content.styled(missing if query else "", "italic"))

    def next_match(self, direction: int) -> None:
        """Move the tree's cursor to the next (1) or previous (-1) match."""
        if not self.matches:
            return
        self.match_index = (self.match_index + direction) % len(self.matches)
        steps = self.matches[self.match_index]
        self.tree.reveal(steps)
        self._show_path(steps)


def _describe_source(raw: RawData, label: str) -> Content:
    parts = [plain(label).stylize("bold")]
    if raw.row_count > 1:
        parts.append(Content(f"row {raw.row_index + 1:,} of {raw.row_count:,}  ([ ] to move)"))
    return Content(" · ").join(parts)
