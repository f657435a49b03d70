"""Ask before doing something destructive; the action runs in the dialog, errors stay in it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from fieldmap.tui.dialogs.form import FormDialog


class ConfirmDialog(FormDialog[bool]):
    def __init__(
        self,
        title: str,
        body: Content,
        confirm_label: str,
        action: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__(title, confirm_label, classes="-danger")
        self.body, self.action = body, action

    def compose_body(self) -> ComposeResult:
        yield Static(self.body, id="confirm-body")

    async def save(self) -> bool:
        await self.action()
        return True
