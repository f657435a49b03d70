"""Fallbacks for an expression that leaves rows null: `A || B` and what each would fill,
under the coverage; `b` takes the first into the editor. Shows `FallbackSuggestions` and
knows nothing of where they came from."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from fieldmap.core.find_operations import FallbackSuggestions
from fieldmap.tui.literal import escape_controls, json_preview

SHOWN = 3
SAMPLE_CHARS = 20


class FallbackPanel(Widget):
    suggestions: reactive[FallbackSuggestions | None] = reactive(None, always_update=True)

    def render(self) -> Content:
        found = self.suggestions
        if found is None or not found.suggestions:
            return Content("")
        width = self.content_size.width
        lines = [Content.styled("fallbacks (b takes the first)", "dim")]
        for suggestion in found.suggestions[:SHOWN]:
            gained = suggestion.filled - suggestion.filled_before
            line = Content.assemble(
                ("|| " + " || ".join(escape_controls(f) for f in suggestion.fallbacks), "bold"),
                (f" → {suggestion.coverage:.1%} (+{gained:,} rows", ""),
                (
                    f", row {suggestion.sample_row + 1:,}: " if suggestion.sample_row >= 0 else "",
                    "",
                ),
                (
                    json_preview(suggestion.sample, SAMPLE_CHARS)
                    if suggestion.sample_row >= 0
                    else "",
                    "dim",
                ),
                (")", ""),
            )
            lines.append(line.truncate(width, ellipsis=True) if width else line)
        return Content("\n").join(lines)

    def watch_suggestions(self) -> None:
        self.display = bool(self.suggestions and self.suggestions.suggestions)
