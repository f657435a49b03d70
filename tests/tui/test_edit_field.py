"""r in the configuration pane edits the selected field (name, description, and its model
while it has no mappings), and the pane shows each field's mapping counts; at 80x24."""

from __future__ import annotations

from textual.widgets import Select

from fieldmap.tui.dialogs.edit_field import EditFieldDialog
from fieldmap.tui.widgets.configuration_table import ConfigurationTable

from .driving import ACME, choose, dialog_after, select_field, settle, text_of


async def open_acme_employees(pilot) -> ConfigurationTable:
    await settle(pilot)
    await choose(pilot, "browse-models", "model:HRIS:employee")
    await choose(pilot, "browse-integrations", "integration:workday")
    await choose(pilot, "browse-connectors", f"connector:{ACME}")
    return pilot.app.screen.query_one(ConfigurationTable)


async def edit_field(pilot, name: str) -> EditFieldDialog:
    """Select the field `name` and press r: its dialog."""
    await select_field(pilot, name)
    dialog = await dialog_after(pilot, "r", EditFieldDialog)
    return dialog


async def test_a_mapped_field_is_renamed_and_its_model_stays(app):
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_acme_employees(pilot)
        await select_field(pilot, "badge_id")
        await settle(pilot)
        assert "3 mappings (3 organization, 0 connector)" in text_of(table.detail)
        dialog = await edit_field(pilot, "badge_id")
        assert dialog.query_one(Select).disabled  # mapped: the model cannot change
        dialog.name_input.focus()
        await pilot.press("ctrl+u", *"badge_number")
        dialog.description_input.focus()
        await pilot.press("ctrl+u", *"Printed on the badge", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EditFieldDialog)
        names = [row.field.name for row in table.rows]
        assert "badge_number" in names and "badge_id" not in names
        assert table.selected_field.name == "badge_number"
        assert "Printed on the badge" in text_of(table.detail)


async def test_an_unmapped_field_moves_to_another_model(app):
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_acme_employees(pilot)
        await select_field(pilot, "preferred_pronouns")  # mapped nowhere in the demo
        await settle(pilot)
        assert "no mapping" in text_of(table.detail)
        dialog = await edit_field(pilot, "preferred_pronouns")
        select = dialog.query_one(Select)
        assert not select.disabled
        select.value = "employment"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "preferred_pronouns" not in [row.field.name for row in table.rows]


async def test_a_taken_name_cannot_be_saved(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_acme_employees(pilot)
        dialog = await edit_field(pilot, "badge_id")
        dialog.name_input.focus()
        await pilot.press("ctrl+u", *"cost_center")
        await pilot.pause()
        assert dialog.save_button.disabled
        assert "already exists" in text_of(dialog.name_hint)
