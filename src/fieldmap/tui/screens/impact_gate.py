"""No mapping is saved and no field deleted without its impact shown first: the writing
actions go through these, which open the impact screen and write only once it confirms
(or the user skips the figures with its `s` key)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App
from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError
from fieldmap.core.operations_impact import ImpactChange, ImpactRequest
from fieldmap.tui.actions.impact import Confirm
from fieldmap.tui.screens.impact import ImpactScreen


def impact_gate(app: App[Any], backend: Backend) -> Confirm:
    async def confirm(change: ImpactChange, title: str, note: Content) -> bool:
        screen = ImpactScreen(backend, ImpactRequest(change=change), title, note)
        return bool(await app.push_screen_wait(screen))

    return confirm


def confirm_then_write(
    app: App[Any],
    backend: Backend,
    change: ImpactChange,
    title: str,
    note: Content,
    write: Callable[[], Awaitable[None]],
    done: Callable[[FieldmapError | None], None],
) -> None:
    """Show the impact of `change`; once confirmed, `write()` in a worker, then `done`
    with its error (None: written). Cancelled: nothing happens."""

    def confirmed(answer: bool | None) -> None:
        if answer:
            app.run_worker(_written(write, done), group="impact-write", exclusive=True)

    app.push_screen(ImpactScreen(backend, ImpactRequest(change=change), title, note), confirmed)


async def _written(
    write: Callable[[], Awaitable[None]], done: Callable[[FieldmapError | None], None]
) -> None:
    try:
        await write()
    except FieldmapError as error:
        done(error)
        return
    done(None)
