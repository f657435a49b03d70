"""The configuration pane's keys, each with an id for a user keymap. The writes are the
screen's (`screen.write(…)`): the pane only says which field is selected. `o` is the
overrides report here only (the fallback under the coverage is `b`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CONFIGURATION_BINDINGS: list[BindingType] = [
    Binding(
        "u",
        "toggle_unmapped",
        "Unmapped",
        id="configuration.unmapped",
        tooltip="Show only the fields without a mapping (again: show all)",
    ),
    Binding(
        "e",
        "screen.write('edit_mapping')",
        "Edit path",
        id="configuration.edit",
        tooltip="Change the JMESPath of the selected field's mapping",
    ),
    Binding(
        "d",
        "screen.write('delete_mapping')",
        "Delete map",
        id="configuration.delete_mapping",
        tooltip="Delete the mapping that wins for the selected field",
    ),
    Binding(
        "r",
        "screen.write('edit_field')",
        "Edit field",
        id="configuration.edit_field",
        tooltip="Rename the selected field, change its description, or its model while "
        "it has no mappings",
    ),
    Binding(
        "o",
        "screen.overrides",
        "Overrides",
        id="configuration.overrides",
        tooltip="The overrides report: every connector override against the organization's "
        "mapping, flagged redundant, broken, stale or better",
    ),
    Binding(
        "D",
        "screen.write('delete_field')",
        "Delete field",
        id="configuration.delete_field",
        tooltip="Delete the selected custom field and all its mappings",
    ),
]
