"""A one-line JMESPath editor, evaluated against a document as the user types.

It takes a document and emits results; it knows nothing of backends, so `fieldmap explore`
can reuse it. Evaluation is debounced and runs in an exclusive thread worker, so typing never
waits for a large document and a stale result never overwrites a newer one.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, replace
from typing import Any

from rich.cells import cell_len
from textual import getters, on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea
from textual.worker import get_current_worker

from fieldmap.core import jmes
from fieldmap.core.complete import complete
from fieldmap.core.locate import Steps, locate
from fieldmap.core.why_null import NullExplanation, explain_null
from fieldmap.tui.literal import escape_controls, pretty_json

DEBOUNCE_SECONDS = 0.12
# A keystroke is evaluated at once when the last evaluation took less than this (a simple
# path: microseconds), and after the debounce when it cost more (a filter over a large file).
CHEAP_EVALUATION_SECONDS = 0.02
# What the result view shows of a large value: TextArea wraps every line it holds, so this
# bounds each keystroke's cost (y/Y copy the whole path or value).
MAX_RENDERED_CHARS = 10_000
PLACEHOLDER = "Type a JMESPath"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """An expression's outcome on the document, its rendering and the nodes it selects."""

    expression: str
    outcome: jmes.Outcome | None  # None: nothing to evaluate (no expression or no document)
    rendered: str = ""
    truncated: bool = False
    located: list[Steps] | None = None
    explanation: NullExplanation | None = None  # why a null (or empty) result is empty

    @property
    def value(self) -> Any:
        return self.outcome.value if isinstance(self.outcome, jmes.Resolved) else None


def evaluate(expression: str, document: Any, has_document: bool) -> Evaluation:
    """What the editor shows for `expression` (runs in a worker thread); the nodes it selects
    come after (`with_located`): on a large document, finding them costs more than the value."""
    if not expression.strip() or not has_document:
        return Evaluation(expression, None)
    outcome = jmes.evaluate(expression, document)
    if isinstance(outcome, jmes.PathError):
        return Evaluation(expression, outcome)
    rendered, truncated = pretty_json(outcome.value, MAX_RENDERED_CHARS)
    explanation = explain_null(expression, document) if outcome.value in (None, []) else None
    return Evaluation(expression, outcome, rendered, truncated, explanation=explanation)


def with_located(evaluation: Evaluation, document: Any) -> Evaluation:
    """`evaluation` with the nodes of `document` its expression selects."""
    if not isinstance(evaluation.outcome, jmes.Resolved):
        return evaluation
    return replace(evaluation, located=locate(evaluation.expression, document))


def example_path(document: Any) -> str | None:
    """A path of `document` to show as an example: into its first object, to a value there."""
    steps: list[str] = []
    node = document
    while isinstance(node, dict) and node and len(steps) < 3:
        nested = [key for key, value in node.items() if isinstance(value, dict) and value]
        key = nested[0] if nested and not steps else next(iter(node))
        steps.append(key)
        node = node[key]
    return jmes.path_of(steps) if steps else None


class DocumentSuggester(Suggester):
    """Completes keys of the editor's document at the end of the input, and function names."""

    def __init__(self, editor: PathEditor) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.editor = editor

    async def get_suggestion(self, value: str) -> str | None:
        if not self.editor.has_document:
            return None
        # Off the event loop: the prefix is evaluated on what may be a very large document.
        return await asyncio.to_thread(complete, value, self.editor.document)


class PathEditor(Widget):
    """Input, status (type and source, or the error with a caret) and the resolved value."""

    document: reactive[Any] = reactive(None, always_update=True, init=False)
    """The JSON document expressions run against."""
    has_document: reactive[bool] = reactive(False, init=False)
    """Whether `document` holds a document (None is a valid JSON document too)."""
    source: reactive[str] = reactive("")
    """Where the document comes from, shown after the result's type."""
    evaluation: reactive[Evaluation] = reactive(
        Evaluation("", None), always_update=True, init=False
    )
    """What the expression gives on the document; `Evaluated` tells the screen of each."""
    no_document_hint: reactive[str] = reactive("No payload yet.")
    """What the status says while there is no document (the screen knows what is missing)."""

    path_input = getters.query_one("#path-input", Input)
    caret = getters.query_one("#path-caret", Static)
    status = getters.query_one("#path-status", Static)
    result_view = getters.query_one("#path-result", TextArea)

    @dataclass
    class Evaluated(Message):
        """The current expression was evaluated (or cleared)."""

        evaluation: Evaluation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._debounce: Timer | None = None
        self._last_evaluation_seconds = math.inf  # none yet: the first keystroke waits

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=PLACEHOLDER,
            suggester=DocumentSuggester(self),
            compact=True,
            id="path-input",
        )
        yield Static(id="path-caret", markup=False)
        yield Static(id="path-status", markup=False)
        yield TextArea(read_only=True, show_line_numbers=False, soft_wrap=True, id="path-result")

    def on_mount(self) -> None:
        self.result_view.cursor_blink = False
        self._show(self.evaluation, None)
        # The caret follows the input as it scrolls sideways.
        self.watch(self.path_input, "scroll_x", self._show_caret, init=False)

    @property
    def expression(self) -> str:
        return self.path_input.value

    @property
    def evaluation_pending(self) -> bool:
        """Whether what was typed waits for the typing pause to be evaluated."""
        return self._debounce is not None

    def set_expression(self, expression: str) -> None:
        """Replace the expression and evaluate it at once."""
        with self.path_input.prevent(Input.Changed):
            self.path_input.value = expression
        self.path_input.cursor_position = len(expression)
        self.call_after_refresh(self._show_input_end)
        self.evaluate_now()

    def _show_input_end(self) -> None:
        """Scroll a long expression to its end, where a picked path says the most."""
        self.path_input.scroll_to(x=self.path_input.max_scroll_x, animate=False)

    def load(self, document: Any) -> None:
        """Evaluate against `document` from now on (screens bind both reactives instead)."""
        self.has_document = True
        self.document = document

    def unload(self) -> None:
        self.has_document = False
        self.document = None

    def watch_document(self, document: Any) -> None:
        example = example_path(document) if self.has_document else None
        self.path_input.placeholder = f"Type a JMESPath, e.g. {example}" if example else PLACEHOLDER
        self.evaluate_now()

    def watch_source(self) -> None:
        self._show_status(self.evaluation)

    def watch_no_document_hint(self) -> None:
        self._show_status(self.evaluation)

    @on(Input.Changed, "#path-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._last_evaluation_seconds < CHEAP_EVALUATION_SECONDS:
            self.evaluate_now()
            return
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.evaluate_now)

    @on(Input.Submitted, "#path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.evaluate_now()

    def evaluate_now(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if self.is_mounted:
            self._last_evaluation_seconds = math.inf  # while it runs, keys are debounced
            self._evaluate(self.expression, self.document, self.has_document)

    # A description, so that Textual does not `repr` a document of many megabytes per call.
    @work(thread=True, exclusive=True, group="path-evaluation", description="evaluate")
    def _evaluate(self, expression: str, document: Any, has_document: bool) -> None:
        started = time.perf_counter()
        evaluation = evaluate(expression, document, has_document)
        self._last_evaluation_seconds = time.perf_counter() - started
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_if_current, evaluation, document)

    def _is_current(self, evaluation: Evaluation, document: Any) -> bool:
        """False for a result that lands after a newer request's (cancelled too late)."""
        return evaluation.expression == self.expression and document is self.document

    def _show_if_current(self, evaluation: Evaluation, document: Any) -> None:
        if self._is_current(evaluation, document):
            self._show(evaluation, document)

    def _show(self, evaluation: Evaluation, document: Any) -> None:
        self.evaluation = evaluation
        self._show_status(evaluation)
        self.result_view.load_text(evaluation.rendered)
        self.set_class(isinstance(evaluation.outcome, jmes.PathError), "-error")
        if isinstance(evaluation.outcome, jmes.Resolved):
            # The value is painted before the nodes are looked for: on a large document the
            # search takes longer than the value, and competes with the paint for the GIL.
            self.call_after_refresh(self._locate_if_current, evaluation, document)
        else:
            self.post_message(self.Evaluated(evaluation))

    def _locate_if_current(self, evaluation: Evaluation, document: Any) -> None:
        # Launched after a newer evaluation, this exclusive worker would cancel it.
        if self._is_current(evaluation, document):
            self._locate(evaluation, document)

    @work(thread=True, exclusive=True, group="path-evaluation", description="locate")
    def _locate(self, evaluation: Evaluation, document: Any) -> None:
        evaluation = with_located(evaluation, document)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._located, evaluation, document)

    def _located(self, evaluation: Evaluation, document: Any) -> None:
        if self._is_current(evaluation, document):
            self.evaluation = evaluation
            self.post_message(self.Evaluated(evaluation))

    def _show_status(self, evaluation: Evaluation) -> None:
        outcome = evaluation.outcome
        if isinstance(outcome, jmes.PathError):
            where = f" at column {outcome.column + 1}" if outcome.column is not None else ""
            status = Content.assemble(
                ("✗ ", "$text-error"),
                (f"{outcome.kind} error{where}: ", "bold"),
                escape_controls(outcome.message),
            )
        elif isinstance(outcome, jmes.Resolved):
            parts = [self.source] if self.source else []
            if evaluation.truncated:
                parts.append(f"showing the first {MAX_RENDERED_CHARS:,} characters")
            status = Content.assemble(
                ("✓ ", "$text-success"),
                (outcome.type, "bold"),
                *(f" · {part}" for part in parts),
            )
        elif not self.has_document:
            status = Content.styled(self.no_document_hint, "dim")
        else:
            status = Content.styled("Enter on a node of the tree puts its path here.", "dim")
        self.status.update(status)
        self._show_caret()

    def _show_caret(self) -> None:
        outcome = self.evaluation.outcome
        column = outcome.column if isinstance(outcome, jmes.PathError) else None
        self.caret.display = column is not None
        if column is not None:
            self.caret.update(self._caret_line(self.evaluation.expression, column))

    def _caret_line(self, expression: str, column: int) -> Content:
        """A caret under `column` of the input as it is scrolled now. The caret line has the
        input's left padding; a rule leads to the caret, since a line of blanks may be
        trimmed (in SVG screenshots) and would put the caret at the left edge."""
        offset = cell_len(expression[:column]) - round(self.path_input.scroll_x)
        if offset < 0:
            return Content(f"◂ column {column + 1}")
        width = self.path_input.content_size.width
        if offset >= width:  # past the right edge: point there
            label = f" column {column + 1} ▸"
            return Content.assemble(("─" * max(width - len(label), 0), "dim"), label)
        return Content.assemble(("─" * offset, "dim"), "^")
