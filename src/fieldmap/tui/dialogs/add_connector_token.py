"""Add a connector token by hand, for servers that do not list connectors."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.models import Category, Connector
from fieldmap.core.operations import ConfigurationRequest
from fieldmap.tui.dialogs.form import FormDialog


class AddConnectorTokenDialog(FormDialog[Connector]):
    token_input = getters.query_one("#connector-token", Input)

    def __init__(self, backend: Backend, category: Category, model: str) -> None:
        super().__init__("Add a connector token", "Add")
        self.backend, self.category, self.model = backend, category, model

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
        request = ConfigurationRequest(
            connector_token=token, category=self.category, model=self.model
        )
        return await self.backend.remember_connector(request)
