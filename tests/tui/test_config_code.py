"""The palette's configuration-as-code entries on the demo data: export to a typed path
(written 0600, what `fieldmap export` writes) and the diff against a file, as a screen."""

from __future__ import annotations

import json
import stat

import pytest

from fieldmap.core.config_document import parse_document
from fieldmap.tui.dialogs.document_path import DocumentPathDialog
from fieldmap.tui.screens.diff import DiffScreen

from .driving import settle, text_of, until
from .scenarios import NARROW, WIDE


async def run_command(pilot, words: str, path: str) -> None:
    await pilot.press("ctrl+p", *words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, DocumentPathDialog)
    dialog.path_input.value = path
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_export_then_diff_against_the_export_then_an_edit(app, tmp_path, size):
    exported = tmp_path / "demo-config.json"
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await run_command(pilot, "Export the configuration", str(exported))
        await until(pilot, exported.exists)
        assert stat.S_IMODE(exported.stat().st_mode) == 0o600
        document = parse_document(exported.read_bytes())
        assert document.fields and document.holds_tokens  # the demo has connector overrides

        await run_command(pilot, "Diff the configuration", str(exported))
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        await until(pilot, lambda: "Nothing to apply." in text_of(diff.body))
        assert diff.query_one("#diff").region.right <= size[0]
        await pilot.press("escape")
        await settle(pilot)

        edited = tmp_path / "edited.json"
        raw = json.loads(exported.read_text())
        models = next(iter(raw["fields"].values()))
        first_field = next(iter(next(iter(models.values())).values()))
        first_field["description"] = "edited in the test"
        edited.write_text(json.dumps(raw))
        await run_command(pilot, "Diff the configuration", str(edited))
        await until(pilot, lambda: "1 to change" in text_of(app.screen.body))
        assert "~ " in text_of(app.screen.body)


async def test_a_missing_file_is_a_message_on_the_diff_screen(app, tmp_path):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await run_command(pilot, "Diff the configuration", str(tmp_path / "missing.json"))
        await until(pilot, lambda: "cannot read" in text_of(app.screen.body))


async def test_an_empty_path_keeps_the_dialog_open(app):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await run_command(pilot, "Export the configuration", "  ")
        assert isinstance(app.screen, DocumentPathDialog)
        assert "type the path of a file" in text_of(app.screen.error_line)
