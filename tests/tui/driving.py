"""Driving the workbench by keyboard in tests and screenshots, and waiting the honest way."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList
from textual.worker import WorkerCancelled

from fieldmap.core.demo import demo_content
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.payload_tree import PayloadTree

ACME, GLOBEX = (c.token for c in demo_content().connectors[:2])

S = TypeVar("S", bound=Screen)


def text_of(widget) -> str:
    return str(widget.render())


async def settle(pilot: Pilot, within: float = 30.0) -> None:
    """Wait until no worker runs, no editor waits for the typing pause to evaluate, and the
    screen has caught up with what they posted."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        await pilot.pause()
        # A worker a newer one replaced (exclusive) ends cancelled: wait for the rest.
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        typing = any(editor.evaluation_pending for editor in pilot.app.screen.query(PathEditor))
        if not typing and all(worker.is_finished for worker in pilot.app.workers):
            return
    raise AssertionError("workers kept running")


async def dialog_after(pilot: Pilot, key: str, kind: type[S]) -> S:
    """Press `key` and return the dialog of type `kind` it opened."""
    await pilot.press(key)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, kind), f"{key} opened {dialog!r}, not a {kind.__name__}"
    return dialog


async def until(pilot: Pilot, condition: Callable[[], object], within: float = 20.0) -> None:
    """Let the app run until `condition()` holds, for `within` seconds at most: a count of
    event-loop turns ran out on a loaded machine before a debounced worker had started."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never held")
        await pilot.pause()


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


def steady_cursors(pilot: Pilot) -> None:
    """Stop the text cursors blinking (shown steadily), so a screenshot does not depend on
    when it is taken."""
    for text_input in pilot.app.screen.query(Input):
        text_input.cursor_blink = False


async def select_field(pilot: Pilot, name: str) -> None:
    """Move the configuration table's cursor to the field `name` with the arrow keys."""
    table = pilot.app.screen.query_one(ConfigurationTable)
    await pilot.press("3", "home")
    for _ in range(len(table.rows)):
        selected = table.selected_field
        if selected is not None and selected.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"no field {name} in the configuration")
