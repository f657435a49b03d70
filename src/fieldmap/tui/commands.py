"""The command palette's entries: jump to any model, integration or connector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.message import Message

from fieldmap.core.ids import short_token
from fieldmap.core.models import Category
from fieldmap.tui.context import Context
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import Catalog
from fieldmap.tui.state import WorkbenchState


class WorkbenchCommands(Provider):
    """ "Model: HRIS / Employee", "Integration: Workday", "Connector: Acme Corp (Workday)".

    Reads the screen's `WorkbenchState`; a choice posts `ContextChosen` to the screen."""

    @dataclass
    class ContextChosen(Message):
        context: Context

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        state = getattr(self.screen, "state", None)
        if not isinstance(state, WorkbenchState) or state.catalog is None:
            return []
        catalog, context = state.catalog, state.context
        entries = []
        for model in catalog.models:
            integration = catalog.integration(context.integration_slug)
            keeps = integration is not None and model.category in integration.categories
            entries.append(
                (
                    f"Model: {model.category.value} / {model.display_name}",
                    f"{catalog.field_count(model.category, model.slug)} custom fields",
                    partial(self._choose, context.with_model(model.category, model.slug, keeps)),
                )
            )
        for integration in catalog.integrations:
            base = _serving(context, catalog, integration.categories)
            entries.append(
                (
                    f"Integration: {integration.display_name}",
                    f"serves {', '.join(c.value for c in integration.categories)}",
                    partial(self._choose, base.with_integration(integration.slug)),
                )
            )
        for connector in catalog.connectors:
            integration = catalog.integration(connector.integration_slug)
            name = integration.display_name if integration else connector.integration_slug
            base = _serving(context, catalog, connector.categories)
            entries.append(
                (
                    f"Connector: {connector.name} ({name})",
                    f"token {short_token(connector.token)}",
                    partial(
                        self._choose,
                        base.with_connector(connector.token, connector.integration_slug),
                    ),
                )
            )
        return entries

    def _choose(self, context: Context) -> None:
        self.screen.post_message(self.ContextChosen(context))

    # Names come from the server: shown as plain text (never markup, never control codes).
    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            shown = escape_controls(text)
            yield DiscoveryHit(Content(shown), command, text=shown, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            shown = escape_controls(text)
            if (score := matcher.match(shown)) > 0:
                yield Hit(
                    score, _highlight(matcher, shown), command, text=shown, help=_help(help_text)
                )


def _help(text: str) -> str:
    """The palette reads help as markup: escape it."""
    return escape(escape_controls(text))


def _highlight(matcher: Matcher, text: str) -> Content:
    """`Matcher.highlight` without reading `text` as markup."""
    content = Content(text)
    for offset in matcher.fuzzy_search.match(matcher.query, text)[1]:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _serving(context: Context, catalog: Catalog, categories: list[Category]) -> Context:
    """`context` if its model is in one of `categories`, else the first model that is."""
    if context.category in categories:
        return context
    model = next((m for m in catalog.models if m.category in categories), None)
    return Context(model.category, model.slug) if model else Context()
