"""The whole flow, by keyboard: context, tree, editor, new field, map, override, delete."""

from __future__ import annotations

from textual.widgets import Input, RadioSet, Select

from fieldmap.core.models import MappingScope
from fieldmap.tui.dialogs.map_field import MapFieldDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor

from .conftest import ACME, choose, settle, walk_to

MOBILE_STEPS = ("Personal_Data", "Contact_Data", "Phone", 0, "Number")
MOBILE_PATH = "Personal_Data.Contact_Data.Phone[0].Number"
FIRST_NAME_PATH = "Personal_Data.Name_Data.Legal_Name.First_Name"


def field_row(app, name):
    table = app.screen_stack[0].query_one(ConfigurationTable)
    return next(row for row in table.rows if row.field.name == name)


async def test_map_a_new_field_then_override_it_for_one_connector(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose(pilot, "browse-models", "model:HRIS:employee")
        await choose(pilot, "browse-integrations", "integration:workday")
        await choose(pilot, "browse-connectors", f"connector:{ACME}")
        screen = app.screen
        assert screen.context.connector_token == ACME
        assert screen.raw is not None and screen.raw.row_index == 2  # the latest of 3 rows

        # Pick a node in the tree: its path goes to the editor, with value and type.
        await walk_to(pilot, MOBILE_STEPS)
        await pilot.press("enter")
        await settle(pilot)
        editor = screen.query_one(PathEditor)
        assert editor.expression == MOBILE_PATH
        assert editor.result_view.text == '"+1 415 555 0100"'
        assert "string" in str(editor.status.render())
        assert "connector_sync" in str(editor.status.render())

        # A new field, named through the live validation.
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewFieldDialog)
        await pilot.press(*"Guardian")
        assert dialog.save_button.disabled
        assert "snake_case" in str(dialog.name_hint.render())
        await pilot.press("ctrl+u", *"cost_center")
        assert "already exists" in str(dialog.name_hint.render())
        await pilot.press("ctrl+u", *"guardian_mobile", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert field_row(app, "guardian_mobile").field.source is None

        # Map it for every Workday connector (the organization scope is the default).
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MapFieldDialog)
        assert app.screen.query_one(Select).value == field_row(app, "guardian_mobile").field.custom_field_id
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = field_row(app, "guardian_mobile")
        assert row.field.source is MappingScope.ORGANIZATION
        assert row.field.json_path == MOBILE_PATH
        assert row.value == "+1 415 555 0100"

        # Override it for this connector only, with another path.
        editor.path_input.focus()
        await pilot.press("ctrl+u", *FIRST_NAME_PATH, "enter", "escape")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one(RadioSet).focus()
        await pilot.press("down", "enter")
        assert dialog.scope is MappingScope.CONNECTOR
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = field_row(app, "guardian_mobile")
        assert row.field.source is MappingScope.CONNECTOR
        assert row.value == "Logan"

        # Mapping again at the same scope shows old and new, and replaces once confirmed.
        editor.path_input.focus()
        await pilot.press("ctrl+u", *"Worker_ID", "enter", "escape")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one(RadioSet).focus()
        await pilot.press("down", "enter", "ctrl+s")
        await settle(pilot)
        existing = str(dialog.existing_line.render())
        assert FIRST_NAME_PATH in existing and '"Logan"' in existing
        assert "Worker_ID" in existing and '"21002"' in existing
        assert app.screen is dialog
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field_row(app, "guardian_mobile").field.json_path == "Worker_ID"

        # Delete the override: the organization mapping takes over again.
        await pilot.press("3")
        await settle(pilot)
        table = screen.query_one(ConfigurationTable)
        names = [row.field.name for row in table.rows]
        table.table.move_cursor(row=names.index("guardian_mobile"))
        await pilot.press("d")
        await settle(pilot)
        assert "organization mapping" in str(app.screen.query_one("#confirm-body").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = field_row(app, "guardian_mobile")
        assert row.field.source is MappingScope.ORGANIZATION
        assert row.value == "+1 415 555 0100"
