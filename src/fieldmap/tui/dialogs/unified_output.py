"""What the unified API would return for the row shown: its `custom_fields` object under
the connector's effective configuration, and how many rows have every mapped field.
Dismisses with the JSON text when `y` asks for a copy (the screen copies it)."""

from __future__ import annotations

import json
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from fieldmap.core.find_operations import UnifiedOutput
from fieldmap.core.wording import count_of


class UnifiedOutputDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="unified.close", tooltip="Close"),
        Binding(
            "y",
            "copy",
            "Copy",
            id="unified.copy",
            tooltip="Copy the custom_fields object, as JSON, to the clipboard (OSC 52)",
        ),
    ]

    def __init__(self, output: UnifiedOutput) -> None:
        super().__init__()
        self.output = output
        self.text = json.dumps(
            {"custom_fields": output.custom_fields}, indent=2, ensure_ascii=False
        )

    def compose(self) -> ComposeResult:
        output = self.output
        where = "the sample" if output.row is None else f"row {output.row + 1:,}"
        with Vertical(id="dialog", classes="unified-output"):
            yield Label(f"What the unified API returns for {where}", id="dialog-title")
            yield Static(summary(output), markup=False, id="unified-summary")
            area = TextArea(self.text, read_only=True, language=None, id="unified-json")
            yield area
            yield Static("y copies the JSON · Esc closes", markup=False, classes="dim")

    def action_copy(self) -> None:
        self.dismiss(self.text)

    def action_close(self) -> None:
        self.dismiss(None)


def summary(output: UnifiedOutput) -> str:
    """Across the rows: how many have every mapped field filled, and each field's fill."""
    mapped = len(output.filled)
    if output.only_latest_row:
        rows = "the latest row only (the server has no unified-output extension)"
    else:
        rows = f"{output.complete_rows:,} of {count_of(output.rows, 'row')}"
    line = f"{count_of(mapped, 'mapped field')}; every one filled on {rows}"
    if output.first_incomplete_row is not None and not output.only_latest_row:
        line += f" (first one missing on row {output.first_incomplete_row + 1:,})"
    return line
