"""The workbench across all rows: the editor's coverage, jumping to failing rows, the fill
rate of each configured field, why a result is null, and the other forms of an array path.

Coverage runs after the current row's value shows, debounced, in an exclusive worker that a
new expression cancels; fill rates run after the configuration loads.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work

from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.models import Coverage, CoverageRequest, EffectiveField
from fieldmap.tui.context import Context
from fieldmap.tui.widgets.path_editor import Evaluation

if TYPE_CHECKING:
    from fieldmap.tui.screens.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

COVERAGE_DEBOUNCE_SECONDS = 0.3

# What coverage depends on: the rows of the context (not the row shown) and the expression.
CoverageKey = tuple[object, ...]


def rows_key(context: Context) -> CoverageKey:
    return (context.category, context.model, context.integration_slug, context.connector_token)


def coverage_request(context: Context, json_path: str) -> CoverageRequest:
    assert context.category is not None and context.model is not None
    return CoverageRequest(
        category=context.category,
        model=context.model,
        connector_token=context.connector_token,
        integration_slug=None if context.connector_token else context.integration_slug,
        json_path=json_path,
    )


class AcrossRows(_Base):
    """Mixed into `WorkbenchScreen`."""

    # -- the editor's coverage ---------------------------------------------------------------

    def follow_evaluation(self, evaluation: Evaluation) -> None:
        """The current row's value shows: explain a null, then cover the other rows."""
        self.null_explanation = evaluation.explanation
        context = self.context
        if not isinstance(evaluation.outcome, jmes.Resolved) or not context.has_payload:
            self.coverage_key = None
            self.workers.cancel_group(self, "coverage")
            self.coverage_progress, self.coverage = None, None
            return
        key = (*rows_key(context), evaluation.expression)
        if key == self.coverage_key:
            return  # another row of the same rows: the coverage stands
        self.coverage_key = key
        self.coverage = None
        self.coverage_progress = (0, self.raw.row_count if self.raw else 1)
        self.evaluate_across_rows(coverage_request(context, evaluation.expression))

    @work(exclusive=True, group="coverage")
    async def evaluate_across_rows(self, request: CoverageRequest) -> None:
        await asyncio.sleep(COVERAGE_DEBOUNCE_SECONDS)  # typing on cancels this worker
        if self.backend is None:
            return
        try:
            coverage = await self.backend.coverage(request)
        except FieldmapError as error:
            self.coverage_key = None
            self.report(error, "Cannot compute the coverage")
            coverage = None
        self.coverage_progress, self.coverage = None, coverage

    def forget_coverage(self) -> None:
        """Compute coverage and fill rates again (the rows may have changed)."""
        self.coverage_key = None
        self.fill_rates = {}

    # -- failing rows ------------------------------------------------------------------------

    def action_failing_row(self, direction: int) -> None:
        coverage, raw = self.coverage, self.raw
        if coverage is None or raw is None:
            self.notify("No coverage yet: type an expression that resolves.", severity="warning")
            return
        if coverage.only_latest_row or self.context.connector_token is None:
            self.notify("Only this row can be shown here.", severity="warning")
            return
        failure = coverage.failing_row_from(raw.row_index, direction)
        if failure is None:
            self.notify("No failing row: the expression resolves on every row.")
            return
        self.notify(f"Row {failure.row + 1:,} of {coverage.rows:,}: {failure.outcome}.")
        self.context = self.context.with_row(failure.row)

    # -- fill rates of the configuration -----------------------------------------------------

    def watch_configuration(self, fields: list[EffectiveField] | None) -> None:
        if fields:
            self.measure_fill_rates(self.context, fields)

    @work(exclusive=True, group="fill-rates")
    async def measure_fill_rates(self, context: Context, fields: list[EffectiveField]) -> None:
        if self.backend is None or not context.has_payload:
            return
        rates = dict(self.fill_rates) if self.fill_context == rows_key(context) else {}
        self.fill_context, self.fill_rates = rows_key(context), rates
        paths = {f.json_path for f in fields if f.json_path is not None} - set(rates)
        for path in sorted(paths):
            try:
                coverage = await self.backend.coverage(coverage_request(context, path))
            except FieldmapError as error:
                self.report(error, "Cannot compute a fill rate")
                return
            # A new dict each time: the reactive compares with the last one it was given.
            rates = {**rates, path: fill_rate(coverage)}
            self.fill_rates = rates


def fill_rate(coverage: Coverage) -> float | None:
    return coverage.non_null / coverage.rows if coverage.rows else None
