"""Add a connector token by hand, for servers that do not list connectors; the screen's
`submit` checks and remembers it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import getters
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.models import Connector
from fieldmap.tui.dialogs.form import FormDialog


class AddConnectorTokenDialog(FormDialog[Connector]):
    token_input = getters.query_one("#connector-token", Input)

    def __init__(self, submit: Callable[[str], Awaitable[Connector]]) -> None:
        super().__init__("Add a connector token", "Add")
        self.submit = submit

    def compose_body(self) -> ComposeResult:
        yield Static(
            "This server does not list connectors. Paste a connector token: it is checked, "
            "then remembered in your configuration file.",
            markup=False,
            id="connector-token-help",
        )
        yield Label("Connector token")
        yield Input(password=True, id="connector-token")

    async def save(self) -> Connector:
        token = self.token_input.value.strip()
        if not token:
            raise RuleViolation(Violation(("connector_token",), "paste a connector token"))
        return await self.submit(token)
