"""The workbench: browse, raw payload, JMESPath editor and configuration on one screen.

The screen holds the state (`context` and what was fetched for it, as reactives its panes
are bound to, mirrored in a `WorkbenchState` for the actions and the command palette) and
does the I/O, in workers; panes post messages up. Wide terminals show every pane; narrow
ones show one pane at a time (tabs) above the editor (see the stylesheet).
"""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Container
from textual.reactive import reactive
from textual.widgets import Footer

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError, NotFoundError
from fieldmap.core.models import EffectiveField, MappingCounts
from fieldmap.core.row_models import Coverage, DiscoveredPath, RawData
from fieldmap.tui.commands import HistoryCommands, WorkbenchCommands
from fieldmap.tui.context import Context
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.loading import loading
from fieldmap.tui.queries import Catalog
from fieldmap.tui.screens.config_commands import ConfigurationCommands
from fieldmap.tui.screens.editor_screen import EditorScreen, Progress
from fieldmap.tui.screens.find_keys import FIND_BINDINGS, UNIFIED_OUTPUT_BINDING
from fieldmap.tui.screens.finders import WorkbenchFinder
from fieldmap.tui.screens.finding import Finding
from fieldmap.tui.screens.keys import WORKBENCH_BINDINGS
from fieldmap.tui.screens.overrides import show_overrides
from fieldmap.tui.screens.panes import (
    BROWSE,
    CONFIGURATION,
    EDITOR,
    PATHS,
    PAYLOAD,
    Pane,
    pane_keys,
)
from fieldmap.tui.screens.typed_fields import TypedFieldChecks, declared_spec
from fieldmap.tui.screens.writes import WriteActions
from fieldmap.tui.state import (
    BackendOpener,
    WorkbenchState,
    first_context,
    missing_choice,
    rows_key,
)
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import CONFIGURATION_NOTICE, ConfigurationTable
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PAYLOAD_NOTICE, PayloadPane

WRITES = frozenset(
    ("new_field", "map_field", "edit_mapping", "delete_mapping", "edit_field", "delete_field")
)
BUILTIN_CATALOGUE = "built-in catalogue"
BUILTIN_CATALOGUE_NOTICE = (
    "The server does not list models or integrations (a fieldmap extension): "
    "those shown are fieldmap's built-in catalogue."
)


class WorkbenchScreen(Finding, TypedFieldChecks, EditorScreen):
    COMMANDS: ClassVar[set[type[Provider]]] = {
        WorkbenchCommands,
        ConfigurationCommands,
        HistoryCommands,
    }
    PANES: ClassVar[tuple[Pane, ...]] = (BROWSE, PAYLOAD, EDITOR, CONFIGURATION, PATHS)

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIND_BINDINGS,
        UNIFIED_OUTPUT_BINDING,
        *WORKBENCH_BINDINGS,
        *pane_keys(PANES, "workbench"),
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
    misfit_counts: reactive[dict[str, int]] = reactive(dict, init=False)
    """By path, how many values do not fit the type of its field (set before `fill_rates`)."""
    mapping_counts: reactive[dict[UUID, MappingCounts]] = reactive(dict, init=False)
    payload_notice: reactive[str] = reactive(PAYLOAD_NOTICE, always_update=True, init=False)
    """What the payload pane says while it has no row (loading, nothing chosen, an error)."""
    configuration_notice: reactive[str] = reactive(
        CONFIGURATION_NOTICE, always_update=True, init=False
    )

    browser = getters.query_one(Browser)
    payload = getters.query_one(PayloadPane)
    fields_table = getters.query_one(ConfigurationTable)

    def __init__(self, open_backend: BackendOpener) -> None:
        super().__init__()
        self.state = WorkbenchState(open_backend)
        self.writes = WriteActions(self)
        self.fill_context: tuple[object, ...] | None = None

    @property
    def backend(self) -> Backend | None:
        return self.state.backend

    def compose(self) -> ComposeResult:
        yield from self.context_bar_and_tabs()
        with Container(id="workbench"):
            yield Browser(id=BROWSE.id, classes="pane").data_bind(
                WorkbenchScreen.context, WorkbenchScreen.catalog, WorkbenchScreen.lists_connectors
            )
            payload = PayloadPane(id=PAYLOAD.id, classes="pane -active")
            payload.border_title = PAYLOAD.title
            yield payload.data_bind(WorkbenchScreen.raw, notice=WorkbenchScreen.payload_notice)
            yield from self.editor_pane()
            table = ConfigurationTable(id=CONFIGURATION.id, classes="pane")
            table.border_title = CONFIGURATION.title
            yield table.data_bind(
                WorkbenchScreen.misfit_counts,
                WorkbenchScreen.fill_rates,
                WorkbenchScreen.mapping_counts,
                fields=WorkbenchScreen.configuration,
                has_row=WorkbenchScreen.has_document,
                document=WorkbenchScreen.document,
                notice=WorkbenchScreen.configuration_notice,
            )
            paths = PathList(id=PATHS.id, classes="pane")
            paths.border_title = PATHS.title
            yield paths.data_bind(
                paths=WorkbenchScreen.discovered,
                used=WorkbenchScreen.used_paths,
                notice=WorkbenchScreen.paths_notice,
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.browser.loading = True
        self._show_context_bar()
        self._open()

    async def on_unmount(self) -> None:
        if self.state.backend is not None:
            await self.state.backend.aclose()

    # -- loading -----------------------------------------------------------------------------

    @work(exclusive=True, group="open")
    async def _open(self) -> None:
        try:
            backend = await self.state.open()
        except FieldmapError as error:
            self.browser.loading = False
            self.payload_notice = f"Cannot open the backend: {_failure(error)}"
            self.browser.show_failure()
            self.report(error, "Cannot open the backend")
            return
        backend.waiting_changed = self._show_context_bar
        self._show_context_bar()
        self.load_catalog()

    @work(exclusive=True, group="catalog")
    async def load_catalog(self) -> None:
        backend = self.state.backend
        if backend is None:
            return
        try:
            with loading(self.browser):
                catalog = await self.state.load_catalog()
        except FieldmapError as error:
            self.report(error, "Cannot load the catalogue")
            self.payload_notice = _failure(error)
            self.browser.show_failure()
            return
        # A remote server tells whether it lists connectors when first asked for them.
        self.lists_connectors = backend.lists_connectors
        if not backend.lists_lookups:
            self.browser.border_subtitle = BUILTIN_CATALOGUE
            self.notify(BUILTIN_CATALOGUE_NOTICE, title="Models and integrations")
        self.catalog = catalog
        if not self.context.has_model:
            self.context = first_context(catalog)

    @work(exclusive=True, group="raw")
    async def load_raw(self) -> None:
        context = self.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(self.payload):
                raw = await self.state.load_raw(context)
        except NotFoundError as error:
            self.payload_notice = error.message
            self.raw = None
        except FieldmapError as error:
            self.report(error, "Cannot load the raw payload")
            self.payload_notice = _failure(error)
            self.raw = None
        else:
            # The rows of one integration and model look alike: the tree opens the same nodes.
            assert context.category is not None and context.model is not None
            self.payload.shape = (context.category, context.model, context.integration_slug)
            self.raw = raw

    @work(exclusive=True, group="configuration")
    async def load_configuration(self) -> None:
        context = self.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(self.fields_table):
                loaded = await self.state.load_configuration(context)
            self.mapping_counts = loaded.counts
            self.configuration = loaded.fields
        except FieldmapError as error:
            self.report(error, "Cannot load the configuration")
            self.configuration_notice = _failure(error)
            self.configuration = None

    @work(exclusive=True, group="paths")
    async def load_paths(self) -> None:
        context = self.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(self.path_list):
                self.discovered = await self.state.load_paths(context)
        except FieldmapError as error:
            self.report(error, "Cannot list the paths")
            self.paths_notice = _failure(error)
            self.discovered = None

    def reload(self, *, catalog: bool, configuration: bool = True) -> None:
        """After a write: fetch what it may have changed."""
        if catalog:
            self.load_catalog()
        if configuration:
            self.load_configuration()

    def report(self, error: FieldmapError, title: str) -> None:
        self.notify(escape_controls(error.message), title=title, severity="error", markup=False)

    # -- coverage (EditorScreen) and fill rates ----------------------------------------------

    def coverage_key(self, expression: str) -> tuple[object, ...] | None:
        context = self.context
        spec = self.checked_spec()  # the chosen field's type: another one, another coverage
        return (*rows_key(context), expression, spec) if context.has_payload else None

    def row_count(self) -> int:
        return self.raw.row_count if self.raw else 1

    async def measure_coverage(self, expression: str, progress: Progress) -> Coverage:
        # One request: no progress.
        return await self.state.coverage(self.context, expression, self.checked_spec())

    def forget_coverage(self) -> None:
        super().forget_coverage()
        self.fill_rates = {}

    @work(exclusive=True, group="fill-rates")
    async def measure_fill_rates(self, context: Context, fields: list[EffectiveField]) -> None:
        if self.state.backend is None or not context.has_payload:
            return
        rates = dict(self.fill_rates) if self.fill_context == rows_key(context) else {}
        self.fill_context, self.fill_rates = rows_key(context), rates
        paths = {
            f.json_path: declared_spec(f)
            for f in fields
            if f.json_path is not None and f.json_path not in rates
        }
        try:
            async for path, rate, misfits in self.state.fill_rates(context, paths):
                # A new dict each time: the reactive compares with the last one it was given.
                self.misfit_counts = {**self.misfit_counts, path: misfits}
                rates = {**rates, path: rate}
                self.fill_rates = rates
        except FieldmapError as error:
            self.report(error, "Cannot compute a fill rate")

    # -- state -------------------------------------------------------------------------------

    def watch_context(self, old: Context, new: Context) -> None:
        self.state.context = new
        self._show_context_bar()
        self.fields_table.set_heading(self.state.configuration_heading())
        self.editor.no_document_hint = f"No payload: {missing_choice(new)}."
        if not new.has_payload:
            # What the previous context still loads must not land on this one.
            for group in ("raw", "configuration", "paths", "fill-rates", "coverage"):
                self.workers.cancel_group(self, group)
            self.raw = None
            self.configuration = None
            self.discovered = None
            self.payload_notice = f"{missing_choice(new).capitalize()} to see a raw row."
            self.configuration_notice = f"{missing_choice(new).capitalize()}."
            return
        self.load_raw()
        if rows_key(old) != rows_key(new):
            self.configuration = None  # `m` must not offer the previous context's fields
            self.load_configuration()
            self.load_paths()

    def watch_catalog(self, catalog: Catalog | None) -> None:
        self.state.catalog = catalog

    def watch_configuration(self, fields: list[EffectiveField] | None) -> None:
        self.state.configuration = fields
        if fields:
            self.measure_fill_rates(self.context, fields)
        self.used_paths = frozenset(f.json_path for f in fields or [] if f.json_path)

    def watch_raw(self, raw: RawData | None) -> None:
        if raw is not None:
            self.editor.source = raw.source.value
        self.show_row(raw.data if raw is not None else None, shown=raw is not None)
        self._show_context_bar()

    def make_finder(self) -> WorkbenchFinder:
        return WorkbenchFinder(self)

    def choose(self, context: Context) -> None:
        """Switch to `context` (the browse pane and the command palette ask for this)."""
        self.context = context

    def _show_context_bar(self) -> None:
        self.context_bar.update(self.state.context_bar(self.raw))

    # -- messages from the panes and the palette ---------------------------------------------

    @on(Browser.ContextChosen)
    @on(WorkbenchCommands.ContextChosen)
    def _context_chosen(
        self, event: Browser.ContextChosen | WorkbenchCommands.ContextChosen
    ) -> None:
        self.choose(event.context)

    @on(Browser.AddTokenRequested)
    def _add_token_requested(self) -> None:
        self.writes.add_connector_token()

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
        self.writes.create_field_for_path(event.path, event.name, map_it=event.map_it)

    # -- actions -----------------------------------------------------------------------------

    def action_write(self, action: str) -> None:
        """A writing action of `WriteActions` (n, m, e, d, r, D, adding a token)."""
        if action in WRITES:
            getattr(self.writes, action)()

    def action_overrides(self) -> None:
        show_overrides(self)

    def action_help(self) -> None:
        from fieldmap.tui.dialogs.form import FormDialog
        from fieldmap.tui.screens.help import HelpScreen

        sections = [*self.help_sections(), ("Dialogs", FormDialog.BINDINGS, ())]
        description = self.state.backend.description if self.state.backend else ""
        self.app.push_screen(HelpScreen("fieldmap keys", description, sections))

    def action_refresh(self) -> None:
        if self.state.backend is None:
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


def _failure(error: FieldmapError) -> str:
    """A failure as its pane shows it, whole, until it is retried."""
    return f"{error.message} (ctrl+r retries)"
