"""The remote workbench as a new user would try it on a server of the published contract
only (no lookups, no connector listing, pages of 3 fields): the built-in catalogue, said
so, a connector token added by hand, its fields with their mappings and configuration."""

from __future__ import annotations

import httpx

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.models import MappingScope
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.add_connector_token import AddConnectorTokenDialog
from fieldmap.tui.screens.workbench_loads import BUILTIN_CATALOGUE
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from tests.contract.published_server import published_app

from .driving import GLOBEX, choose, settle, text_of

KEY = "published-workbench-key"


async def test_models_fields_mappings_and_a_hand_added_connector(data_dir, tmp_path):
    server = published_app(Engine(Store.open(data_dir)), KEY)
    config = ConfigFile(tmp_path / "config.json")
    app = FieldmapApp(
        lambda: RemoteBackend(
            "http://published.test",
            KEY,
            transport=httpx.ASGITransport(app=server),
            config_file=config,
        )
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        browser = screen.query_one(Browser)
        assert browser.border_subtitle == BUILTIN_CATALOGUE
        assert {m.slug for m in screen.catalog.models} >= {"employee", "candidate", "course"}
        assert len(screen.catalog.fields) > 3  # every page of 3 was followed
        await choose(pilot, "browse-models", "model:HRIS:employee")
        await choose(pilot, "browse-integrations", "integration:workday")
        await choose(pilot, "browse-connectors", "add-token")
        dialog = app.screen
        assert isinstance(dialog, AddConnectorTokenDialog)
        dialog.token_input.value = GLOBEX
        await pilot.press("enter")
        await settle(pilot)
        assert screen.context.connector_token == GLOBEX
        table = screen.query_one(ConfigurationTable)
        by_name = {row.field.name: row.field for row in table.rows}
        assert by_name["cost_center"].source is MappingScope.CONNECTOR  # Globex's override
        assert by_name["badge_id"].source is MappingScope.ORGANIZATION
        assert by_name["preferred_pronouns"].source is None
        assert screen.raw is not None and "Worker_Data" in screen.raw.data
        table.table.move_cursor(row=list(by_name).index("cost_center"))
        await pilot.pause()
        # Initech's redundant override counts too.
        assert "7 mappings (5 organization, 2 connector)" in text_of(table.detail)
