"""The paths pane: names suggested from paths, and the pane in the workbench (Enter → editor;
`c` → a field created and mapped in one step, visible in the configuration)."""

from __future__ import annotations

import pytest

from fieldmap.core.models import MappingScope
from fieldmap.core.naming import suggest_field_name
from fieldmap.tui.dialogs.new_field import NewFieldDialog, name_problem
from fieldmap.tui.widgets.path_list import PathList, fill_label

from .driving import settle


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("phones[*].number", "phones_number"),
        ("Worker_Data.Personal_Data.Birth_Date", "birth_date"),
        ("report.workers[*].email", "workers_email"),
        ("guardianMobile", "guardian_mobile"),
        ("employment.status", "employment_status"),
        ("a", "field_a"),
        ('x."2nd"', "x_2nd"),
        ("[*].id", "id"),
        ("k" * 300, "k" * 128),
    ],
)
def test_a_suggested_name_is_a_valid_field_name(path, name):
    assert suggest_field_name(path) == name
    assert name_problem(name, set()) is None


def test_a_fill_rate_never_rounds_a_gap_away():
    assert [fill_label(r) for r in (0, 0.001, 0.5, 0.996, 1)] == ["0%", "<1%", "50%", "99%", "100%"]


async def test_enter_on_a_path_puts_it_into_the_editor(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        paths = screen.query_one(PathList)
        await pilot.press("5")
        await settle(pilot)
        assert paths.display and paths.paths
        assert paths.filter_input.has_focus  # typing filters at once
        await pilot.press(*"Birth_Date")
        await settle(pilot)
        assert [p.path for p in paths.shown] == ["Worker_Data.Personal_Data.Birth_Date"]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.editor.expression == "Worker_Data.Personal_Data.Birth_Date"
        assert screen.editor.evaluation.value is not None


async def test_c_creates_a_field_named_after_the_path_and_maps_it(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        paths = screen.query_one(PathList)
        await pilot.press("5", *"Birth_Date", "down", "c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewFieldDialog)
        assert dialog.name_input.value == "birth_date"
        await pilot.press("ctrl+s")
        await settle(pilot)
        field = next(f for f in screen.configuration if f.name == "birth_date")
        assert field.json_path == "Worker_Data.Personal_Data.Birth_Date"
        assert field.source is MappingScope.ORGANIZATION
        assert screen.fields_table.selected_field == field
        assert "Worker_Data.Personal_Data.Birth_Date" in paths.used
