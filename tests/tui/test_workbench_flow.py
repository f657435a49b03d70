"""The whole flow on the demo data, by keyboard: choose HRIS/employee and a connector, pick a
node, see its value and type, create a field, map it for the organization, override it for
the connector, see the configuration change, delete the override, see the organization's.
It runs on the local engine and on the remote backend over a real `fieldmap serve`."""

from __future__ import annotations

from textual.widgets import Select

from fieldmap.core import jmes
from fieldmap.core.models import MappingScope
from fieldmap.tui.dialogs.map_field import MapFieldDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.screens.impact import ImpactScreen
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor

from .driving import (
    ACME,
    choose,
    confirm_impact,
    dialog_after,
    select_field,
    settle,
    until,
    walk_to,
)

PHONE_STEPS = ("Worker_Data", "Personal_Data", "Contact_Data", "Phone_Data", 0, "Formatted_Phone")
PHONE_PATH = "Worker_Data.Personal_Data.Contact_Data.Phone_Data[0].Formatted_Phone"
OVERRIDE_PATH = "Worker_Data.User_ID"
REPLACEMENT_PATH = "Worker_Descriptor"


def field_row(app, name):
    table = app.screen_stack[0].query_one(ConfigurationTable)
    return next(row for row in table.rows if row.field.name == name)


async def map_for_the_connector(pilot, path: str) -> MapFieldDialog:
    """Type `path` in the editor, press m, choose the connector scope in the dialog."""
    pilot.app.screen.query_one(PathEditor).path_input.focus()
    await pilot.press("ctrl+u", *path, "enter", "escape", "m")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, MapFieldDialog)
    dialog.scope_select.focus()
    await pilot.press("enter", "down", "enter")
    return dialog


async def test_map_a_new_field_then_override_it_for_one_connector(any_app):
    """Against the local engine and against a real `fieldmap serve`, alike."""
    app = any_app
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose(pilot, "browse-models", "model:HRIS:employee")
        await choose(pilot, "browse-integrations", "integration:workday")
        await choose(pilot, "browse-connectors", f"connector:{ACME}")
        screen = app.screen
        assert screen.context.connector_token == ACME
        raw = screen.raw
        assert raw is not None and raw.row_index == raw.row_count - 1  # the latest row

        def value_of(path):
            return jmes.evaluate(path, raw.data).value

        # Pick a node in the tree: its path goes to the editor, with value and type.
        await walk_to(pilot, PHONE_STEPS)
        await pilot.press("enter")
        await settle(pilot)
        editor = screen.query_one(PathEditor)
        assert editor.expression == PHONE_PATH
        assert editor.result_view.text == f'"{value_of(PHONE_PATH)}"'
        assert str(editor.status.render()) == "✓ string · connector_sync"

        # A new field, named through the live validation.
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        await pilot.press(*"Work")
        assert dialog.save_button.disabled
        assert "snake_case" in str(dialog.name_hint.render())
        await pilot.press("ctrl+u", *"cost_center")
        assert "already exists" in str(dialog.name_hint.render())
        await pilot.press("ctrl+u", *"work_phone", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert field_row(app, "work_phone").field.source is None

        # Map it for every Workday connector (the organization scope is the default).
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MapFieldDialog)
        new_field_id = field_row(app, "work_phone").field.custom_field_id
        assert app.screen.query_one(Select).value == new_field_id  # the new field is selected
        await pilot.press("ctrl+s")
        await confirm_impact(pilot)
        row = field_row(app, "work_phone")
        assert (row.field.source, row.field.json_path) == (MappingScope.ORGANIZATION, PHONE_PATH)
        assert row.value == value_of(PHONE_PATH)

        # Override it for this connector only, with another path.
        dialog = await map_for_the_connector(pilot, OVERRIDE_PATH)
        assert dialog.scope is MappingScope.CONNECTOR
        await pilot.press("ctrl+s")
        await confirm_impact(pilot)
        row = field_row(app, "work_phone")
        assert (row.field.source, row.field.json_path) == (MappingScope.CONNECTOR, OVERRIDE_PATH)
        assert row.value == value_of(OVERRIDE_PATH)

        # Mapping again at that scope shows old and new, and replaces once confirmed.
        dialog = await map_for_the_connector(pilot, REPLACEMENT_PATH)
        await pilot.press("ctrl+s")
        await settle(pilot)
        existing = str(dialog.existing_line.render())
        assert OVERRIDE_PATH in existing and f'"{value_of(OVERRIDE_PATH)}"' in existing
        assert REPLACEMENT_PATH in existing and f'"{value_of(REPLACEMENT_PATH)}"' in existing
        assert app.screen is dialog
        await pilot.press("ctrl+s")
        await confirm_impact(pilot)
        assert field_row(app, "work_phone").field.json_path == REPLACEMENT_PATH

        # Delete the override: the organization mapping takes over again.
        await select_field(pilot, "work_phone")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ImpactScreen))
        body = str(app.screen.query_one("#impact-note").render())
        assert f"The organization mapping {PHONE_PATH} will apply again" in body
        await confirm_impact(pilot)
        row = field_row(app, "work_phone")
        assert (row.field.source, row.field.json_path) == (MappingScope.ORGANIZATION, PHONE_PATH)
        assert row.value == value_of(PHONE_PATH)
        table = screen.query_one(ConfigurationTable).table
        table_text = "".join(str(c) for c in table.get_row(str(row.field.custom_field_id)))
        assert "● organization" in table_text
