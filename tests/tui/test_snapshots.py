"""Pictures of the main states at 80x24 and 160x48, compared with the accepted ones.

`pytest tests/tui/test_snapshots.py --snapshot-update` accepts new pictures: look at them
(tests/tui/__snapshots__/) before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldmap.backends.configuration_snapshot import read_snapshot
from fieldmap.core.config_document import render_document
from fieldmap.tui.dialogs.document_path import DocumentPathDialog
from fieldmap.tui.screens.diff import DiffScreen

from .driving import settle, steady_cursors, text_of
from .scenarios import NARROW, SCENARIOS, WIDE, Scenario, demo_app


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_snapshot(snap_compare, scenario: Scenario):
    assert snap_compare(scenario.app(), terminal_size=scenario.size, run_before=scenario.run_before)


def test_snapshot_without_colour(snap_compare, monkeypatch):
    """NO_COLOR: every state and source still reads (marks, words, reverse video)."""
    monkeypatch.setenv("NO_COLOR", "1")
    scenario = next(s for s in SCENARIOS if s.name == "node_picked_narrow")
    assert snap_compare(demo_app(), terminal_size=scenario.size, run_before=scenario.run_before)


def test_snapshot_light_theme(snap_compare):
    scenario = next(s for s in SCENARIOS if s.name == "unmapped_only_wide")

    async def light(pilot):
        pilot.app.theme = "textual-light"
        await scenario.run_before(pilot)

    assert snap_compare(demo_app(), terminal_size=scenario.size, run_before=light)


async def edited_export(backend, path: Path) -> None:
    """The demo's export, edited: a description and a mapping changed, a typed select field
    added, a field dropped (which stays, without prune)."""
    raw = json.loads(render_document((await read_snapshot(backend)).configuration))
    employee = raw["fields"]["HRIS"]["employee"]
    first, second, *_ = sorted(employee)
    employee[first]["description"] = "Edited for review"
    del employee[second]
    organization = next(f for f in employee.values() if f["mappings"]["integrations"])
    slug = min(organization["mappings"]["integrations"])
    organization["mappings"]["integrations"][slug] = "Worker_Data.Edited_Path"
    assert "work_pattern" not in employee
    employee["work_pattern"] = {
        "description": "On site, hybrid or remote",
        "mappings": {"connectors": {}, "integrations": {"workday": "Worker_Data.Pattern"}},
        "options": [
            {"label": "On site", "value": "onsite"},
            {"label": "Hybrid", "value": "hybrid"},
            {"label": "Remote", "value": "remote"},
        ],
        "type": "select",
    }
    path.write_text(json.dumps(raw))


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["narrow", "wide"])
def test_snapshot_diff(snap_compare, tmp_path, monkeypatch, size):
    """The diff screen, reached from the palette, against an edited export."""
    monkeypatch.chdir(tmp_path)  # the screen's title names the file as given: relative

    async def diff(pilot):
        await settle(pilot)
        await edited_export(pilot.app.screen.backend, tmp_path / "edited.json")
        await pilot.press("ctrl+p", *"Diff the configuration")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, DocumentPathDialog)
        dialog.path_input.value = "edited.json"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DiffScreen)
        assert "to create" in text_of(pilot.app.screen.body)
        steady_cursors(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=diff)
