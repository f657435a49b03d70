"""Fitting table cells into a pane: columns share the width by what they hold, and a path
cut to fit keeps its leaf and as much of its head as fits."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from fieldmap.tui.literal import cut_start


def share_width(wanted: list[int], available: int, minimum: int, give_way: list[int]) -> list[int]:
    """Widths for columns that would each like `wanted` cells, within `available`: each
    takes what it holds; when they do not all fit, the columns of `give_way` (indices, in
    that order) shrink, none below `minimum`; room left over goes to the last column."""
    widths = [max(want, minimum) for want in wanted]
    excess = sum(widths) - available
    if excess <= 0:
        widths[-1] -= excess
        return widths
    for index in give_way:
        taken = min(excess, widths[index] - minimum)
        widths[index] -= taken
        excess -= taken
    return widths


def cut_path(path: str, width: int) -> str:
    """`path` in `width` characters: its head, an ellipsis for the middle, and its leaf
    (`Worker_Data…Formatted_Phone`), since the head tells a path from an override's and the
    leaf says what it is; only the end when the leaf alone fills the width."""
    if len(path) <= width:
        return path
    leaf = path[path.rfind(".") + 1 :]
    room = width - len(leaf) - 1  # the ellipsis
    if leaf == path or room < 4:
        return cut_start(path, width)
    head = path[:room]
    # Cut the head after a whole step when it holds one, so no step reads as another.
    if (boundary := head.rfind(".")) > 0:
        head = head[:boundary]
    return f"{head}…{leaf}"


def show_whole_path(detail: Static, table: DataTable, path: str) -> None:
    """Show `path` whole on the `detail` line when the table's "path" column cut it (the
    selected row's, so that the whole path is one cursor move away); hide the line if not."""
    column = table.columns.get(ColumnKey("path"))
    cut_off = table.display and column is not None and len(path) > column.width
    detail.update(Content.assemble(("path ", "dim"), path) if cut_off else "")
    detail.display = cut_off
