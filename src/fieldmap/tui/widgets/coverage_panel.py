"""How an expression fares across rows: filled, null, failing, types, frequent values.

It shows a `Coverage` and knows nothing of where it came from (a backend, or rows counted
locally by `fieldmap explore`): set `progress` while computing, then `coverage`.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from fieldmap.core.row_models import Coverage, TypeFit
from fieldmap.core.wording import count_of
from fieldmap.tui.literal import escape_controls, json_preview

SAMPLE_CHARS = 24
FAILING_ROWS_SHOWN = 8


class CoveragePanel(Widget):
    """A few lines: the counts with percentages, the types, the top values, failing rows."""

    coverage: reactive[Coverage | None] = reactive(None, always_update=True)
    """The figures to show; None shows nothing (or the progress)."""
    progress: reactive[tuple[int, int] | None] = reactive(None)
    """(rows done, rows in all) while computing; done may stay 0 when it is not known."""

    def __init__(self, *, jump_hint: str = "", id: str | None = None) -> None:
        """`jump_hint` follows the failing rows, e.g. "f/F to show them" where keys do."""
        super().__init__(id=id)
        self.jump_hint = jump_hint

    def render(self) -> Content:
        if self.progress is not None:
            done, total = self.progress
            share = f" {done / total:.0%}" if done and total else ""
            over = f" over {total:,} rows" if total else ""  # a large file is still counted
            return Content.styled(f"⋯ computing{over}…{share}", "italic")
        coverage = self.coverage
        if coverage is None:
            return Content("")
        # The counts and the notice wrap: they matter most; the other lines are cut to fit.
        head = [counts_line(coverage)]
        if coverage.only_latest_row:
            head.insert(0, Content.styled(ONLY_LATEST_ROW, "bold"))
        if coverage.fit is not None:
            head.append(fit_line(coverage.fit, self.jump_hint))
        lines: list[Content] = []
        if coverage.fit is not None and coverage.fit.misfits:
            lines.append(misfit_reasons(coverage.fit))
        if coverage.failing_rows:
            # Spaces end a run rather than start one: SVG screenshots drop leading blanks.
            rows, hint = failing_rows(coverage), f"({self.jump_hint})" if self.jump_hint else ""
            lines.append(Content.assemble(("failing rows ", "dim"), f"{rows}  ", (hint, "dim")))
            if error := next((f for f in coverage.failing_rows if f.outcome == "error"), None):
                message = escape_controls(error.message or "error")
                lines.append(Content.assemble((f"row {error.row + 1:,} ✗ ", "dim"), message))
        if coverage.types:
            types = " · ".join(f"{name} {count:,}" for name, count in coverage.types.items())
            lines.append(Content.assemble(("types ", "dim"), types))
        if coverage.samples:
            samples = " · ".join(
                f"{json_preview(s.value, SAMPLE_CHARS)} ×{s.count:,}" for s in coverage.samples
            )
            lines.append(Content.assemble(("top ", "dim"), samples))
        width = self.content_size.width
        fitted = [line.truncate(width, ellipsis=True) if width else line for line in lines]
        return Content("\n").join([*head, *fitted])

    def watch_progress(self) -> None:
        self.display = self.progress is not None or self.coverage is not None

    def watch_coverage(self) -> None:
        self.display = self.progress is not None or self.coverage is not None


ONLY_LATEST_ROW = "⚠ only the latest row (the server has no coverage extension)"


def counts_line(coverage: Coverage) -> Content:
    """ "5,000 rows: ✓ 4,024 filled 80.5% · ∅ 976 null 19.5% · ✗ 0 errors 0.0%" """
    rows = coverage.rows
    if rows == 0:
        return Content.styled("no rows to evaluate", "italic")

    def share(count: int) -> str:
        return f"{count / rows:.1%}"

    return Content.assemble(
        (f"{count_of(rows, 'row')}: ", "bold"),
        ("✓ ", "$text-success"),
        f"{coverage.non_null:,} filled {share(coverage.non_null)} · ",
        ("∅ ", "$text-warning"),
        f"{coverage.null:,} null {share(coverage.null)} · ",
        ("✗ ", "$text-error"),
        f"{count_of(coverage.errors, 'error')} {share(coverage.errors)}",
    )


def fit_line(fit: TypeFit, jump_hint: str = "") -> Content:
    """ "type number: ✓ 4,020 fit · ✗ 4 do not fit · rows 2, 5 (f/F shows them)" """
    line = Content.assemble(
        (f"type {fit.type}: ", "bold"),
        ("✓ ", "$text-success"),
        f"{fit.fitting:,} fit · ",
        ("✗ ", "$text-warning" if fit.misfits else "$text-success"),
        f"{fit.misfits:,} do not fit",
    )
    if not fit.misfits:
        return line
    numbers = [f"{misfit.row + 1:,}" for misfit in fit.misfit_rows[:FAILING_ROWS_SHOWN]]
    rows = ", ".join(numbers) + (", …" if fit.misfits > len(numbers) else "")
    hint = f" ({jump_hint})" if jump_hint else ""
    return Content.assemble(line, (" · rows ", "dim"), rows, (hint, "dim"))


def misfit_reasons(fit: TypeFit) -> Content:
    """ "why text where a number is declared 4 · a list for a single value 1" """
    why = " · ".join(
        f"{escape_controls(reason)} {count:,}" for reason, count in fit.reasons.items()
    )
    return Content.assemble(("why ", "dim"), why)


def failing_rows(coverage: Coverage, shown: int = FAILING_ROWS_SHOWN) -> str:
    """The first failing rows, numbered from 1 as the context bar does: "1, 3, 5, …"."""
    numbers = [f"{failure.row + 1:,}" for failure in coverage.failing_rows[:shown]]
    more = coverage.null + coverage.errors > len(numbers)
    return ", ".join(numbers) + (", …" if more else "")
