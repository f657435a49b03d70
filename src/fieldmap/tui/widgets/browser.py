"""The browse pane: models by category, the integrations serving them, their connectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fieldmap.core.ids import short_token
from fieldmap.core.models import Category
from fieldmap.core.wording import count_of
from fieldmap.tui.context import Context
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import Catalog

CHOSEN, NOT_CHOSEN = "● ", "  "
ADD_TOKEN = "add-token"


class Browser(Vertical):
    """Choosing a model, an integration or a connector posts the new `Context`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a",
            "add_token",
            "Add token",
            id="browse.add_token",
            tooltip="Add a connector token (servers that do not list connectors)",
        ),
    ]

    context: reactive[Context] = reactive(Context, init=False)
    catalog: reactive[Catalog | None] = reactive(None, always_update=True, init=False)
    lists_connectors: reactive[bool] = reactive(True, init=False)
    """False on servers without connector listing: tokens come from the user."""

    models = getters.query_one("#browse-models", OptionList)
    integrations = getters.query_one("#browse-integrations", OptionList)
    connectors = getters.query_one("#browse-connectors", OptionList)

    @dataclass
    class ContextChosen(Message):
        context: Context

    @dataclass
    class AddTokenRequested(Message):
        """The user asked to add a connector token."""

    def compose(self) -> ComposeResult:
        for list_id, title in (
            ("browse-models", "1 Models"),
            ("browse-integrations", "Integrations"),
            ("browse-connectors", "Connectors"),
        ):
            options = OptionList(Option("Loading…", disabled=True), id=list_id)
            options.border_title = title
            yield options

    def watch_catalog(self) -> None:
        self._show()

    def watch_context(self) -> None:
        self._show()

    def watch_lists_connectors(self) -> None:
        self._show()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_token":
            return not self.lists_connectors
        return True

    def action_add_token(self) -> None:
        self.post_message(self.AddTokenRequested())

    def show_failure(self) -> None:
        """The catalogue could not be loaded: the lists say so instead of "Loading…"."""
        self.loading = False
        for options in (self.models, self.integrations, self.connectors):
            options.set_options([Option("Not loaded (ctrl+r retries)", disabled=True)])

    # -- lists -------------------------------------------------------------------------------

    def _show(self) -> None:
        catalog = self.catalog
        if catalog is None:
            return
        context = self.context
        _fill(
            self.models,
            self._model_options(catalog, context),
            f"model:{context.category}:{context.model}",
        )
        _fill(
            self.integrations,
            self._integration_options(catalog, context),
            f"integration:{context.integration_slug}",
        )
        _fill(
            self.connectors,
            self._connector_options(catalog, context),
            f"connector:{context.connector_token}",
        )

    def _model_options(self, catalog: Catalog, context: Context) -> list[Option]:
        options: list[Option] = []
        for category in Category:
            models = [m for m in catalog.models if m.category == category]
            if not models:
                continue
            options.append(Option(Content.styled(category.value, "bold"), disabled=True))
            for model in models:
                count = catalog.field_count(model.category, model.slug)
                chosen = (context.category, context.model) == (model.category, model.slug)
                prompt = _prompt(chosen, model.display_name, count_of(count, "field"))
                options.append(Option(prompt, id=f"model:{model.category}:{model.slug}"))
        return options

    def _integration_options(self, catalog: Catalog, context: Context) -> list[Option]:
        options = []
        for integration in catalog.integrations_for(context.category):
            count = len(catalog.connectors_of(integration.slug))
            chosen = integration.slug == context.integration_slug
            prompt = _prompt(chosen, integration.display_name, count_of(count, "connector"))
            options.append(Option(prompt, id=f"integration:{integration.slug}"))
        return options or [Option("No integration serves this category", disabled=True)]

    def _connector_options(self, catalog: Catalog, context: Context) -> list[Option]:
        if context.integration_slug is None:
            options = [Option("Choose an integration first", disabled=True)]
        else:
            options = [
                Option(
                    _prompt(
                        connector.token == context.connector_token,
                        connector.name if connector.name != connector.token else "",
                        short_token(connector.token),
                    ),
                    id=f"connector:{connector.token}",
                )
                for connector in catalog.connectors_of(context.integration_slug)
            ] or [Option("No connectors", disabled=True)]
        if not self.lists_connectors:
            options.append(Option(Content("+ Add connector token…"), id=ADD_TOKEN))
        return options

    # -- choosing ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        catalog, option_id = self.catalog, event.option.id or ""
        if catalog is None:
            return
        kind, _, rest = option_id.partition(":")
        if option_id == ADD_TOKEN:
            self.post_message(self.AddTokenRequested())
        elif kind == "model":
            category, _, slug = rest.partition(":")
            integration = catalog.integration(self.context.integration_slug)
            keeps = integration is not None and Category(category) in integration.categories
            self._choose(self.context.with_model(Category(category), slug, keeps))
            self.integrations.focus()
        elif kind == "integration":
            self._choose(self.context.with_integration(rest))
            self.connectors.focus()
        elif kind == "connector" and (connector := catalog.connector(rest)) is not None:
            self._choose(self.context.with_connector(connector.token, connector.integration_slug))

    def _choose(self, context: Context) -> None:
        if context != self.context:
            self.post_message(self.ContextChosen(context))


def _prompt(chosen: bool, name: str, detail: str) -> Content:
    return Content.assemble(
        CHOSEN if chosen else NOT_CHOSEN,
        (escape_controls(name), "bold" if chosen else ""),
        ("  " if name else "", ""),
        (escape_controls(detail), "dim"),
    )


def _fill(option_list: OptionList, options: list[Option], chosen_id: str) -> None:
    """Replace the options, keeping the highlight on the same option (else the chosen one,
    else, if the list had a highlight, the first that can be chosen)."""
    highlighted = option_list.highlighted_option
    keep = highlighted.id if highlighted is not None else chosen_id
    option_list.set_options(options)
    ids = [option.id for option in options]
    for wanted in (keep, chosen_id):
        if wanted in ids:
            option_list.highlighted = ids.index(wanted)
            return
    if highlighted is not None:
        option_list.highlighted = next(
            (index for index, option in enumerate(options) if not option.disabled), None
        )
