"""Pictures of the main states at 80x24 and 160x48, compared with the accepted ones.

`pytest tests/tui/test_snapshots.py --snapshot-update` accepts new pictures: look at them
(tests/tui/__snapshots__/) before committing.
"""

from __future__ import annotations

import pytest

from .scenarios import SCENARIOS, Scenario, demo_app


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
