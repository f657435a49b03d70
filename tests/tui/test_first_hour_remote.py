"""Issue 10 on a remote workbench: a server that fails, or goes away and comes back."""

from __future__ import annotations

import secrets
from contextlib import ExitStack

import pytest
from textual.widgets import OptionList

from fieldmap.backends.remote import RemoteBackend
from fieldmap.backends.retry import RetryPolicy
from fieldmap.core.config import ConfigFile
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from tests.served import free_port, isolated_env, running_server

from .driving import GLOBEX, choose, settle, text_of, until
from .scenarios import NARROW, WIDE


def remote_app(base_url: str, key: str, config: ConfigFile) -> FieldmapApp:
    return FieldmapApp(
        lambda: RemoteBackend(base_url, key, retry=RetryPolicy(attempts=1), config_file=config)
    )


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_a_failure_stays_whole_in_its_pane_and_the_lists_stop_loading(tmp_path, size):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    app = remote_app(closed, "some-key", ConfigFile(tmp_path / "config.json"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        notice = screen.query_one("#payload-source")
        text = text_of(notice)
        assert text.endswith("(ctrl+r retries)") and "127.0.0.1" in text
        assert notice.size.height >= -(-len(text) // notice.content_size.width)  # wrapped
        for list_id in ("browse-models", "browse-integrations", "browse-connectors"):
            options = screen.query_one(f"#{list_id}", OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            assert prompts == ["Not loaded (ctrl+r retries)"]


async def test_values_after_the_server_comes_back_come_from_a_loaded_row(data_dir, tmp_path):
    key, port = secrets.token_urlsafe(18), free_port()
    home = tmp_path / "home"
    home.mkdir()

    def serve():
        return running_server(
            ["--data-dir", str(data_dir), "--api-key", key],
            isolated_env(home),
            home / "server.out",
            home / "server.log",
            port=port,
        )

    with ExitStack() as first_run:
        base_url = first_run.enter_context(serve())
        app = remote_app(base_url, key, ConfigFile(tmp_path / "config.json"))
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            screen = app.screen
            table = screen.query_one(ConfigurationTable)
            first_run.close()  # the server stops
            await choose(pilot, "browse-connectors", f"connector:{GLOBEX}")
            assert screen.raw is None
            with serve():  # and starts again where it was
                await pilot.press("n", *"badge_number", "enter")
                await settle(pilot)
                await until(pilot, lambda: table.fields is not None and table.rows)
                await settle(pilot)
                mapped = [row.field for row in table.rows if row.field.json_path]
                assert mapped
                for field in mapped:
                    cell = str(table.table.get_cell(str(field.custom_field_id), "value"))
                    assert cell == "no row", (field.name, cell)
