"""The overrides report of the context's integration and model: every connector override
next to the organization's mapping, with its flag. `x` removes a redundant override, once
its impact is shown and confirmed. Dismissed with whether anything was removed."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError
from fieldmap.core.ids import short_token
from fieldmap.core.operations_impact import (
    ConnectorOverrideChange,
    Flag,
    OverrideFindingFigures,
    OverridesReport,
    OverridesRequest,
)
from fieldmap.tui.literal import escape_controls, plain
from fieldmap.tui.screens.impact_gate import confirm_then_write
from fieldmap.tui.screens.write_parts import Host

COLUMNS = ("Verdict", "Connector", "Field", "Override", "Organization", "Same", "Rows")


class OverridesScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="overrides.close", tooltip="Back to the workbench"),
        Binding(
            "x",
            "remove_redundant",
            "Remove redundant",
            id="overrides.remove_redundant",
            tooltip="Remove the selected override when it is redundant (its impact first)",
        ),
    ]

    def __init__(self, backend: Backend, request: OverridesRequest, integration_name: str) -> None:
        super().__init__()
        self.backend, self.request = backend, request
        self.integration_name = integration_name
        self.report: OverridesReport | None = None
        self.removed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="overrides-dialog"):
            title = f"Overrides: {self.integration_name} · {self.request.model}"
            yield Label(escape_controls(title), id="overrides-title", markup=False)
            yield Static("Comparing every override…", id="overrides-status", markup=False)
            yield DataTable(id="overrides-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.load()

    @work(exclusive=True, group="overrides")
    async def load(self) -> None:
        try:
            self.report = await self.backend.overrides(self.request)
        except FieldmapError as error:
            self._status(f"Cannot compare the overrides: {error.message}")
            return
        table = self.query_one(DataTable)
        table.clear()
        for finding in self.report.findings:
            table.add_row(*_cells(finding), key=f"{finding.connector_token}:{finding.field_id}")
        self._status(_summary(self.report))
        table.focus()

    def _status(self, text: str) -> None:
        self.query_one("#overrides-status", Static).update(escape_controls(text))

    @property
    def selected(self) -> OverrideFindingFigures | None:
        table = self.query_one(DataTable)
        if self.report is None or not self.report.findings:
            return None
        return self.report.findings[table.cursor_row]

    def action_remove_redundant(self) -> None:
        finding = self.selected
        if finding is None:
            return
        if Flag.REDUNDANT not in finding.flags or finding.mapping_id is None:
            self.notify(
                f"Only a redundant override is removed this way; this one is {finding.verdict}.",
                severity="warning",
                markup=False,
            )
            return
        mapping_id = finding.mapping_id
        change = ConnectorOverrideChange(
            field_id=finding.field_id, connector_token=finding.connector_token
        )
        note = Content.assemble(
            "Remove the override of ",
            (escape_controls(finding.field_name), "bold"),
            f" on {escape_controls(finding.connector_name or '')}: the organization's mapping"
            " applies again.",
        )
        confirm_then_write(
            self.app,
            self.backend,
            change,
            "Remove a redundant override",
            note,
            lambda: self.backend.delete_mapping(mapping_id),
            self._removed,
        )

    def _removed(self, error: FieldmapError | None) -> None:
        if error is not None:
            self.notify(error.message, title="Cannot remove the override", severity="error")
            return
        self.removed = True
        self.notify("Override removed.")
        self.load()

    def action_close(self) -> None:
        self.dismiss(self.removed)


def _summary(report: OverridesReport) -> str:
    count = len(report.findings)
    text = f"{count} override{'s' * (count != 1)}. x removes a redundant one, Esc closes."
    if report.only_latest_row:
        text += " (The server has no overrides extension: each connector's latest row only.)"
    return text


def _cells(f: OverrideFindingFigures) -> tuple[Content, ...]:
    verdict = Content.styled(f.verdict, "bold $error" if f.verdict == "broken" else "bold")
    return (
        verdict,
        plain(f.connector_name or short_token(f.connector_token)),
        plain(f.field_name),
        plain(f.override_path),
        plain(f.organization_path or "(none)"),
        plain(f"{f.same:,}"),
        plain(f"{f.rows:,}"),
    )


def show_overrides(host: Host) -> None:
    """Open the report of the context's integration and model (said, without one); the
    workbench fetches again once an override was removed."""
    state = host.state
    context, backend, catalog = state.context, state.backend, state.catalog
    if backend is None or context.category is None or context.model is None:
        host.notify("Choose a model first.", severity="warning")
        return
    if context.integration_slug is None:
        host.notify("Choose an integration or a connector first.", severity="warning")
        return
    integration = catalog.integration(context.integration_slug) if catalog else None
    name = integration.display_name if integration else context.integration_slug
    request = OverridesRequest(
        integration=context.integration_slug, category=context.category, model=context.model
    )

    def closed(removed: bool | None) -> None:
        if removed:
            host.reload(catalog=True)

    host.app.push_screen(OverridesScreen(backend, request, name), closed)
