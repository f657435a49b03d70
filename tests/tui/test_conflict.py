"""A save that someone else beat: the conflict dialog shows yours and theirs with their
values on the current row, and keeping theirs, overwriting or editing does what it says.
The other person is another engine on the same data dir (as a second TUI would be)."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from fieldmap.core.engine import Engine
from fieldmap.core.models import MappingScope
from fieldmap.core.operations import MappingChange
from fieldmap.core.store import Store
from fieldmap.tui.dialogs.conflict import ConflictDialog
from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.map_field import MapFieldDialog
from fieldmap.tui.screens.impact import ImpactScreen

from .driving import confirm_impact, dialog_after, select_field, settle, text_of, until

MINE, THEIRS = "Worker_ID", "Worker_Descriptor"


def organization_path(data_dir, field_id) -> str:
    store = Store.open(data_dir)
    try:
        detail = Engine(store).get_field(field_id)
    finally:
        store.close()
    return next(m.json_path for m in detail.mappings if m.scope is MappingScope.ORGANIZATION)


async def conflict_after_replacing(pilot, data_dir) -> tuple[ConflictDialog, object]:
    """Map MINE over badge_id's organization mapping while THEIRS is saved meanwhile."""
    pilot.app.screen.editor.set_expression(MINE)
    await settle(pilot)
    await select_field(pilot, "badge_id")
    dialog = await dialog_after(pilot, "m", MapFieldDialog)
    await pilot.press("ctrl+s")  # shows the mapping there and asks to replace it
    await settle(pilot)
    shown = dialog.replacing
    assert shown is not None
    other = Store.open(data_dir)
    try:
        Engine(other).update_mapping(MappingChange(mapping_id=shown.id, json_path=THEIRS))
    finally:
        other.close()
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, ImpactScreen))
    await until(pilot, lambda: pilot.app.screen.result is not None)
    await pilot.press("ctrl+s")  # the impact shown, then the save finds theirs
    await until(pilot, lambda: isinstance(pilot.app.screen, ConflictDialog))
    return pilot.app.screen, shown


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_conflict_shows_both_versions_and_their_values_and_fits(app, data_dir, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        conflict, _ = await conflict_after_replacing(pilot, data_dir)
        versions = text_of(conflict.query_one("#conflict-versions"))
        assert "badge_id" in versions
        yours, theirs = versions.split("theirs")
        assert MINE in yours and "→" in yours
        assert THEIRS in theirs and "→" in theirs
        assert "Workday" in versions or "workday" in versions.lower()
        width, height = size
        for button in conflict.query(Button):
            region = button.region
            assert region.width and region.right <= width and region.bottom <= height
        await pilot.press("escape")
        await settle(pilot)


@pytest.fixture
def notified(app, monkeypatch) -> list[str]:
    """What the app notifies, in order (and still shown)."""
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app,
        "notify",
        lambda message, *a, **kw: (said.append(str(message)), notify(message, *a, **kw)),
    )
    return said


@pytest.mark.parametrize(
    ("key", "stored", "said"),
    [
        ("o", MINE, "Replaced the mapping of badge_id"),
        ("escape", THEIRS, "Kept the mapping of badge_id"),
        ("e", THEIRS, "Not saved: edit the expression"),
    ],
)
async def test_each_choice_does_what_it_says(app, data_dir, notified, key, stored, said):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        workbench = pilot.app.screen
        _, shown = await conflict_after_replacing(pilot, data_dir)
        await pilot.press(key)
        if key == "o":  # overwriting is a save: its impact first
            await confirm_impact(pilot)
        await settle(pilot)
        assert pilot.app.screen is workbench
        assert any(said in message for message in notified), notified
        assert workbench.editor.expression == MINE  # yours stays in the editor
    assert organization_path(data_dir, shown.custom_field_id) == stored


@pytest.mark.parametrize(
    ("key", "stored", "open_after"),
    [("o", MINE, False), ("escape", THEIRS, False), ("e", THEIRS, True)],
)
async def test_an_edit_of_a_mapping_changed_meanwhile_asks_too(
    app, data_dir, notified, key, stored, open_after
):
    """`e` on the configuration pane edits the mapping as it was shown: a change saved in
    between (another engine on the data dir) opens the conflict dialog, not an overwrite."""
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        workbench = pilot.app.screen
        await select_field(pilot, "badge_id")
        dialog = await dialog_after(pilot, "e", EditMappingDialog)
        field = dialog.field
        await pilot.press("ctrl+u", *MINE)
        other = Store.open(data_dir)
        try:
            Engine(other).update_mapping(
                MappingChange(mapping_id=field.mapping_id, json_path=THEIRS)
            )
        finally:
            other.close()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ImpactScreen))
        await until(pilot, lambda: pilot.app.screen.result is not None)
        await pilot.press("ctrl+s")  # not settled: the save waits on the conflict dialog
        await until(pilot, lambda: isinstance(pilot.app.screen, ConflictDialog))
        versions = text_of(pilot.app.screen.query_one("#conflict-versions"))
        assert MINE in versions.split("theirs")[0] and THEIRS in versions.split("theirs")[1]
        await pilot.press(key)
        if key == "o":  # overwriting is a save: its impact first
            await confirm_impact(pilot)
        await settle(pilot)
        assert (pilot.app.screen is dialog) is open_after
        if not open_after:
            assert pilot.app.screen is workbench
            assert any(f"now reads {stored}" in message for message in notified), notified
    assert organization_path(data_dir, field.custom_field_id) == stored
