"""The workbench across all rows, on the demo data: coverage under the editor, failing rows
one key away, why null, fill rates in the configuration, the forms of an array path."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category
from fieldmap.core.row_models import CoverageRequest
from fieldmap.core.workspace import open_store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.path_forms import PathFormsDialog
from fieldmap.tui.screens.workbench import WorkbenchScreen
from fieldmap.tui.widgets.why_null_panel import with_suggestion

from .driving import ACME, dialog_after, settle, until, walk_to
from .scenarios import PHONE_STEPS
from .test_workbench import record_notifications

MISSPELT_PHONES = "Worker_Data.Personal_Data.Contact_data.Phone_Data"


def expected_badge_coverage():
    """The badge path's coverage computed by the engine itself, on the same demo data."""
    engine = Engine(open_store(None))
    request = CoverageRequest(
        connector_token=ACME, category=Category.HRIS, model="employee", json_path=WORKDAY_BADGE_ID
    )
    return engine.coverage(request)


async def showing(pilot: Pilot, expression: str) -> WorkbenchScreen:
    """The workbench once opened, with `expression` in the editor and its coverage computed."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkbenchScreen)
    screen.editor.set_expression(expression)
    await settle(pilot)
    return screen


async def test_coverage_shows_progress_then_the_figures(any_app: FieldmapApp):
    expected = expected_badge_coverage()
    assert expected.rows == 5000 and 900 < expected.null < 1100  # the demo's partial mapping
    async with any_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WorkbenchScreen)
        # The coverage waits for the test's word, so that its progress is seen whatever
        # the machine's speed (5,000 rows can be covered within one pause).
        release = asyncio.Event()
        backend_coverage = screen.backend.coverage

        async def held_coverage(request):
            await release.wait()
            return await backend_coverage(request)

        screen.backend.coverage = held_coverage
        screen.editor.set_expression(WORKDAY_BADGE_ID)
        await until(pilot, lambda: screen.coverage_progress is not None)
        # The current row's value is there first; the coverage is being computed.
        await until(pilot, lambda: screen.editor.evaluation.expression == WORKDAY_BADGE_ID)
        await until(
            pilot,
            lambda: "computing over 5,000 rows" in str(screen.query_one("#coverage").render()),
        )
        release.set()
        await settle(pilot)
        assert screen.coverage_progress is None and screen.coverage is not None
        assert (screen.coverage.rows, screen.coverage.null) == (5000, expected.null)
        shown = str(screen.query_one("#coverage").render())
        share = f"{expected.null / 5000:.1%}"
        assert f"5,000 rows: ✓ {expected.non_null:,} filled" in shown
        assert f"∅ {expected.null:,} null {share}" in shown
        assert f"failing rows {expected.failing_rows[0].row + 1}, " in shown
        assert "types string" in shown


async def test_a_new_expression_replaces_the_coverage_and_an_error_clears_it(app: FieldmapApp):
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await showing(pilot, "Worker_Data.Worker_ID")
        assert screen.coverage is not None and screen.coverage.null == 0
        screen.editor.set_expression("Worker_Data.[")
        await settle(pilot)
        assert screen.coverage is None and not screen.query_one("#coverage").display


async def test_f_and_shift_f_jump_between_failing_rows(app: FieldmapApp):
    expected = expected_badge_coverage()
    first, second = (failure.row for failure in expected.failing_rows[:2])
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await showing(pilot, WORKDAY_BADGE_ID)
        coverage = screen.coverage
        assert screen.raw.row_index == 4999  # the latest row, which has a badge
        await pilot.press("escape", "f")  # past the last listed failing row: round to the first
        await settle(pilot)
        assert screen.raw.row_index == first and screen.context.row == first
        assert screen.editor.evaluation.value is None  # the editor re-evaluated on that row
        await pilot.press("f")
        await settle(pilot)
        assert screen.raw.row_index == second
        await pilot.press("F")
        await settle(pilot)
        assert screen.raw.row_index == first
        assert screen.coverage is coverage  # the rows are the same: not computed again


async def test_why_null_explains_and_a_suggestion_goes_into_the_editor(app: FieldmapApp):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await showing(pilot, MISSPELT_PHONES)
        why = screen.why_null
        assert why.display
        message = str(why.message.render())
        assert "`Contact_data` is not a key of it" in message
        assert "null or failing on 5,000 of 5,000 rows: 1, 2, 3" in str(why.elsewhere.render())
        await pilot.press("escape", "s")
        assert why.suggestions.has_focus
        await pilot.press("enter")
        await settle(pilot)
        # The suggestion replaces the misspelt step; what followed it stays.
        assert screen.editor.expression == "Worker_Data.Personal_Data.Contact_Data.Phone_Data"
        assert screen.editor.evaluation.value is not None and not why.display


async def test_a_one_character_expression_gets_its_coverage(app: FieldmapApp):
    # The debounce may fire after the first key: `W` is no mapping path but an expression.
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await showing(pilot, "W")
        await until(pilot, lambda: screen.coverage is not None)
        assert screen.coverage.rows == 5_000 and screen.coverage.null == 5_000


async def test_down_from_the_editor_goes_to_the_suggestions_only_when_there_are_some(
    app: FieldmapApp,
):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await showing(pilot, MISSPELT_PHONES)
        await pilot.press("4", "down")
        assert screen.why_null.suggestions.has_focus
        await pilot.press("4", "ctrl+u", *"Worker_Data", "enter")
        await settle(pilot)
        assert not screen.why_null.display
        await pilot.press("down")  # nothing below: the editor keeps the focus
        assert screen.editor.path_input.has_focus


async def test_the_configuration_shows_each_fields_fill_rate(app: FieldmapApp):
    expected = expected_badge_coverage()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.fields_table
        fills = {
            row.field.name: table.table.get_cell(str(row.field.custom_field_id), "fill")
            for row in table.rows
        }
        assert str(fills["badge_id"]) == f"⚠ {expected.non_null / expected.rows:.1%}"
        assert str(fills["cost_center"]) == "100.0%"
        assert str(fills["preferred_pronouns"]) == "—"  # unmapped


async def test_the_array_forms_dialog_puts_the_projection_into_the_editor(app: FieldmapApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await walk_to(pilot, PHONE_STEPS)
        dialog = await dialog_after(pilot, "a", PathFormsDialog)
        assert [form.kind for form in dialog.forms][:2] == ["index", "projection"]
        await pilot.press("down", "enter")
        await settle(pilot)
        editor = pilot.app.screen.editor
        assert editor.expression == (
            "Worker_Data.Personal_Data.Contact_Data.Phone_Data[*].Formatted_Phone"
        )
        assert isinstance(editor.evaluation.value, list)


async def test_alternatives_outside_an_array_say_so(app: FieldmapApp, monkeypatch):
    notified = record_notifications(app, monkeypatch)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await walk_to(pilot, ("Worker_Data", "Worker_ID"))
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PathFormsDialog)
        assert ("warning", "This node is not an array, nor inside one.") in notified


async def test_alternatives_on_an_array_node_are_those_of_its_first_element(app: FieldmapApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await walk_to(pilot, PHONE_STEPS[:4])  # the Phone_Data array itself
        dialog = await dialog_after(pilot, "a", PathFormsDialog)
        assert [form.path for form in dialog.forms][:2] == [
            "Worker_Data.Personal_Data.Contact_Data.Phone_Data[0]",
            "Worker_Data.Personal_Data.Contact_Data.Phone_Data[*]",
        ]


def test_a_suggestion_keeps_what_followed_the_missing_step():
    assert with_suggestion("a.Contact_data.Phone[0]", "a.Contact_Data") == "a.Contact_Data.Phone[0]"
    # A nested spelling, a projection that already goes on, nothing after: the suggestion.
    assert with_suggestion("e.guardian_mobile", "e.guardian.mobile") == "e.guardian.mobile"
    assert with_suggestion("a.phones.number", "a.phones[*].number") == "a.phones[*].number"
    assert with_suggestion("a.Contact_data", "a.Contact_Data") == "a.Contact_Data"
