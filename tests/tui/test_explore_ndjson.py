"""`fieldmap explore` of an NDJSON file opened as it is on the command line: rows read when
shown, the count after the first row, and a bad line reported where it is met."""

from __future__ import annotations

import json

from fieldmap.core import row_sources
from fieldmap.core.inputs import open_rows
from fieldmap.core.row_sources import NdjsonRows
from fieldmap.tui.explore_app import ExploreApp
from fieldmap.tui.screens.explore import ExploreScreen

from .driving import settle, text_of, until
from .test_workbench import record_notifications


async def test_rows_are_read_when_shown_and_the_count_follows(tmp_path, monkeypatch):
    monkeypatch.setattr(row_sources, "SCAN_BYTES", 64)  # many stretches: the count comes late
    path = tmp_path / "rows.ndjson"
    path.write_text("".join(json.dumps({"n": n, "tag": f"t{n % 3}"}) + "\n" for n in range(300)))
    loaded = open_rows(str(path))
    assert isinstance(loaded.rows, NdjsonRows)
    async with ExploreApp(loaded).run_test(size=(160, 48)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ExploreScreen)
        await until(pilot, lambda: "row 1/300" in text_of(screen.context_bar))
        assert screen.raw is not None and screen.raw.row_count == 300
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert screen.raw.data == {"n": 2, "tag": "t2"}
        screen.row = 299
        await settle(pilot)
        assert screen.raw.data == {"n": 299, "tag": "t2"}
        await until(pilot, lambda: screen.discovered is not None)
        assert {p.path: p.rows_with_value for p in screen.discovered} == {"n": 300, "tag": 300}
        screen.editor.set_expression("tag")
        await until(pilot, lambda: screen.coverage is not None)
        assert screen.coverage.rows == 300 and screen.coverage.non_null == 300


async def test_a_bad_line_is_reported_with_its_line_where_it_is_met(tmp_path, monkeypatch):
    path = tmp_path / "bad.ndjson"
    path.write_text('{"n": 1}\n{"n": 2,}\n{"n": 3}\n')
    app = ExploreApp(open_rows(str(path)))
    notified = record_notifications(app, monkeypatch)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ExploreScreen)
        await until(pilot, lambda: "line 2, column 8" in screen.path_list.notice)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.raw is not None and screen.raw.data == {"n": 1}  # still the first row
        assert any(
            severity == "error" and "line 2, column 8" in message
            for severity, message in notified
        )
        screen.row = 2
        await settle(pilot)
        assert screen.raw.data == {"n": 3}
