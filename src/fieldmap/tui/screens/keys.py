"""Every key binding of the editor screens, each with an id: a user keymap (the config
file's `keymap`) rebinds a key by its id. Each screen adds a number key per pane
(`panes.pane_keys`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EDITOR_BINDINGS: list[BindingType] = [
    Binding(
        "f",
        "failing_row(1)",
        "Next failing",
        show=False,
        id="editor.next_failing_row",
        tooltip="Show the next row where the editor's expression is null, fails or does not"
        " fit the chosen field's type",
    ),
    Binding(
        "F",
        "failing_row(-1)",
        "Prev failing",
        show=False,
        id="editor.previous_failing_row",
        tooltip="Show the previous row where the editor's expression is null, fails or does"
        " not fit the chosen field's type",
    ),
    Binding(
        "y",
        "copy_path",
        "Copy path",
        show=False,
        id="editor.copy_path",
        tooltip="Copy the editor's expression to the clipboard (OSC 52)",
    ),
    Binding(
        "Y",
        "copy_value",
        "Copy value",
        show=False,
        id="editor.copy_value",
        tooltip="Copy the resolved value, as JSON, to the clipboard (OSC 52)",
    ),
    Binding(
        "s",
        "suggestions",
        "Suggestions",
        show=False,
        id="editor.suggestions",
        tooltip="Choose among the paths suggested for a null result",
    ),
    Binding(
        "down",
        "suggestions_below",
        "Suggestions",
        show=False,
        id="editor.down_to_suggestions",
        tooltip="In the editor: go down to the paths suggested for a null result",
    ),
    Binding(
        "a",
        "path_forms",
        "Alternatives",
        show=False,
        id="editor.path_forms",
        tooltip="Index, projection and filter forms of the array node under the cursor",
    ),
]
"""Listed by each screen in its own BINDINGS, so that its help shows them in order;
each screen has `action_failing_row(direction)`."""

WORKBENCH_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", "Help", id="workbench.help", tooltip="List every key"),
    Binding("q", "app.quit", "Quit", show=False, id="workbench.quit", tooltip="Quit fieldmap"),
    Binding(
        "n",
        "write('new_field')",
        "New field",
        id="workbench.new_field",
        tooltip="Create a custom field on the chosen model",
    ),
    Binding(
        "m",
        "write('map_field')",
        "Map",
        id="workbench.map",
        tooltip="Save the editor's expression as the selected field's mapping",
    ),
    *EDITOR_BINDINGS,
    Binding(
        "t",
        "take_conversion",
        "Take conversion",
        show=False,
        id="workbench.take_conversion",
        tooltip="Put the suggested conversion (to the chosen field's type) into the editor",
    ),
    Binding(
        "left_square_bracket",
        "move_row(-1)",
        "Prev row",
        show=False,
        id="workbench.previous_row",
        tooltip="Show the connector's previous synced row",
    ),
    Binding(
        "right_square_bracket",
        "move_row(1)",
        "Next row",
        show=False,
        id="workbench.next_row",
        tooltip="Show the connector's next synced row",
    ),
    Binding(
        "ctrl+r",
        "refresh",
        "Refresh",
        show=False,
        id="workbench.refresh",
        tooltip="Fetch everything again from the backend",
    ),
    Binding(
        "escape",
        "leave_editor",
        "Leave editor",
        id="workbench.escape",
        tooltip="Leave the editor for the payload tree (then m maps the expression)",
    ),
    Binding(
        "tab",
        "cycle_focus(1)",
        "Next pane",
        show=False,
        id="workbench.next_pane",
        tooltip="Move to the next list, tree or table",
    ),
    Binding(
        "shift+tab",
        "cycle_focus(-1)",
        "Previous pane",
        show=False,
        id="workbench.previous_pane",
        tooltip="Move to the previous list, tree or table",
    ),
]

EXPLORE_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", "Help", id="explore.help", tooltip="List every key"),
    Binding(
        "q",
        "app.quit",
        "Quit",
        id="explore.quit",
        tooltip="Quit (--print-path prints the path)",
    ),
    Binding(
        "left_square_bracket",
        "move_row(-1)",
        "Prev row",
        id="explore.previous_row",
        tooltip="Show the previous row of the file",
    ),
    Binding(
        "right_square_bracket",
        "move_row(1)",
        "Next row",
        id="explore.next_row",
        tooltip="Show the next row of the file",
    ),
    *EDITOR_BINDINGS,
    Binding(
        "escape",
        "leave_editor",
        "Leave editor",
        show=False,
        id="explore.escape",
        tooltip="Leave the editor for the payload tree",
    ),
]
