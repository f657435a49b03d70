"""Why the expression is null on this row, paths that may be meant, and where else it fails.

Knows nothing of backends: it shows a `NullExplanation` and, when there is one, the
`Coverage` of the same expression. Enter or a click on a suggestion posts it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fieldmap.core import jmes
from fieldmap.core.row_models import Coverage
from fieldmap.core.why_null import NullExplanation
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.widgets.coverage_panel import failing_rows

_SEGMENT_END = re.compile(r"[.\[|]")


def with_suggestion(expression: str, suggestion: str) -> str:
    """`expression` with the path up to its missing step replaced by `suggestion`, keeping
    what followed that step (`a.Contact_data.Phone` + `a.Contact_Data` gives
    `a.Contact_Data.Phone`); the suggestion alone when that is not a valid expression."""
    shared = os.path.commonprefix([expression, suggestion])
    start = max(shared.rfind("."), shared.rfind("[")) + 1
    rest = expression[start:]
    segment_end = _SEGMENT_END.search(rest)
    tail = rest[segment_end.start() :] if segment_end else ""
    if not tail or suggestion.endswith(tail):  # the suggestion already goes on (a projection)
        return suggestion
    combined = suggestion + tail
    return combined if jmes.check(combined) is None else suggestion


class WhyNullPanel(Vertical):
    explanation: reactive[NullExplanation | None] = reactive(None, init=False)
    coverage: reactive[Coverage | None] = reactive(None, always_update=True, init=False)
    """The expression's coverage, for the rows it fails on besides this one."""

    message = getters.query_one("#why-null-message", Static)
    suggestions = getters.query_one("#why-null-suggestions", OptionList)
    elsewhere = getters.query_one("#why-null-elsewhere", Static)

    @dataclass
    class SuggestionChosen(Message):
        """The user chose a suggested path."""

        path: str

    def __init__(self, *, choose_hint: str = "", id: str | None = None) -> None:
        """`choose_hint` says how to reach the suggestions, e.g. "s chooses a path"."""
        super().__init__(id=id)
        self.choose_hint = choose_hint

    def compose(self) -> ComposeResult:
        yield Static(id="why-null-message", markup=False)
        yield OptionList(id="why-null-suggestions")
        yield Static(id="why-null-elsewhere", markup=False)

    def on_mount(self) -> None:
        self._show()

    def watch_explanation(self) -> None:
        self._show()

    def watch_coverage(self) -> None:
        self._show_elsewhere()

    def _show(self) -> None:
        explanation = self.explanation
        self.display = explanation is not None
        if explanation is None:
            return
        label = [("∅ why null", "bold")]
        if explanation.suggestions and self.choose_hint:
            label = [("∅ why null ", "bold"), (f"({self.choose_hint})", "dim")]
        self.message.update(Content.assemble(*label, ": ", escape_controls(explanation.message)))
        self.suggestions.set_options(
            Option(Content.assemble(("→ ", "dim"), escape_controls(path)), id=path)
            for path in explanation.suggestions
        )
        self.suggestions.display = bool(explanation.suggestions)
        self._show_elsewhere()

    def _show_elsewhere(self) -> None:
        coverage = self.coverage
        failing = coverage.null + coverage.errors if coverage else 0
        if coverage is None or not failing or coverage.rows <= 1:
            self.elsewhere.display = False
            return
        self.elsewhere.update(
            Content.assemble(
                (f"null or failing on {failing:,} of {coverage.rows:,} rows: ", "dim"),
                failing_rows(coverage),
            )
        )
        self.elsewhere.display = True

    @on(OptionList.OptionSelected, "#why-null-suggestions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SuggestionChosen(event.option.id))
