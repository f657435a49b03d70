"""A workbench over a real SQLite store in a temp dir, and helpers to drive it by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from fieldmap.backends.local import LocalBackend
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector, NewCustomField, SyncedRows
from fieldmap.core.seed import load_catalog
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.widgets.payload_tree import PayloadTree
from tests.conftest import SMALL_CATALOG, WORKDAY_EMPLOYEE_SAMPLE

HRIS = Category.HRIS
ACME = "acme_0000_token"
GLOBEX = "globex_000_token"


def acme_rows() -> list[dict]:
    rows = []
    for index, (first, mobile) in enumerate(
        [("Zoë", "+33 6 00 00 00 01"), ("José", "+33 6 00 00 00 02"), ("Logan", "+1 415 555 0100")]
    ):
        rows.append({
            "Worker_ID": f"2100{index}",
            "Personal_Data": {
                "Name_Data": {"Legal_Name": {"First_Name": first, "Last_Name": "Müller"}},
                "Contact_Data": {"Phone": [{"Type": "Guardian", "Number": mobile}]},
            },
            "Notes": "[bold red]x[/] \x1b[31mred\x07",
        })
    return rows


def seed(store: Store) -> None:
    engine = Engine(store)
    load_catalog(engine, SMALL_CATALOG)
    engine.create_connector(NewConnector(integration_slug="workday", name="Acme Corp"), ACME)
    engine.create_connector(NewConnector(integration_slug="workday", name="Globex"), GLOBEX)
    engine.append_rows(ACME, SyncedRows(category=HRIS, model="employee", rows=acme_rows()))
    engine.create_field(NewCustomField(name="cost_center", category=HRIS, model="employee"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    directory = tmp_path / "data"
    Store.open(directory, on_create=seed).close()
    return directory


@pytest.fixture
def app(data_dir) -> FieldmapApp:
    return FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))))


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and the screen has caught up with what they posted."""
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return
    raise AssertionError("workers kept running")


async def choose(pilot: Pilot, list_id: str, option_id: str) -> None:
    """Choose an option of a browse list with the keyboard."""
    options = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    options.focus()
    await pilot.press("home")
    for _ in range(options.option_count):
        highlighted = options.highlighted_option
        if highlighted is not None and highlighted.id == option_id:
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"no option {option_id} in {list_id}")
    await pilot.press("enter")
    await settle(pilot)


async def walk_to(pilot: Pilot, steps: tuple) -> None:
    """Move the tree's cursor to the node at `steps` with the arrow keys, expanding on the way."""
    tree = pilot.app.screen.query_one(PayloadTree)
    tree.focus()
    await pilot.press("home")
    for depth in range(1, len(steps) + 1):
        for _ in range(500):
            entry = tree.cursor_entry
            if entry is not None and entry.steps == steps[:depth]:
                break
            await pilot.press("down")
        else:
            raise AssertionError(f"no node at {steps[:depth]}")
        if depth < len(steps):
            await pilot.press("right")
            await pilot.pause()
