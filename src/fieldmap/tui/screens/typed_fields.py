"""The workbench's typed-field checks, mixed into its screen: the editor's value is checked
against the type of the field chosen in the configuration pane (on the row shown, and
across the rows by the coverage, `Coverage.fit`); conversions that would make more values
fit are fetched and shown above the coverage, and `t` takes the first into the editor;
`f` / `F` walk the rows that are null, fail or do not fit."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult

from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.field_types import TypeSpec, misfit, spec_of
from fieldmap.core.models import EffectiveField
from fieldmap.core.row_models import Coverage
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.conversions_panel import ConversionsPanel
from fieldmap.tui.widgets.path_editor import Evaluation


def declared_spec(field: EffectiveField | None) -> TypeSpec | None:
    """The field's declared type, or None when there is no field or it has no type."""
    if field is None or field.type is None:
        return None
    return spec_of(field.type, field.options)


class TypedFieldChecks:
    """Mixed into `WorkbenchScreen` (before `EditorScreen`), whose panes, state and
    context it uses (typed `Any`: importing the screen here would be a cycle)."""

    def editor_extras(self) -> ComposeResult:
        yield ConversionsPanel(id="conversions")

    def checked_spec(self: Any) -> TypeSpec | None:
        """The type the editor's value is checked against: the chosen field's."""
        return declared_spec(self.fields_table.chosen_field)

    def follow_evaluation(self: Any, evaluation: Evaluation) -> None:
        super().follow_evaluation(evaluation)  # type: ignore[misc]
        panel = self.query_one(ConversionsPanel)
        field = self.fields_table.chosen_field
        spec = declared_spec(field)
        panel.field_name = field.name if field else ""
        panel.spec = spec
        resolved = isinstance(evaluation.outcome, jmes.Resolved)
        panel.verdict = misfit(spec, evaluation.value) if spec and resolved else None
        if not resolved or spec is None:
            panel.conversions = None

    @on(ConfigurationTable.FieldChosen)
    def _field_chosen(self: Any) -> None:
        # Another type to check: the coverage is measured again, with it.
        self.follow_evaluation(self.editor.evaluation)

    def watch_coverage(self: Any, coverage: Coverage | None) -> None:
        """A coverage came: fetch the conversions when some values do not fit."""
        self.query_one(ConversionsPanel).conversions = None
        spec = self.checked_spec()
        if coverage is not None and spec is not None and coverage.fit and coverage.fit.misfits:
            self._fetch_conversions(coverage.json_path, spec)

    @work(exclusive=True, group="conversions")
    async def _fetch_conversions(self: Any, expression: str, spec: TypeSpec) -> None:
        try:
            conversions = await self.state.conversions(self.context, expression, spec)
        except FieldmapError as error:
            self.report(error, "Cannot suggest a conversion")
            return
        if expression == self.editor.expression:
            self.query_one(ConversionsPanel).conversions = conversions

    def action_take_conversion(self: Any) -> None:
        conversions = self.query_one(ConversionsPanel).conversions
        if conversions is None or not conversions.suggestions:
            self.notify(
                "No conversion to take: select a typed field whose values do not fit.",
                severity="warning",
            )
            return
        self.editor.set_expression(conversions.suggestions[0].json_path)

    def action_failing_row(self: Any, direction: int) -> None:
        coverage, raw = self.coverage, self.raw
        if coverage is None or raw is None:
            self.notify("No coverage yet: type an expression that resolves.", severity="warning")
            return
        if coverage.only_latest_row or self.context.connector_token is None:
            self.notify("Only this row can be shown here.", severity="warning")
            return
        found = coverage.row_to_walk_from(raw.row_index, direction)
        if found is None:
            fits = " and every value fits" if coverage.fit is not None else ""
            self.notify(f"No failing row: the expression resolves on every row{fits}.")
            return
        row, what = found
        self.notify(f"Row {row + 1:,} of {coverage.rows:,}: {what}.", markup=False)
        self.context = self.context.with_row(row)
