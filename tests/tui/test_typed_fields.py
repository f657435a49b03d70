"""Typed fields in the workbench, at 80x24 and 160x48: the new-field and edit-field dialogs
set the type and options, `n` on a path proposes its type, the editor's value is checked
against the chosen field's type (counted across rows, f/F walk the misfits, t takes the
suggested conversion), and on a published-only server the dialogs say where types live."""

from __future__ import annotations

import httpx
import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.engine import Engine
from fieldmap.core.models import (
    Category,
    FieldOption,
    FieldType,
    NewCustomField,
    NewMapping,
)
from fieldmap.core.store import Store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.dialogs.edit_field import EditFieldDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.conversions_panel import ConversionsPanel
from fieldmap.tui.widgets.coverage_panel import CoveragePanel
from tests.contract.published_server import published_app

from .driving import choose, dialog_after, select_field, settle, text_of, until
from .test_edit_field import open_acme_employees

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
WORKER_ID = "Worker_Data.Worker_ID"  # "25999": a number written as text


def add_worker_number(data_dir) -> None:
    """A `number` field mapped to the worker id, which the rows hold as text."""
    store = Store.open(data_dir)
    engine = Engine(store)
    field = engine.create_field(
        NewCustomField(
            name="worker_number", category=Category.HRIS, model="employee", type="number"
        )
    )
    engine.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path=WORKER_ID)
    )
    store.close()


@SIZES
async def test_a_new_select_field_needs_its_options_then_keeps_them(app, size):
    async with app.run_test(size=size) as pilot:
        table = await open_acme_employees(pilot)
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        dialog.name_input.focus()
        await pilot.press(*"level")
        dialog.type_fields.type_select.value = "select"
        await pilot.pause()
        assert dialog.save_button.disabled
        assert "needs at least one option" in text_of(dialog.type_fields.hint)
        assert dialog.type_fields.options_input.parent.display
        dialog.type_fields.options_input.focus()
        await pilot.press(*"junior=Junior, senior")
        await pilot.pause()
        assert not dialog.save_button.disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewFieldDialog)
        (level,) = [row.field for row in table.rows if row.field.name == "level"]
        assert level.type is FieldType.SELECT
        assert level.options == [
            FieldOption(value="junior", label="Junior"),
            FieldOption(value="senior", label="senior"),
        ]


@SIZES
async def test_the_edit_dialog_changes_the_type_and_shows_options_only_for_a_select(app, size):
    async with app.run_test(size=size) as pilot:
        table = await open_acme_employees(pilot)
        await select_field(pilot, "badge_id")
        dialog = await dialog_after(pilot, "r", EditFieldDialog)
        assert dialog.type_fields.type_select.value == "any"
        assert not dialog.type_fields.options_input.parent.display
        dialog.type_fields.type_select.value = "text"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EditFieldDialog)
        (badge,) = [row.field for row in table.rows if row.field.name == "badge_id"]
        assert (badge.type, badge.options) == (FieldType.TEXT, [])


@SIZES
async def test_n_on_a_path_proposes_its_type(app, size):
    async with app.run_test(size=size) as pilot:
        await open_acme_employees(pilot)
        await pilot.press("5", *"Terminated", "down")
        await settle(pilot)
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        assert dialog.name_input.value == "terminated"
        assert dialog.type_fields.type_select.value == "boolean"
        assert "proposed from the path's values" in text_of(dialog.type_fields.hint)


@SIZES
async def test_values_that_do_not_fit_are_counted_walked_and_converted(app, data_dir, size):
    add_worker_number(data_dir)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await open_acme_employees(pilot)
        await select_field(pilot, "worker_number")
        await pilot.press("enter")  # its path into the editor
        await settle(pilot)
        table = screen.query_one(ConfigurationTable)
        await until(pilot, lambda: WORKER_ID in table.fill_rates)
        assert table.misfit_counts[WORKER_ID] == 5_000  # every Acme row: text
        assert "type number, 5,000 values not fitting" in text_of(table.detail)
        coverage = screen.coverage
        assert coverage is not None and coverage.fit is not None
        assert (coverage.fit.misfits, coverage.fit.fitting) == (coverage.rows, 0)
        assert "do not fit" in text_of(screen.query_one(CoveragePanel))
        panel = screen.query_one(ConversionsPanel)
        await until(pilot, lambda: panel.conversions is not None)
        assert "text where a number is declared" in text_of(panel)
        assert f"to_number({WORKER_ID})" in text_of(panel)
        assert panel.region.height == 2  # the verdict and the suggestion, both shown
        await pilot.press("3")  # out of the editor: f walks the rows
        await pilot.press("f")
        await settle(pilot)
        assert screen.context.row == 0  # from the latest row, round to the first
        await pilot.press("f")
        await settle(pilot)
        assert screen.context.row == 1
        await pilot.press("F")
        await settle(pilot)
        assert screen.context.row == 0
        await pilot.press("t")
        await settle(pilot)
        assert screen.editor.expression == f"to_number({WORKER_ID})"
        assert screen.coverage.fit.misfits == 0


async def test_a_published_only_server_keeps_types_in_the_config_file_and_says_so(
    data_dir, tmp_path
):
    key = "published-typed-key"
    server = published_app(Engine(Store.open(data_dir)), key)
    config = ConfigFile(tmp_path / "config.json")
    app = FieldmapApp(
        lambda: RemoteBackend(
            "http://published.test",
            key,
            transport=httpx.ASGITransport(app=server),
            config_file=config,
        )
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose(pilot, "browse-models", "model:HRIS:employee")
        dialog = await dialog_after(pilot, "n", NewFieldDialog)
        dialog.name_input.focus()
        await pilot.press(*"headcount")
        dialog.type_fields.type_select.value = "integer"
        await pilot.pause()
        assert f"kept in {config.path}" in text_of(dialog.type_fields.hint)
        await pilot.press("ctrl+s")
        await settle(pilot)
    (kept,) = config.load().field_types.values()
    assert [declared.type for declared in kept.values()] == [FieldType.INTEGER]
