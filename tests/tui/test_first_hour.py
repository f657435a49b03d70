"""Issue 10: what a new user tripped over in the workbench (fill rates, headings, selection)."""

from __future__ import annotations

from fieldmap.tui.widgets.configuration_table import ConfigurationTable

from .driving import GLOBEX, settle, until


def fill_cells(table: ConfigurationTable) -> list[str]:
    return [str(table.table.get_cell(key, "fill")) for key in table.table.rows]


async def test_fill_rates_arrive_after_a_switch_to_another_connector(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ConfigurationTable)
        await until(pilot, lambda: fill_cells(table) and "…" not in fill_cells(table))
        await pilot.press("ctrl+p", *"Globex")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.context.connector_token == GLOBEX
        await until(pilot, lambda: table.fields is not None and len(table.table.rows) > 0)
        await settle(pilot)
        cells = fill_cells(table)
        assert cells and "…" not in cells, cells
