"""The type and options of a custom field, as rows of the new-field and edit-field dialogs.

Options are typed on one line, `value=Label` or `value` alone (its own label), separated by
commas. What the engine would refuse (a select without options, options on a number) is
said under them as it is typed, from `TypeSpec.problems`, the engine's own rules.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Select, Static

from fieldmap.core.field_types import WITH_OPTIONS, TypeSpec, spec_of
from fieldmap.core.models import FieldOption, FieldType
from fieldmap.tui.dialogs.form import form_row

ANY_TYPE = "any"
TYPE_CHOICES = [("any (no type)", ANY_TYPE), *((kind.value, kind.value) for kind in FieldType)]


def options_text(options: list[FieldOption]) -> str:
    """Options as the dialog shows them: `value=Label`, or `value` when they are the same."""
    return ", ".join(o.value if o.label == o.value else f"{o.value}={o.label}" for o in options)


def parse_options(text: str) -> tuple[list[FieldOption], str | None]:
    """The options typed, and what is wrong with them (None: nothing)."""
    options = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        value, _, label = (side.strip() for side in item.partition("="))
        if not value:
            return options, f"an option without a value: {item!r}"
        try:
            options.append(FieldOption(value=value, label=label or value))
        except ValueError:
            return options, f"an option too long (200 characters at most): {value[:20]!r}…"
    return options, None


class TypeFields(Vertical):
    """A type chooser and, for select and multiselect, the options; `declared()` is what
    they say, `problem` why it cannot be saved (None: it can)."""

    DEFAULT_CSS = """
    TypeFields { height: auto; margin-top: 1; }
    """

    class Changed(Message):
        """The type or the options changed (the dialog checks whether it can save)."""

    type_select = getters.query_one("#field-type", Select)
    options_input = getters.query_one("#field-options", Input)
    hint = getters.query_one("#field-type-hint", Static)

    def __init__(self, spec: TypeSpec, *, proposed: bool = False, kept_in: str | None = None):
        """`spec`: the type shown first; `proposed` says it was proposed from the path's
        values; `kept_in`: where types live when the server does not keep them."""
        super().__init__(id="type-fields")
        self.spec, self.proposed, self.kept_in = spec, proposed, kept_in
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        chosen = self.spec.type.value if self.spec.type else ANY_TYPE
        # Compact (one line each): the dialog must still fit 80x24 with them.
        select = Select(
            TYPE_CHOICES, value=chosen, allow_blank=False, compact=True, id="field-type"
        )
        yield form_row("Type", select)
        options = [FieldOption(value=o.value, label=o.label) for o in self.spec.options]
        field = Input(
            options_text(options),
            placeholder="value=Label, value2",
            compact=True,
            id="field-options",
        )
        yield form_row("Options", field)
        yield Static(id="field-type-hint", markup=False)

    def on_mount(self) -> None:
        self._check()

    def declared(self) -> tuple[FieldType | None, list[FieldOption]]:
        value = self.type_select.value
        kind = None if value == ANY_TYPE else FieldType(str(value))
        options, _ = parse_options(self.options_input.value) if kind in WITH_OPTIONS else ([], None)
        return kind, options

    @on(Select.Changed, "#field-type")
    @on(Input.Changed, "#field-options")
    def _changed(self, event: Message) -> None:
        event.stop()
        self._check()
        self.post_message(self.Changed())

    def _check(self) -> None:
        kind, options = self.declared()
        with_options = kind in WITH_OPTIONS
        self.options_input.parent.display = with_options  # type: ignore[union-attr]
        _, typing_problem = parse_options(self.options_input.value)
        problems = spec_of(kind, options).problems()
        self.problem = (typing_problem if with_options else None) or next(iter(problems), None)
        if self.problem is not None:
            self.hint.update(Content.assemble(("✗ ", "$text-warning"), self.problem))
        else:
            self.hint.update(self._note(kind))

    def _note(self, kind: FieldType | None) -> Content:
        if kind is None:
            return Content.styled("any value fits", "dim")
        said = "proposed from the path's values" if self.proposed else "values are checked"
        where = f"; kept {self.kept_in} (the server has no types)" if self.kept_in else ""
        return Content.styled(f"{said}{where}", "dim")
