"""The workbench's typed-field checks: the editor's value is checked against the type of
the field chosen in the configuration pane (on the row shown, and across the rows by the
coverage, `Coverage.fit`); conversions that would make more values fit are fetched and
shown above the coverage, and `t` takes the first into the editor; `f` / `F` walk the rows
that are null, fail or do not fit. A part the workbench owns (`screen.typed`) and knows
only as a `TypedHost`."""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.field_types import TypeSpec, misfit, spec_of
from fieldmap.core.models import EffectiveField
from fieldmap.core.row_models import Coverage, RawData
from fieldmap.tui.context import Context
from fieldmap.tui.state import WorkbenchState
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.conversions_panel import ConversionsPanel
from fieldmap.tui.widgets.path_editor import Evaluation, PathEditor


def declared_spec(field: EffectiveField | None) -> TypeSpec | None:
    """The field's declared type, or None when there is no field or it has no type."""
    if field is None or field.type is None:
        return None
    return spec_of(field.type, field.options)


class TypedHost(Protocol):
    """What the typed-field checks need of the workbench."""

    state: WorkbenchState
    editor: PathEditor
    fields_table: ConfigurationTable
    conversions_panel: ConversionsPanel
    context: Context
    coverage: Coverage | None
    raw: RawData | None

    def notify(
        self, message: str, *, title: str = ..., severity: Any = ..., markup: bool = ...
    ) -> None: ...

    def report(self, error: FieldmapError, title: str) -> None: ...

    def choose(self, context: Context) -> None: ...

    def run_worker(self, work: Any, *, group: str = ..., exclusive: bool = ...) -> Any: ...


class TypedFieldChecks:
    def __init__(self, host: TypedHost) -> None:
        self.host = host

    def checked_spec(self) -> TypeSpec | None:
        """The type the editor's value is checked against: the chosen field's."""
        return declared_spec(self.host.fields_table.chosen_field)

    def evaluation_changed(self, evaluation: Evaluation) -> None:
        """The row's value against the chosen field's type."""
        panel = self.host.conversions_panel
        field = self.host.fields_table.chosen_field
        spec = declared_spec(field)
        panel.field_name = field.name if field else ""
        panel.spec = spec
        resolved = isinstance(evaluation.outcome, jmes.Resolved)
        panel.verdict = misfit(spec, evaluation.value) if spec and resolved else None
        if not resolved or spec is None:
            panel.conversions = None

    def coverage_changed(self, coverage: Coverage | None) -> None:
        """A coverage came: fetch the conversions when some values do not fit."""
        self.host.conversions_panel.conversions = None
        spec = self.checked_spec()
        if coverage is not None and spec is not None and coverage.fit and coverage.fit.misfits:
            fetch = partial(self._fetch_conversions, coverage.json_path, spec)
            self.host.run_worker(fetch, group="conversions", exclusive=True)

    async def _fetch_conversions(self, expression: str, spec: TypeSpec) -> None:
        host = self.host
        try:
            conversions = await host.state.conversions(host.context, expression, spec)
        except FieldmapError as error:
            host.report(error, "Cannot suggest a conversion")
            return
        if expression == host.editor.expression:
            host.conversions_panel.conversions = conversions

    def take_conversion(self) -> None:
        conversions = self.host.conversions_panel.conversions
        if conversions is None or not conversions.suggestions:
            self.host.notify(
                "No conversion to take: select a typed field whose values do not fit.",
                severity="warning",
            )
            return
        self.host.editor.set_expression(conversions.suggestions[0].json_path)

    def failing_row(self, direction: int) -> None:
        host = self.host
        coverage, raw = host.coverage, host.raw
        if coverage is None or raw is None:
            host.notify("No coverage yet: type an expression that resolves.", severity="warning")
            return
        if coverage.only_latest_row or host.context.connector_token is None:
            host.notify("Only this row can be shown here.", severity="warning")
            return
        found = coverage.row_to_walk_from(raw.row_index, direction)
        if found is None:
            fits = " and every value fits" if coverage.fit is not None else ""
            host.notify(f"No failing row: the expression resolves on every row{fits}.")
            return
        row, what = found
        host.notify(f"Row {row + 1:,} of {coverage.rows:,}: {what}.", markup=False)
        host.choose(host.context.with_row(row))
