"""Expressions that fail, cost too much or run long never crash, pin or blank the workbench."""

from __future__ import annotations

from fieldmap.backends.local import LocalBackend
from fieldmap.core.engine import Engine
from fieldmap.core.models import MAX_JSON_PATH_LENGTH, Category, NewCustomField, NewMapping
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.screens.workbench import WorkbenchScreen
from fieldmap.tui.widgets.configuration_table import ConfigurationTable

from .driving import ACME, settle, text_of, until
from .test_workbench import record_notifications

OVERFLOWING = "ceil(to_number('1e999'))"
EXPONENTIAL = ("[" + ",".join(["@"] * 16) + "][]") * 7


async def opened(pilot) -> WorkbenchScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkbenchScreen)
    return screen


async def test_a_stored_mapping_that_fails_shows_as_failing_and_the_workbench_opens(data_dir):
    engine = Engine(Store.open(data_dir))
    field = engine.create_field(
        NewCustomField(name="huge_number", category=Category.HRIS, model="employee")
    )
    engine.create_mapping(
        NewMapping(custom_field_id=field.id, connector_token=ACME, json_path=OVERFLOWING)
    )
    app = FieldmapApp(lambda: LocalBackend(Engine(Store.open(data_dir))))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await opened(pilot)
        assert screen.context.connector_token == ACME
        table = screen.query_one(ConfigurationTable)
        await until(pilot, lambda: any(r.field.name == "huge_number" for r in table.rows))
        row = next(r for r in table.rows if r.field.name == "huge_number")
        assert row.value.message.startswith("a number is out of range")
        cells = [str(cell) for cell in table.table.get_row(str(field.id))]
        assert cells[3].endswith("('1e999'))") and cells[4].startswith("⚠ error")
        await until(pilot, lambda: OVERFLOWING in screen.fill_rates)
        assert screen.fill_rates[OVERFLOWING] == 0  # it fails on every row


async def test_an_expression_past_the_mapping_length_is_evaluated_then_refused_as_a_mapping(
    app: FieldmapApp, monkeypatch
):
    notified = record_notifications(app, monkeypatch)
    long = " || ".join(["Worker_ID"] * 120)  # 1,556 characters, over the 1,024 rule
    assert len(long) > MAX_JSON_PATH_LENGTH
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await opened(pilot)
        screen.editor.set_expression(long)
        await settle(pilot)
        assert screen.editor.evaluation.expression == long
        assert screen.coverage is not None and screen.coverage.rows == 5_000
        await pilot.press("m")
        await settle(pilot)
        refusal = f"at most {MAX_JSON_PATH_LENGTH:,} characters; this expression has {len(long):,}"
        assert any(refusal in message for _, message in notified)


async def test_typing_goes_on_while_a_runaway_expression_is_evaluated(app: FieldmapApp):
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await opened(pilot)
        screen.editor.set_expression(EXPONENTIAL)
        assert screen.editor.evaluation.expression != EXPONENTIAL  # still being evaluated
        await pilot.press("4", "end", *" | [0]")
        assert screen.editor.expression == EXPONENTIAL + " | [0]"
        # Its evaluation starts after the typing debounce, which no worker shows yet.
        await until(pilot, lambda: screen.editor.evaluation.expression == EXPONENTIAL + " | [0]")
        status = text_of(screen.editor.status)
        assert "runtime error: too expensive: more than 1,000,000 values" in status
