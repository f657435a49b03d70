"""The impact of a change before it is saved: every connector it reaches, its value on the
latest row and its fill rate before and after, largest change first. Enter (or ctrl+s)
confirms, Esc cancels; `s` saves without waiting for the figures (the explicit skip).

The figures are computed in a worker (`Backend.impact`), with progress; cancelling stops
the computation between chunks of rows. The screen only computes and dismisses with True
(confirmed or skipped) or False; the caller writes.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static

from fieldmap.backends.protocol import Backend
from fieldmap.core.columns import Cancelled, Work
from fieldmap.core.errors import FieldmapError
from fieldmap.core.ids import short_token
from fieldmap.core.operations_impact import (
    ConnectorImpactFigures,
    FillFigures,
    ImpactRequest,
    ImpactResult,
    LatestValue,
)
from fieldmap.tui.literal import escape_controls, json_preview, plain

VALUE_WIDTH = 18
ORDERS = ("change", "connector")


class ImpactScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "confirm",
            "Confirm",
            id="impact.confirm",
            tooltip="Make the change (Enter on the table too)",
        ),
        Binding("escape", "cancel", "Cancel", id="impact.cancel", tooltip="Change nothing"),
        Binding(
            "s",
            "skip",
            "Skip figures",
            id="impact.skip",
            tooltip="Make the change without waiting for its impact",
        ),
        Binding(
            "o",
            "order",
            "Order",
            id="impact.order",
            tooltip="Sort by change (largest first) or by connector name",
        ),
    ]

    def __init__(self, backend: Backend, request: ImpactRequest, title: str, note: Content) -> None:
        super().__init__()
        self.backend, self.request, self.title_text, self.note = backend, request, title, note
        self.result: ImpactResult | None = None
        self.order = ORDERS[0]
        self._progress = (0, 0)  # set from the computation's thread, read by a timer
        self._cancelled = False

    def compose(self) -> ComposeResult:
        with Vertical(id="impact-dialog"):
            yield Label(self.title_text, id="impact-title", markup=False)
            yield Static(self.note, id="impact-note")
            yield Static("Computing the impact…", id="impact-status", markup=False)
            yield ProgressBar(id="impact-progress", show_eta=False)
            yield DataTable(id="impact-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            "Connector", "Path", "Latest before", "Latest after", "Fill", "Rows changed"
        )
        self.set_interval(0.1, self._show_progress)
        self.compute()

    @work(exclusive=True, group="impact")
    async def compute(self) -> None:
        work_ = Work(progress=self._record_progress, cancelled=lambda: self._cancelled)
        try:
            self.result = await self.backend.impact(self.request, work_)
        except Cancelled:
            return
        except FieldmapError as error:
            self._status(f"Cannot compute the impact: {error.message}. s makes the change anyway.")
            return
        self.query_one(ProgressBar).display = False
        self._status(_summary(self.result))
        self._fill_table()
        self.query_one(DataTable).focus()

    def _record_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def _show_progress(self) -> None:
        done, total = self._progress
        if total:
            self.query_one(ProgressBar).update(total=total, progress=done)

    def _status(self, text: str) -> None:
        self.query_one("#impact-status", Static).update(escape_controls(text))

    def _fill_table(self) -> None:
        if self.result is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        connectors = self.result.connectors
        if self.order == "connector":
            connectors = sorted(connectors, key=lambda c: c.connector_name or c.connector_token)
        for connector in connectors:
            table.add_row(*_cells(connector), key=connector.connector_token)

    @on(DataTable.RowSelected)
    def action_confirm(self) -> None:
        if self.result is None:
            self.notify("The impact is still being computed (s skips it).", severity="warning")
            return
        self.dismiss(True)

    def action_skip(self) -> None:
        self._stop()
        self.dismiss(True)

    def action_cancel(self) -> None:
        self._stop()
        self.dismiss(False)

    def action_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._fill_table()
        self.notify(f"Sorted by {self.order}.")

    def _stop(self) -> None:
        self._cancelled = True
        self.workers.cancel_group(self, "impact")


def _summary(result: ImpactResult) -> str:
    reached = len(result.connectors)
    changed = len(result.affected)
    text = (
        f"{result.field_name}: {reached} connector{'s' * (reached != 1)} reached, "
        f"{changed} with values that change. Enter or ctrl+s confirms, Esc cancels, o sorts."
    )
    if result.only_latest_row:
        text += " (The server has no impact extension: each connector's latest row only.)"
    return text


def _cells(c: ConnectorImpactFigures) -> tuple[Content, ...]:
    """Plain text cells: names, paths and values come from the data, never as markup."""
    name = plain(c.connector_name or short_token(c.connector_token))
    if c.unaffected:
        return (name, plain("override wins: unaffected"), *map(plain, ("", "", "", "0")))
    after = "(field deleted)" if c.removed else c.path_after or "—"
    path = plain(f"{c.path_before or '—'} → {after}")
    if c.fill_before is None:
        return (name, path, *map(plain, ("no rows", "", "", "")))
    return (
        name,
        path,
        _latest(c.latest_before),
        _latest(c.latest_after),
        plain(f"{_rate(c.fill_before)} → {_rate(c.fill_after)}"),
        plain(f"{c.changed_rows or 0:,} of {c.rows:,}"),
    )


def _latest(value: LatestValue | None) -> Content:
    if value is None:
        return plain("")
    if value.error is not None:
        return Content.styled(f"✗ {escape_controls(value.error)}"[:VALUE_WIDTH], "$text-error")
    return plain(json_preview(value.value, VALUE_WIDTH))


def _rate(fill: FillFigures | None) -> str:
    return "—" if fill is None else f"{fill.rate:.0%}"
