"""Issue 10 item 2: at 160x48 the configuration's paths can be read (and 80x24 still works)."""

from __future__ import annotations

from textual.widgets.data_table import ColumnKey

from fieldmap.tui.widgets.configuration_table import ConfigurationTable

from .driving import settle
from .scenarios import NARROW, WIDE


def path_cells(table: ConfigurationTable) -> list[tuple[str, str]]:
    """Each mapped field's path, and what its cell shows."""
    return [
        (row.field.json_path, str(table.table.get_cell(str(row.field.custom_field_id), "path")))
        for row in table.rows
        if row.field.json_path
    ]


async def test_at_160x48_workday_paths_show_whole_or_keep_their_head_and_leaf(app):
    assert WIDE == (160, 48)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(ConfigurationTable)
        assert "Workday" in str(pilot.app.screen.context_bar.render())
        cells = path_cells(table)
        assert cells, "the demo's Workday connector has mappings"
        for path, cell in cells:
            leaf = path.rsplit(".", 1)[-1]
            head = path.split(".", 1)[0]
            assert cell == path or (
                cell.count("…") == 1 and cell.endswith(leaf) and cell.startswith(head)
            ), f"{path!r} shows as {cell!r}"
        # Wide enough that a Workday path reads past its first step (it was 13 characters).
        assert table.table.columns[ColumnKey("path")].width >= 40


async def test_at_80x24_the_configuration_still_lists_its_paths(app):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = pilot.app.screen.query_one(ConfigurationTable)
        assert table.display and path_cells(table)
