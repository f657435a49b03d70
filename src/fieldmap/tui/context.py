"""What the workbench is looking at: a model, an integration or connector, and a row."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fieldmap.core.models import Category


@dataclass(frozen=True, slots=True)
class Context:
    """The choice every pane follows. `row` None means the connector's latest row."""

    category: Category | None = None
    model: str | None = None
    integration_slug: str | None = None
    connector_token: str | None = None
    row: int | None = None

    @property
    def has_model(self) -> bool:
        return self.category is not None and self.model is not None

    @property
    def has_payload(self) -> bool:
        """Whether there is a raw row to show: a model and an integration or connector."""
        return self.has_model and (self.integration_slug or self.connector_token) is not None

    def with_model(self, category: Category, model: str, keeps_integration: bool) -> Context:
        if keeps_integration:
            return replace(self, category=category, model=model, row=None)
        return Context(category, model)

    def with_integration(self, slug: str) -> Context:
        return replace(self, integration_slug=slug, connector_token=None, row=None)

    def with_connector(self, token: str, integration_slug: str) -> Context:
        return replace(self, integration_slug=integration_slug, connector_token=token, row=None)

    def with_row(self, row: int) -> Context:
        return replace(self, row=row)
