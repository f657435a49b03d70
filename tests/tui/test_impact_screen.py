"""The impact screen before a mapping is saved or a field deleted, and the overrides
screen, on the demo data: nothing is written before the impact was shown and confirmed
(or its figures skipped with `s`)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from fieldmap.core.engine import Engine
from fieldmap.core.models import Category
from fieldmap.core.operations import FieldsQuery, Scope
from fieldmap.core.store import Store
from fieldmap.tui.dialogs.map_field import MapFieldDialog
from fieldmap.tui.screens.impact import ImpactScreen
from fieldmap.tui.screens.overrides import OverridesScreen

from .driving import choose, confirm_impact, dialog_after, select_field, settle, until

SIZES = [(80, 24), (160, 48)]
HRIS = Category.HRIS


def _workday_paths(data_dir) -> dict[str, str]:
    """The organization's Workday mappings, by field name, read from the store itself."""
    engine = Engine(Store.open(data_dir))
    names = {f.id: f.name for f in engine.list_fields(FieldsQuery(category=HRIS))}
    mappings = engine.list_mappings(Scope(integration_slug="workday"))
    return {names[m.custom_field_id]: m.json_path for m in mappings}


def _rows(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def _impact_of_mapping(pilot, field: str, path: str, replace=False) -> ImpactScreen:
    """Map `field` to `path` for every Workday connector, up to the impact screen (past
    the dialog's question when a mapping is `replace`d)."""
    pilot.app.screen.editor.set_expression(path)
    await settle(pilot)
    await select_field(pilot, field)
    dialog = await dialog_after(pilot, "m", MapFieldDialog)
    if replace:
        await pilot.press("ctrl+s")
        await until(pilot, lambda: dialog.replacing is not None)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, ImpactScreen))
    screen = pilot.app.screen
    await until(pilot, lambda: screen.result is not None)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_new_mapping_shows_every_connector_before_it_is_saved(app, data_dir, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await _impact_of_mapping(pilot, "preferred_pronouns", "Worker_Data.User_ID")
        rows = _rows(screen)
        assert [row[0] for row in rows] == ["Acme Corp — Workday", "Globex — Workday"]
        acme = rows[0]
        assert acme[1] == "— → Worker_Data.User_ID"
        assert acme[4] == "0% → 100%"
        assert acme[5] == "5,000 of 5,000"
        assert "preferred_pronouns" not in _workday_paths(data_dir)  # not saved yet
        assert screen.query_one(DataTable).size.width <= size[0]

        await pilot.press("o")  # by connector name: the same two here, the other order key
        assert screen.order == "connector"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImpactScreen | MapFieldDialog)
        assert _workday_paths(data_dir)["preferred_pronouns"] == "Worker_Data.User_ID"


async def test_cancelling_the_impact_saves_nothing_and_keeps_the_dialog(app, data_dir):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await _impact_of_mapping(pilot, "preferred_pronouns", "Worker_Data.User_ID")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MapFieldDialog)
        assert "cancelled on the impact screen" in str(app.screen.error_line.render())
        assert "preferred_pronouns" not in _workday_paths(data_dir)


async def test_s_saves_without_waiting_for_the_figures(app, data_dir):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await _impact_of_mapping(pilot, "preferred_pronouns", "Worker_Data.User_ID")
        await pilot.press("s")
        await settle(pilot)
        assert _workday_paths(data_dir)["preferred_pronouns"] == "Worker_Data.User_ID"


async def test_a_connector_whose_override_wins_is_listed_unaffected(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = await _impact_of_mapping(
            pilot, "cost_center", "Worker_Data.Worker_ID", replace=True
        )
        rows = {row[0]: row for row in _rows(screen)}
        assert rows["Globex — Workday"][1] == "override wins: unaffected"
        await pilot.press("escape")
        await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_deleting_a_field_shows_what_each_connector_loses_first(app, data_dir, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select_field(pilot, "badge_id")
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ImpactScreen))
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        acme = next(row for row in _rows(screen) if row[0] == "Acme Corp — Workday")
        assert acme[1].endswith("→ (field deleted)")
        assert acme[4].endswith("→ —")
        await pilot.press("escape")
        await settle(pilot)
        assert "badge_id" in _workday_paths(data_dir)  # cancelled: still there

        await select_field(pilot, "badge_id")
        await pilot.press("D")
        await confirm_impact(pilot)
        assert "badge_id" not in _workday_paths(data_dir)


async def test_the_overrides_screen_flags_and_removes_a_redundant_override(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose(pilot, "browse-integrations", "integration:bamboohr")
        await pilot.press("3", "o")
        await until(pilot, lambda: isinstance(app.screen, OverridesScreen))
        overrides = app.screen
        await until(pilot, lambda: overrides.report is not None)
        (row,) = _rows(overrides)
        assert row[:3] == ["redundant", "Initech — BambooHR", "cost_center"]
        assert row[3:5] == ['"customCostCenter"', "customCostCenter"]

        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ImpactScreen))
        await confirm_impact(pilot)
        assert app.screen is overrides
        assert overrides.report.findings == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(DataTable) is not None


async def test_only_a_redundant_override_is_removed_with_x(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "o")
        await until(pilot, lambda: isinstance(app.screen, OverridesScreen))
        overrides = app.screen
        await until(pilot, lambda: overrides.report is not None)
        (row,) = _rows(overrides)
        assert row[:3] == ["better", "Globex — Workday", "cost_center"]
        await pilot.press("x")
        await settle(pilot)
        assert app.screen is overrides  # no impact screen: nothing to remove
        assert len(overrides.report.findings) == 1
