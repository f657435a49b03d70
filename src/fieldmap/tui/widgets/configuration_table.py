"""The configuration pane: each custom field, the mapping that wins, and its value on the row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

from rich.style import Style
from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from fieldmap.core.field_types import misfit, spec_of
from fieldmap.core.models import EffectiveField, MappingCounts, MappingScope
from fieldmap.core.row_models import FieldValueError
from fieldmap.core.values import mapped_values
from fieldmap.core.wording import count_of
from fieldmap.tui.columns import cut_path, share_width, show_whole_path
from fieldmap.tui.literal import cut, escape_controls, json_preview, plain
from fieldmap.tui.styling import component_style
from fieldmap.tui.widgets.configuration_keys import CONFIGURATION_BINDINGS

# Each source reads differently in words and in its mark, so colour is never needed.
SOURCE_LABELS = {
    MappingScope.CONNECTOR: ("◆ connector", "configuration--connector"),
    MappingScope.ORGANIZATION: ("● organization", "configuration--organization"),
    None: ("○ unmapped", "configuration--unmapped"),
}
SOURCE_WIDTH = 14
FILL_WIDTH = 7
LOW_FILL = 0.9  # below this share of rows, a fill rate is marked ⚠
MIN_COLUMN_WIDTH = 8
MAX_VALUE_WIDTH = 60  # what a value may ask for when columns share the width


@dataclass(frozen=True, slots=True)
class FieldRow:
    field: EffectiveField
    value: Any  # the value, None when unmapped, or a FieldValueError


CONFIGURATION_NOTICE = "Choose a model and an integration or a connector."


class ConfigurationTable(Vertical):
    """The effective configuration of the context; Enter loads a row's path into the editor."""

    BINDINGS: ClassVar[list[BindingType]] = CONFIGURATION_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "configuration--connector",
        "configuration--organization",
        "configuration--unmapped",
        "configuration--error",
    }

    fields: reactive[list[EffectiveField] | None] = reactive(None, always_update=True, init=False)
    """The fields with their winning mapping; None while there is nothing to show."""
    document: reactive[Any] = reactive(None, always_update=True, init=False)
    """The raw row the values are computed on."""
    fill_rates: reactive[dict[str, float | None]] = reactive(dict, init=False)
    """The share of the context's rows each JSON path fills (None: no rows); a path not in
    it is still being computed."""
    misfit_counts: reactive[dict[str, int]] = reactive(dict, init=False)
    """By path, how many of its values do not fit its field's type (shown with the fill)."""
    has_row: reactive[bool] = reactive(False, init=False)
    """Whether `document` holds a loaded row (values come only from one): set it first."""
    unmapped_only: reactive[bool] = reactive(False, init=False)
    mapping_counts: reactive[dict[UUID, MappingCounts]] = reactive(dict, init=False)
    """How many mappings each field has in all, shown on the selected field's line."""
    notice: reactive[str] = reactive(CONFIGURATION_NOTICE)

    table = getters.query_one("#configuration-table", DataTable)
    heading = getters.query_one("#configuration-heading", Static)
    empty = getters.query_one("#configuration-empty", Static)
    detail = getters.query_one("#configuration-detail", Static)
    whole_path = getters.query_one("#configuration-path", Static)

    @dataclass
    class PathChosen(Message):
        """Enter on a field: use its mapping's path."""

        field: EffectiveField

    class FieldChosen(Message):
        """The user chose another field (the editor checks its type)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[FieldRow] = []
        self.heading_text = ""
        self.chosen_id: UUID | None = None
        """The field the user put the cursor on (the first row is not a choice); kept
        across contexts, so that it is selected again wherever it exists."""

    def compose(self) -> ComposeResult:
        yield Static(id="configuration-heading", markup=False)
        yield DataTable(cursor_type="row", id="configuration-table")
        yield Static(id="configuration-path", markup=False)
        yield Static(id="configuration-empty", markup=False)
        yield Static(id="configuration-detail", markup=False)

    def on_mount(self) -> None:
        self._show_rows()

    @property
    def selected_field(self) -> EffectiveField | None:
        visible = self._visible_rows()
        row = self.table.cursor_row
        return visible[row].field if visible and 0 <= row < len(visible) else None

    @property
    def chosen_field(self) -> EffectiveField | None:
        """The selected field if the user chose it, else None."""
        selected = self.selected_field
        return selected if selected and selected.custom_field_id == self.chosen_id else None

    def select_field(self, field_id: UUID) -> None:
        """Put the cursor on the field, leaving the unmapped filter if it hides it."""
        if self.unmapped_only and not any(
            r.field.custom_field_id == field_id for r in self._visible_rows()
        ):
            self.unmapped_only = False
        self.chosen_id = field_id
        self._move_to(field_id)

    def set_heading(self, text: str) -> None:
        self.heading_text = text
        self._show_heading()

    def _show_heading(self) -> None:
        parts = [plain(self.heading_text).stylize("italic")]
        if self.unmapped_only:  # first: a narrow pane cuts the end of the line
            shown = len(self._visible_rows())
            parts.insert(0, Content.styled(f"unmapped only: {shown} of {len(self.rows)}", "bold"))
        self.heading.update(Content(" · ").join(part for part in parts if part))

    # -- data --------------------------------------------------------------------------------

    def watch_fields(self) -> None:
        self._compute_values()

    def watch_document(self) -> None:
        self._compute_values()

    def watch_unmapped_only(self) -> None:
        self._show_rows()

    def watch_fill_rates(self) -> None:
        # Rates arrive one path at a time: update the Fill cells, not the whole table.
        if not self.is_mounted:
            return
        shown = {key.value for key in self.table.rows}
        for row in self._visible_rows():
            if (key := str(row.field.custom_field_id)) in shown:
                self.table.update_cell(key, "fill", self._fill_cell(row.field))

    def watch_notice(self) -> None:
        self._show_rows()

    def watch_mapping_counts(self) -> None:
        self._show_detail()

    def action_toggle_unmapped(self) -> None:
        self.unmapped_only = not self.unmapped_only

    @work(thread=True, exclusive=True, group="configuration-values")
    def _compute_values(self) -> None:
        fields, document = self.fields, self.document
        values = mapped_values(fields, document) if fields and self.has_row else {}
        rows = [FieldRow(f, values.get(f.name)) for f in fields or []]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_rows, fields, document, rows)

    def _set_rows(
        self, fields: list[EffectiveField] | None, document: Any, rows: list[FieldRow]
    ) -> None:
        if fields is not self.fields or document is not self.document:
            return  # computed for fields or a row replaced since
        self.rows = rows
        self._show_rows()

    def _visible_rows(self) -> list[FieldRow]:
        if self.unmapped_only:
            return [row for row in self.rows if row.field.json_path is None]
        return self.rows

    # -- rendering ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._show_rows()

    def _show_rows(self) -> None:
        if not self.is_mounted:
            return
        selected = self.selected_field
        keep = self.chosen_id or (selected.custom_field_id if selected else None)
        visible = self._visible_rows()
        table = self.table
        table.clear(columns=True)
        name_width, path_width, value_width = self._column_widths()
        table.add_column("Field", width=name_width, key="name")
        table.add_column("Source", width=SOURCE_WIDTH, key="source")
        table.add_column("Fill", width=FILL_WIDTH, key="fill")
        table.add_column("JSON path", width=path_width, key="path")
        table.add_column("Value", width=value_width, key="value")
        for row in visible:
            table.add_row(
                *self._cells(row, path_width, value_width), key=str(row.field.custom_field_id)
            )
        self._show_summary(visible)
        if keep is not None:
            self._move_to(keep)
        self._show_detail()

    def _move_to(self, field_id: UUID) -> None:
        ids = [row.field.custom_field_id for row in self._visible_rows()]
        if field_id in ids:
            self.table.move_cursor(row=ids.index(field_id))

    def _cells(self, row: FieldRow, path_width: int, value_width: int) -> tuple[Text, ...]:
        field = row.field
        label, component = SOURCE_LABELS[field.source]
        return (
            Text(escape_controls(field.name)),
            Text(label, self._style(component)),
            self._fill_cell(field),
            Text(cut_path(escape_controls(field.json_path or "—"), path_width)),
            self._value_cell(row, value_width),
        )

    def _value_cell(self, row: FieldRow, width: int) -> Text:
        if row.field.json_path is None:
            return Text("—", "dim")
        if not self.has_row:  # a null here would be made up: no row was loaded
            return Text("no row", "dim")
        if isinstance(row.value, FieldValueError):
            message = f"⚠ error: {escape_controls(row.value.message)}"
            return Text(cut(message, width), self._style("configuration--error"))
        spec = spec_of(row.field.type, row.field.options)
        if misfit(spec, row.value) is not None:  # does not fit the declared type
            preview = json_preview(row.value, max(width - 2, 1))
            return Text(f"✗ {preview}", self._style("configuration--error"))
        return Text(json_preview(row.value, width))

    def _fill_cell(self, field: EffectiveField) -> Text:
        if field.json_path is None:
            return Text("—", "dim")
        if field.json_path not in self.fill_rates:
            return Text("…", "dim")
        rate = self.fill_rates[field.json_path]
        if rate is None:
            return Text("no rows", "dim")
        if misfits := self.misfit_counts.get(field.json_path, 0):
            # The values that do not fit its type matter more than the fill (the detail
            # line says both).
            return Text(f"✗{misfits:,}", self._style("configuration--error"))
        if rate < LOW_FILL:
            return Text(f"⚠ {rate:.1%}", self._style("configuration--error"))
        return Text(f"{rate:.1%}")

    def _style(self, component: str) -> Style:
        return component_style(self, component)

    def _column_widths(self) -> tuple[int, int, int]:
        """Name, path and value widths, shared by what the rows hold."""
        rows = self.rows
        wanted = [
            min(max((len(escape_controls(row.field.name)) for row in rows), default=5), 28),
            max((len(escape_controls(row.field.json_path or "—")) for row in rows), default=9),
            max((len(self._value_cell(row, MAX_VALUE_WIDTH)) for row in rows), default=5),
        ]
        # Each column pads one cell either side; keep a cell for the scrollbar's sake.
        rest = self.content_size.width - SOURCE_WIDTH - FILL_WIDTH - 2 * 5 - 1
        # Short of room, the value gives way first, then the path: the name says the row.
        name_width, path_width, value_width = share_width(
            wanted, rest, MIN_COLUMN_WIDTH, give_way=[2, 1, 0]
        )
        return name_width, path_width, value_width

    def _show_summary(self, visible: list[FieldRow]) -> None:
        total = len(self.rows)
        self.border_subtitle = count_of(total, "field") if total else ""
        self._show_heading()
        if self.fields is None:
            message = self.notice
        elif not self.rows:
            message = "No custom field on this model yet: press n to create one."
        elif not visible:
            message = "Every field is mapped (u shows them all)."
        else:
            message = ""
        self.empty.update(plain(message).stylize("italic"))
        self.empty.display = bool(message)
        self.table.display = bool(visible)

    def _show_detail(self) -> None:
        """Under the table: the selected field's whole path when its cell had to cut it, and
        its mapping counts (every scope) and description."""
        if not self.is_mounted:
            return
        field = self.selected_field if self.table.display else None
        path = escape_controls(field.json_path) if field and field.json_path else ""
        show_whole_path(self.whole_path, self.table, path)
        self.detail.display = field is not None
        if field is None:
            return
        parts = [plain(field.name).stylize("bold")]
        if (counts := self.mapping_counts.get(field.custom_field_id)) is not None:
            parts.append(Content(mapping_counts_text(counts)))
        if field.type is not None:
            misfits = self.misfit_counts.get(field.json_path or "", 0)
            fits = f", {count_of(misfits, 'value')} not fitting" if misfits else ""
            parts.append(Content(f"type {field.type}{fits}"))
        if field.description:
            parts.append(plain(field.description))
        self.detail.update(Content(" · ").join(parts))

    @on(DataTable.RowHighlighted, "#configuration-table")
    def _cursor_moved(self) -> None:
        self._show_detail()
        if self.table.has_focus:
            self._choose_selected()

    def on_descendant_focus(self) -> None:
        self._choose_selected()

    def _choose_selected(self) -> None:
        if (selected := self.selected_field) is not None:
            if selected.custom_field_id != self.chosen_id:
                self.post_message(self.FieldChosen())
            self.chosen_id = selected.custom_field_id

    @on(DataTable.RowSelected, "#configuration-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        field = self.selected_field
        if field is not None:
            self.post_message(self.PathChosen(field))


def mapping_counts_text(counts: MappingCounts) -> str:
    """`3 mappings (1 organization, 2 connector)`, or `no mapping`."""
    if not counts.total:
        return "no mapping"
    return (
        f"{count_of(counts.total, 'mapping')} ({counts.organization} organization, "
        f"{counts.connector} connector)"
    )
