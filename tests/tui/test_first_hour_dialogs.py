"""Issue 10: the dialogs say what is wrong, and stop saying it once it is fixed."""

from __future__ import annotations

from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog

from .driving import dialog_after, select_field, settle, text_of


async def test_the_edit_dialog_drops_its_error_once_the_path_is_edited(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await select_field(pilot, "badge_id")
        dialog = await dialog_after(pilot, "e", EditMappingDialog)
        await pilot.press("ctrl+u", *"Worker_Data.[", "enter")
        await settle(pilot)
        assert dialog.error_line.display and "✗" in text_of(dialog.error_line)
        await pilot.press("backspace", "backspace", *"Worker_ID")
        await settle(pilot)
        assert not dialog.error_line.display


async def test_a_name_too_long_is_kept_and_said_so(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        await pilot.press(*("a" * 129))
        assert dialog.name_input.value == "a" * 129  # the 129th character is not dropped
        assert "between 2 and 128 characters (129 now)" in text_of(dialog.name_hint)
        assert dialog.save_button.disabled
