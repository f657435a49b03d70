"""Whether the editor's value fits the selected field's declared type, and the JMESPath
conversions that would make more values fit, each with how its values fit across the rows;
`t` takes the first into the editor."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from fieldmap.core.field_types import TypeSpec
from fieldmap.core.operations import Conversions
from fieldmap.core.wording import count_of
from fieldmap.tui.literal import escape_controls

SUGGESTIONS_SHOWN = 3
ONE_ROW = " (on the latest row only: the server has no conversions extension)"


class ConversionsPanel(Widget):
    """A few lines: the declared type and this row's verdict, then the conversions."""

    DEFAULT_CSS = """
    ConversionsPanel { height: auto; }
    """

    # Each changes how many lines the panel takes: layout again.
    spec: reactive[TypeSpec | None] = reactive(None, layout=True)
    """The selected field's declared type (None, or untyped: nothing to show)."""
    field_name: reactive[str] = reactive("")
    verdict: reactive[str | None] = reactive(None, layout=True)
    """Why the value on the row shown does not fit (None: it fits, or there is none)."""
    conversions: reactive[Conversions | None] = reactive(None, always_update=True, layout=True)

    def render(self) -> Content:
        spec = self.spec
        if spec is None or spec.type is None:
            return Content("")
        name = escape_controls(self.field_name)
        if self.verdict is None:
            head = Content.assemble(("✓ ", "$text-success"), f"fits {name}'s type {spec.type}")
        else:
            head = Content.assemble(
                ("✗ ", "$text-warning"),
                f"{escape_controls(self.verdict)} ({name} is {spec.type})",
            )
        lines = [head]
        conversions = self.conversions
        if conversions is not None and conversions.suggestions:
            where = ONE_ROW if conversions.only_latest_row else ""
            for index, suggestion in enumerate(conversions.suggestions[:SUGGESTIONS_SHOWN]):
                key = ("t ", "bold") if index == 0 else ("  ", "")
                lines.append(
                    Content.assemble(
                        key,
                        escape_controls(suggestion.json_path),
                        (f"  ✓ {suggestion.fitting:,} fit · ✗ {suggestion.misfits:,}", "dim"),
                        (f" · {escape_controls(suggestion.why)}{where}", "dim"),
                    )
                )
        elif conversions is not None and conversions.misfits:
            misfits = count_of(conversions.misfits, "value")
            lines.append(
                Content.styled(f"no conversion helps the {misfits} that do not fit", "dim")
            )
        width = self.content_size.width
        return Content("\n").join(
            [line.truncate(width, ellipsis=True) if width else line for line in lines]
        )

    def on_mount(self) -> None:
        self.watch_spec()

    def watch_spec(self) -> None:
        self.display = self.spec is not None and self.spec.type is not None
