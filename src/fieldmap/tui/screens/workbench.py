"""The workbench: browse, raw payload, JMESPath editor and configuration on one screen.

The screen holds the state (`context` and what was fetched for it) and does the I/O, in
workers; panes get the state through `data_bind` and post messages up. Wide terminals show
every pane; narrow ones show one pane at a time (tabs) above the editor (see the stylesheet).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar
from uuid import UUID

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Container
from textual.content import Content
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Tab

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError, NotFoundError
from fieldmap.core.models import (
    DiscoveredPath,
    EffectiveField,
    MappingCounts,
    RawData,
    RowsQuery,
)
from fieldmap.core.operations import RawDataRequest
from fieldmap.tui.commands import WorkbenchCommands
from fieldmap.tui.context import Context
from fieldmap.tui.literal import escape_controls, plain
from fieldmap.tui.loading import loading
from fieldmap.tui.queries import Catalog, load_catalog, load_configuration
from fieldmap.tui.screens.across_rows import AcrossRows, CoverageKey, rows_key
from fieldmap.tui.screens.actions import MappingActions
from fieldmap.tui.screens.editor_screen import EDITOR_BINDINGS, EditorScreen
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree

BackendOpener = Callable[[], Backend]

# Tab / shift+tab walk these, showing the pane each one lives in.
FOCUS_ORDER = (
    "#browse-models",
    "#browse-integrations",
    "#browse-connectors",
    "#payload-tree",
    "#payload-search",
    "#path-input",
    "#path-result",
    "#why-null-suggestions",
    "#configuration-table",
    "#paths-filter",
    "#paths-table",
)


BUILTIN_CATALOGUE = "built-in catalogue"
BUILTIN_CATALOGUE_NOTICE = (
    "The server does not list models or integrations (a fieldmap extension): "
    "those shown are fieldmap's built-in catalogue."
)


class WorkbenchScreen(AcrossRows, MappingActions, EditorScreen):
    COMMANDS: ClassVar[set[type[Provider]]] = {WorkbenchCommands}
    PANE_FOCUS: ClassVar[dict[str, str]] = {
        "browse": "#browse-models",
        "payload": "#payload-tree",
        "configuration": "#configuration-table",
        "paths": "#paths-filter",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="workbench.help", tooltip="List every key"),
        Binding("q", "app.quit", "Quit", show=False, id="workbench.quit", tooltip="Quit fieldmap"),
        Binding(
            "n",
            "new_field",
            "New field",
            id="workbench.new_field",
            tooltip="Create a custom field on the chosen model",
        ),
        Binding(
            "m",
            "map_field",
            "Map",
            id="workbench.map",
            tooltip="Save the editor's expression as the selected field's mapping",
        ),
        *EDITOR_BINDINGS,
        Binding(
            "left_square_bracket",
            "move_row(-1)",
            "Prev row",
            show=False,
            id="workbench.previous_row",
            tooltip="Show the connector's previous synced row",
        ),
        Binding(
            "right_square_bracket",
            "move_row(1)",
            "Next row",
            show=False,
            id="workbench.next_row",
            tooltip="Show the connector's next synced row",
        ),
        Binding(
            "ctrl+r",
            "refresh",
            "Refresh",
            show=False,
            id="workbench.refresh",
            tooltip="Fetch everything again from the backend",
        ),
        Binding(
            "1",
            "show_pane('browse')",
            "Browse",
            show=False,
            id="workbench.pane_browse",
            tooltip="Go to the browse pane",
        ),
        Binding(
            "3",
            "show_pane('configuration')",
            "Configuration",
            show=False,
            id="workbench.pane_configuration",
            tooltip="Go to the configuration pane",
        ),
        Binding(
            "escape",
            "leave_editor",
            "Leave editor",
            id="workbench.escape",
            tooltip="Leave the editor for the payload tree (then m maps the expression)",
        ),
        Binding(
            "tab",
            "cycle_focus(1)",
            "Next pane",
            show=False,
            id="workbench.next_pane",
            tooltip="Move to the next list, tree or table",
        ),
        Binding(
            "shift+tab",
            "cycle_focus(-1)",
            "Previous pane",
            show=False,
            id="workbench.previous_pane",
            tooltip="Move to the previous list, tree or table",
        ),
    ]

    context: reactive[Context] = reactive(Context, init=False)
    catalog: reactive[Catalog | None] = reactive(None, always_update=True, init=False)
    raw: reactive[RawData | None] = reactive(None, always_update=True, init=False)
    configuration: reactive[list[EffectiveField] | None] = reactive(
        None, always_update=True, init=False
    )
    discovered: reactive[list[DiscoveredPath] | None] = reactive(
        None, always_update=True, init=False
    )
    used_paths: reactive[frozenset[str]] = reactive(frozenset, init=False)
    lists_connectors: reactive[bool] = reactive(True, init=False)
    fill_rates: reactive[dict[str, float | None]] = reactive(dict, init=False)
    mapping_counts: reactive[dict[UUID, MappingCounts]] = reactive(dict, init=False)

    browser = getters.query_one(Browser)
    payload = getters.query_one(PayloadPane)
    fields_table = getters.query_one(ConfigurationTable)

    def __init__(self, open_backend: BackendOpener) -> None:
        super().__init__()
        self.open_backend = open_backend
        self.backend: Backend | None = None
        self.coverage_key: CoverageKey | None = None
        self.fill_context: CoverageKey | None = None

    def compose(self) -> ComposeResult:
        yield from self.context_bar_and_tabs(
            Tab("1 Browse", id="tab-browse"),
            Tab("2 Payload", id="tab-payload"),
            Tab("3 Configuration", id="tab-configuration"),
            Tab("5 Paths", id="tab-paths"),
        )
        with Container(id="workbench"):
            yield Browser(id="browse-pane", classes="pane").data_bind(
                WorkbenchScreen.context, WorkbenchScreen.catalog, WorkbenchScreen.lists_connectors
            )
            payload = PayloadPane(id="payload-pane", classes="pane -active")
            payload.border_title = "2 Raw payload"
            yield payload.data_bind(WorkbenchScreen.raw)
            yield from self.editor_pane()
            table = ConfigurationTable(id="configuration-pane", classes="pane")
            table.border_title = "3 Configuration"
            yield table.data_bind(
                WorkbenchScreen.fill_rates,
                WorkbenchScreen.mapping_counts,
                fields=WorkbenchScreen.configuration,
            )
            paths = PathList(id="paths-pane", classes="pane")
            paths.border_title = "5 Paths"
            yield paths.data_bind(paths=WorkbenchScreen.discovered, used=WorkbenchScreen.used_paths)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.browser.loading = True
        self._show_context_bar()
        self._open()

    async def on_unmount(self) -> None:
        if self.backend is not None:
            await self.backend.aclose()

    # -- loading -----------------------------------------------------------------------------

    @work(exclusive=True, group="open")
    async def _open(self) -> None:
        try:
            self.backend = await asyncio.to_thread(self.open_backend)
        except FieldmapError as error:
            self.browser.loading = False
            self.payload.notice = f"Cannot open the backend: {_failure(error)}"
            self.browser.show_failure()
            self.report(error, "Cannot open the backend")
            return
        self.backend.waiting_changed = self._show_context_bar
        self._show_context_bar()
        self.load_catalog()

    @work(exclusive=True, group="catalog")
    async def load_catalog(self) -> None:
        if self.backend is None:
            return
        try:
            with loading(self.browser):
                catalog = await load_catalog(self.backend)
        except FieldmapError as error:
            self.report(error, "Cannot load the catalogue")
            self.payload.notice = _failure(error)
            self.browser.show_failure()
            return
        # A remote server tells whether it lists connectors when first asked for them.
        self.lists_connectors = self.backend.lists_connectors
        if not self.backend.lists_lookups:
            self.browser.border_subtitle = BUILTIN_CATALOGUE
            self.notify(BUILTIN_CATALOGUE_NOTICE, title="Models and integrations")
        self.catalog = catalog
        if not self.context.has_model:
            self.context = _first_context(catalog)

    @work(exclusive=True, group="raw")
    async def load_raw(self) -> None:
        context = self.context
        if self.backend is None or not context.has_payload:
            return
        assert context.category is not None and context.model is not None
        try:
            with loading(self.payload):
                raw = await self.backend.raw_data(
                    RawDataRequest(
                        category=context.category,
                        model=context.model,
                        connector_token=context.connector_token,
                        integration_slug=None
                        if context.connector_token
                        else context.integration_slug,
                        row=context.row,
                    )
                )
        except NotFoundError as error:
            self.payload.notice = error.message
            self.raw = None
        except FieldmapError as error:
            self.report(error, "Cannot load the raw payload")
            self.payload.notice = _failure(error)
            self.raw = None
        else:
            # The rows of one integration and model look alike: the tree opens the same nodes.
            self.payload.shape = (context.category, context.model, context.integration_slug)
            self.raw = raw

    @work(exclusive=True, group="configuration")
    async def load_configuration(self) -> None:
        context = self.context
        if self.backend is None or not context.has_payload:
            return
        try:
            with loading(self.fields_table):
                loaded = await load_configuration(self.backend, context)
            self.mapping_counts = loaded.counts
            self.configuration = loaded.fields
        except FieldmapError as error:
            self.report(error, "Cannot load the configuration")
            self.fields_table.notice = _failure(error)
            self.configuration = None

    @work(exclusive=True, group="paths")
    async def load_paths(self) -> None:
        context = self.context
        if self.backend is None or not context.has_payload:
            return
        assert context.category is not None and context.model is not None
        query = RowsQuery(
            connector_token=context.connector_token,
            integration_slug=None if context.connector_token else context.integration_slug,
            category=context.category,
            model=context.model,
        )
        try:
            with loading(self.path_list):
                discovery = await self.backend.discover_paths(query)
        except FieldmapError as error:
            self.report(error, "Cannot list the paths")
            self.path_list.notice = _failure(error)
            self.discovered = None
        else:
            self.discovered = discovery.paths

    def report(self, error: FieldmapError, title: str) -> None:
        self.notify(escape_controls(error.message), title=title, severity="error", markup=False)

    # -- state -------------------------------------------------------------------------------

    def watch_context(self, old: Context, new: Context) -> None:
        self._show_context_bar()
        self.fields_table.set_heading(self._configuration_heading(new))
        self.editor.no_document_hint = f"No payload: {_missing_choice(new)}."
        if not new.has_payload:
            # What the previous context still loads must not land on this one.
            for group in ("raw", "configuration", "paths", "fill-rates", "coverage"):
                self.workers.cancel_group(self, group)
            self.raw = None
            self.configuration = None
            self.discovered = None
            self.payload.notice = f"{_missing_choice(new).capitalize()} to see a raw row."
            self.fields_table.notice = f"{_missing_choice(new).capitalize()}."
            return
        self.load_raw()
        if rows_key(old) != rows_key(new):
            self.configuration = None  # `m` must not offer the previous context's fields
            self.load_configuration()
            self.load_paths()

    def watch_configuration(self, fields: list[EffectiveField] | None) -> None:
        super().watch_configuration(fields)  # fill rates (AcrossRows)
        self.used_paths = frozenset(f.json_path for f in fields or [] if f.json_path)

    def watch_raw(self, raw: RawData | None) -> None:
        self.fields_table.has_row = raw is not None
        if raw is None:
            self.editor.unload()
            self.fields_table.document = None
        else:
            self.editor.source = raw.source.value
            self.editor.load(raw.data)
            self.fields_table.document = raw.data
        self._show_context_bar()

    def choose(self, context: Context) -> None:
        """Switch to `context` (the browse pane and the command palette call this)."""
        self.context = context

    def _show_context_bar(self) -> None:
        context, catalog, raw = self.context, self.catalog, self.raw
        parts: list[Content] = [Content.styled("fieldmap", "bold")]
        if catalog is not None and (model := catalog.model(context.category, context.model)):
            parts.append(plain(f"{model.category.value} › {model.display_name}"))
        if catalog is not None and (connector := catalog.connector(context.connector_token)):
            parts.append(plain(connector.name))
        elif catalog is not None and (integration := catalog.integration(context.integration_slug)):
            parts.append(plain(f"{integration.display_name} (sample)"))
        if raw is not None and raw.row_count > 1:
            parts.append(Content(f"row {raw.row_index + 1:,}/{raw.row_count:,}"))
        backend = self.backend.description if self.backend else "opening…"
        parts.append(plain(backend).stylize("dim"))
        if self.backend is not None and self.backend.waiting:
            parts.append(plain(self.backend.waiting).stylize("bold"))
        self.context_bar.update(Content(" │ ").join(parts))

    def _configuration_heading(self, context: Context) -> str:
        """What the configuration pane shows, for `context` (nothing without a payload)."""
        if not context.has_payload:
            return ""
        catalog = self.catalog
        integration = catalog.integration(context.integration_slug) if catalog else None
        name = integration.display_name if integration else context.integration_slug
        if catalog is not None and (connector := catalog.connector(context.connector_token)):
            return f"Effective configuration of connector {connector.name}"
        return f"Organization mappings of {name}; a connector may override them"

    # -- messages from the panes -------------------------------------------------------------

    @on(Browser.ContextChosen)
    def _context_chosen(self, event: Browser.ContextChosen) -> None:
        self.choose(event.context)

    @on(Browser.AddTokenRequested)
    def _add_token_requested(self) -> None:
        self.action_add_connector_token()

    @on(PathEditor.Evaluated)
    def _evaluated(self, event: PathEditor.Evaluated) -> None:
        self.tree.mark_selected(event.evaluation.located)
        self.follow_evaluation(event.evaluation)

    @on(ConfigurationTable.PathChosen)
    def _configuration_path_chosen(self, event: ConfigurationTable.PathChosen) -> None:
        if event.field.json_path is None:
            self.notify(
                f"{escape_controls(event.field.name)} is not mapped: type a path, then press m to"
                " map it.",
                markup=False,
            )
            self.editor.path_input.focus()
            return
        self.editor.set_expression(event.field.json_path)

    @on(PathList.CreateFieldRequested)
    def _create_field_requested(self, event: PathList.CreateFieldRequested) -> None:
        self.create_field_for_path(event.path, event.name)

    # -- panes and focus ---------------------------------------------------------------------

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = _pane_of(event.widget)
        if pane in self.PANE_FOCUS:
            self.active_pane = pane

    def action_cycle_focus(self, direction: int) -> None:
        widgets = [self.query_one(selector) for selector in FOCUS_ORDER]
        reachable = [w for w in widgets if w.display and w.can_focus and not w.disabled]
        if not reachable:
            return
        current = self.focused
        index = reachable.index(current) if current in reachable else -1
        target = reachable[(index + direction) % len(reachable)]
        if (pane := _pane_of(target)) in self.PANE_FOCUS:
            self.active_pane = pane
        self.focus_now(target)

    # -- simple actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        from fieldmap.tui.dialogs.form import FormDialog
        from fieldmap.tui.screens.help import HelpScreen

        sections = [
            ("Everywhere", [*self.BINDINGS, *self.app.BINDINGS]),
            ("Browse", Browser.BINDINGS),
            ("Raw payload", [*PayloadPane.BINDINGS, *PayloadTree.BINDINGS]),
            ("JMESPath editor", []),
            ("Configuration", ConfigurationTable.BINDINGS),
            ("Paths", PathList.BINDINGS),
            ("Dialogs", FormDialog.BINDINGS),
        ]
        description = self.backend.description if self.backend else ""
        self.app.push_screen(HelpScreen("fieldmap keys", description, sections))

    def action_refresh(self) -> None:
        if self.backend is None:
            self._open()
            return
        self.load_catalog()
        self.forget_coverage()
        if self.context.has_payload:
            self.load_raw()
            self.load_configuration()
            self.load_paths()

    def action_move_row(self, step: int) -> None:
        raw = self.raw
        if raw is None or self.context.connector_token is None or raw.row_count <= 1:
            self.notify("This payload has a single row.", severity="warning")
            return
        row = raw.row_index + step
        if not 0 <= row < raw.row_count:
            self.notify(f"No more rows: this is row {raw.row_index + 1} of {raw.row_count}.")
            return
        self.context = self.context.with_row(row)


def _pane_of(widget: Widget | None) -> str | None:
    """The pane a widget lives in: browse, payload, configuration, paths or editor."""
    node = widget
    while node is not None and isinstance(node, Widget):
        if node.id in (
            "browse-pane",
            "payload-pane",
            "configuration-pane",
            "editor-pane",
            "paths-pane",
        ):
            return node.id.removesuffix("-pane")
        node = node.parent
    return None


def _failure(error: FieldmapError) -> str:
    """A failure as its pane shows it, whole, until it is retried."""
    return f"{error.message} (ctrl+r retries)"


def _missing_choice(context: Context) -> str:
    """What to choose next for the panes to show a row of `context`."""
    if not context.has_model:
        return "choose a model, then an integration or a connector"
    return "choose an integration or a connector"


def _first_context(catalog: Catalog) -> Context:
    """Where a first start lands: the first model, on its first connector when there is one."""
    if not catalog.models:
        return Context()
    model = catalog.models[0]
    context = Context(model.category, model.slug)
    for connector in catalog.connectors:
        if model.category in connector.categories:
            return context.with_connector(connector.token, connector.integration_slug)
    integrations = catalog.integrations_for(model.category)
    return context.with_integration(integrations[0].slug) if integrations else context
