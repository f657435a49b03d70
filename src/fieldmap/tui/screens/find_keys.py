"""The keys of finding the data (issue 15), each with an id for a user keymap. Listed
before the screen's own keys: `n` goes to the next matching row while a record look-up
has rows, and is the workbench's "new field" otherwise. The fallback is `b` (the B of
`A || B`): `o` is the configuration pane's overrides report, and one key meaning two things
on one screen would depend on the focus."""

from __future__ import annotations

from textual.binding import Binding, BindingType

FIND_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+f",
        "search_everywhere",
        "Search all",
        id="find.search",
        tooltip="Search the keys and values of every row, connector and sample of the model",
    ),
    Binding(
        "g",
        "go_to_record",
        "Go to record",
        show=False,
        id="find.record",
        tooltip="Go to the row(s) holding an employee id, an email or a name",
    ),
    Binding(
        "n",
        "record_match(1)",
        "Next match",
        show=False,
        id="find.next_record_row",
        tooltip="After g: the next row holding the record's value",
    ),
    Binding(
        "N",
        "record_match(-1)",
        "Prev match",
        show=False,
        id="find.previous_record_row",
        tooltip="After g: the previous row holding the record's value",
    ),
    Binding(
        "b",
        "take_fallback",
        "Fallback",
        show=False,
        id="find.take_fallback",
        tooltip="Put the first fallback suggested under the coverage (A || B) in the editor",
    ),
    Binding(
        "up",
        "history_back",
        "History",
        show=False,
        id="find.history",
        tooltip="In an empty editor: the expressions typed before (per integration and model;"
        " per file name in explore)",
    ),
]

UNIFIED_OUTPUT_BINDING = Binding(
    "U",
    "unified_output",
    "Unified output",
    show=False,
    id="find.unified_output",
    tooltip="The custom_fields object the unified API returns for this row (copyable)",
)
