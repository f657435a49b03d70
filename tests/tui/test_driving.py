"""The test helpers wait the honest way: `settle` waits for the editor's typing pause too."""

from __future__ import annotations

from .driving import settle
from .scenarios import WIDE


async def test_settle_waits_for_what_was_typed_to_be_evaluated(app):
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        editor = pilot.app.screen.editor
        editor.path_input.focus()
        await pilot.press(*"Worker_Data")  # typing: evaluated after the pause (a timer)
        await settle(pilot)
        assert not editor.evaluation_pending
        assert editor.evaluation.expression == "Worker_Data"
        assert editor.evaluation.value is not None
