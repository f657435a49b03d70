"""Path discovery: every leaf path of the rows, filtered as the user types.

Backend-free: it shows the `DiscoveredPath`s it is given and marks the paths a mapping uses;
Enter posts `PathChosen` (into the editor), `c` posts `CreateFieldRequested` with a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from fieldmap.core.naming import suggest_field_name
from fieldmap.core.row_models import DiscoveredPath
from fieldmap.tui.columns import cut_path, share_width, show_whole_path
from fieldmap.tui.literal import cut, escape_controls, json_preview

USED_MARK = "✓"
FILL_WIDTH = 5
MIN_COLUMN_WIDTH = 5
MAX_SAMPLE_WIDTH = 40  # what a sample may ask for when columns share the width


def fill_label(rate: float) -> str:
    """A fill rate as a percentage that never rounds a gap away (99.9% is not 100%)."""
    if 0 < rate < 0.01:
        return "<1%"
    percent = round(rate * 100)
    return f"{99 if percent == 100 and rate < 1 else percent}%"


PATHS_NOTICE = "Choose an integration or a connector."


class PathList(Vertical):
    """The discovered paths of the rows; `used` are the paths mappings already read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c",
            "create_field",
            "Create field",
            id="paths.create_field",
            tooltip="Create a custom field named after the selected path and map it to it",
        ),
        Binding(
            "n",
            "create_field(False)",
            "New field",
            id="paths.new_field",
            tooltip="Create a custom field named after the selected path, its type proposed"
            " from the path's values (not mapped)",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="paths.filter",
            tooltip="Filter the paths by what they contain",
        ),
        Binding(
            "down",
            "to_list",
            "To the list",
            show=False,
            id="paths.to_list",
            tooltip="In the filter: go down to the paths",
        ),
        Binding(
            "escape",
            "leave_filter",
            "Leave filter",
            show=False,
            id="paths.leave_filter",
            tooltip="Leave the filter (keeping it) for the list; an empty result clears it",
        ),
    ]

    paths: reactive[list[DiscoveredPath] | None] = reactive(None, always_update=True, init=False)
    """The discovered paths, most filled first; None while there is nothing to show."""
    used: reactive[frozenset[str]] = reactive(frozenset, init=False)
    """The paths mappings of the context use, marked in the list."""
    notice: reactive[str] = reactive(PATHS_NOTICE)
    """What stands in for the list when there are no paths (loading, nothing chosen, errors)."""

    filter_input = getters.query_one("#paths-filter", Input)
    table = getters.query_one("#paths-table", DataTable)
    empty = getters.query_one("#paths-empty", Static)
    detail = getters.query_one("#paths-detail", Static)

    @dataclass
    class PathChosen(Message):
        """Enter on a path: put it into the editor."""

        path: str

    @dataclass
    class CreateFieldRequested(Message):
        """Create a custom field called `name` (typed as `path`'s values suggest) and,
        with `map_it`, map it to `path`."""

        path: str
        name: str
        map_it: bool = True

    def __init__(
        self, *, creates_fields: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.creates_fields = creates_fields
        self.shown: list[DiscoveredPath] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter paths (↓ to the list)", compact=True, id="paths-filter")
        yield DataTable(cursor_type="row", id="paths-table")
        yield Static(id="paths-detail", markup=False)
        yield Static(id="paths-empty", markup=False)

    def on_mount(self) -> None:
        self._show_rows()

    @property
    def selected_path(self) -> DiscoveredPath | None:
        row = self.table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def watch_paths(self) -> None:
        self._show_rows()

    def watch_used(self) -> None:
        self._show_rows()

    def watch_notice(self) -> None:
        self._show_rows()

    def on_resize(self) -> None:
        self._show_rows()

    @on(Input.Changed, "#paths-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_rows()

    @on(Input.Submitted, "#paths-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if (chosen := self.selected_path) is not None:
            self.post_message(self.PathChosen(chosen.path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not handled otherwise, so the table and the screen get the key.
        if action == "to_list":
            return self.filter_input.has_focus and bool(self.shown)
        if action == "leave_filter":
            return self.filter_input.has_focus
        return self.creates_fields if action == "create_field" else True

    def action_to_list(self) -> None:
        self.table.focus()

    def action_leave_filter(self) -> None:
        # Like the editor and the payload search, Esc leaves the filter (keeping what it
        # holds) for the list, where the pane's keys and q work again.
        if not self.shown:
            self.filter_input.clear()  # shows every path again
            self._show_rows()
        if self.shown:
            self.table.focus()
        else:
            self.filter_input.blur()

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_create_field(self, map_it: bool = True) -> None:
        chosen = self.selected_path
        if chosen is None:
            self.notify("No path selected.", severity="warning")
            return
        name = suggest_field_name(chosen.path)
        self.post_message(self.CreateFieldRequested(chosen.path, name, map_it))

    @on(DataTable.RowSelected, "#paths-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (chosen := self.selected_path) is not None:
            self.post_message(self.PathChosen(chosen.path))

    # -- rendering ---------------------------------------------------------------------------

    def _show_rows(self) -> None:
        if not self.is_mounted:
            return
        query = self.filter_input.value.strip().lower()
        paths = self.paths or []
        self.shown = [p for p in paths if query in p.path.lower()] if query else list(paths)
        table = self.table
        keep = self.selected_path.path if self.selected_path else None
        widths = self._column_widths()
        path_width, types_width, sample_width = widths
        table.clear(columns=True)
        table.add_column(USED_MARK, width=1, key="used")
        table.add_column("Path", width=path_width, key="path")
        table.add_column("Types", width=types_width, key="types")
        table.add_column("Fill", width=FILL_WIDTH, key="fill")
        table.add_column("Sample", width=sample_width, key="sample")
        for found in self.shown:
            table.add_row(*self._cells(found, widths), key=found.path)
        if keep is not None and keep in (ids := [p.path for p in self.shown]):
            table.move_cursor(row=ids.index(keep))
        self._show_summary(len(paths))
        self._show_detail()

    def _cells(self, found: DiscoveredPath, widths: tuple[int, int, int]) -> tuple[Text, ...]:
        path_width, types_width, sample_width = widths
        return (
            Text(USED_MARK if found.path in self.used else " ", "bold"),
            Text(cut_path(escape_controls(found.path), path_width)),
            Text(cut(", ".join(found.types), types_width), "dim"),
            Text(fill_label(found.fill_rate), justify="right"),
            Text(json_preview(found.sample, sample_width)),
        )

    def _column_widths(self) -> tuple[int, int, int]:
        """Path, types and sample widths, shared by what the shown paths hold."""
        shown = self.shown
        wanted = [
            max((len(escape_controls(p.path)) for p in shown), default=4),
            max((len(", ".join(p.types)) for p in shown), default=5),
            max((len(json_preview(p.sample, MAX_SAMPLE_WIDTH)) for p in shown), default=6),
        ]
        # Each column pads one cell either side; keep room for the vertical scrollbar.
        scrollbar = self.table.styles.scrollbar_size_vertical
        rest = self.content_size.width - 1 - FILL_WIDTH - 2 * 5 - scrollbar
        # Short of room, the sample gives way first, then the path (types are short).
        path_width, types_width, sample_width = share_width(
            wanted, rest, MIN_COLUMN_WIDTH, give_way=[2, 0, 1]
        )
        return path_width, types_width, sample_width

    @on(DataTable.RowHighlighted, "#paths-table")
    def _show_detail(self) -> None:
        """The selected path whole, under the list, when its cell had to cut it."""
        chosen = self.selected_path
        show_whole_path(self.detail, self.table, escape_controls(chosen.path) if chosen else "")

    def _show_summary(self, total: int) -> None:
        shown = len(self.shown)
        counted = f"{shown} of {total} paths" if shown != total else f"{total} paths"
        legend = f" · {USED_MARK} mapped" if self.used else ""
        self.border_subtitle = f"{counted}{legend}" if total else ""
        if self.paths is None:
            message = self.notice
        elif not total:
            message = "The rows have no leaf path."
        elif not shown:
            message = "No path contains this text."
        else:
            message = ""
        self.empty.update(Content.styled(message, "italic"))
        self.empty.display = bool(message)
        self.table.display = bool(shown)
