"""The workbench: browse, raw payload, JMESPath editor and configuration on one screen.

The screen holds the state (`context` and what was fetched for it, as reactives its panes
are bound to, mirrored in a `WorkbenchState` for the actions and the command palette); its
parts do the I/O in workers: `loads` (workbench_loads.py), `typed` (typed_fields.py),
`writes` (writes.py) and the editor screen's `finding`. Panes post messages up. Wide
terminals show every pane; narrow ones show one pane at a time (tabs) above the editor
(see the stylesheet).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Container
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError
from fieldmap.core.models import EffectiveField, MappingCounts
from fieldmap.core.row_models import Coverage, DiscoveredPath, RawData
from fieldmap.tui.commands import HistoryCommands, WorkbenchCommands
from fieldmap.tui.context import Context
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import Catalog
from fieldmap.tui.screens.editor_screen import EditorScreen, Progress
from fieldmap.tui.screens.find_keys import FIND_BINDINGS, UNIFIED_OUTPUT_BINDING
from fieldmap.tui.screens.finders import WorkbenchFinder
from fieldmap.tui.screens.keys import WORKBENCH_BINDINGS
from fieldmap.tui.screens.panes import (
    BROWSE,
    CONFIGURATION,
    EDITOR,
    PATHS,
    PAYLOAD,
    Pane,
    pane_keys,
)
from fieldmap.tui.screens.typed_fields import TypedFieldChecks
from fieldmap.tui.screens.workbench_loads import WorkbenchLoads
from fieldmap.tui.state import (
    BackendOpener,
    WorkbenchState,
    missing_choice,
    rows_key,
)
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import CONFIGURATION_NOTICE, ConfigurationTable
from fieldmap.tui.widgets.conversions_panel import ConversionsPanel
from fieldmap.tui.widgets.path_editor import Evaluation
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PAYLOAD_NOTICE, PayloadPane

if TYPE_CHECKING:
    from fieldmap.tui.screens.writes import WriteActions


def configuration_commands() -> type[Provider]:
    # Loaded when the palette opens: export and diff import what the first frame needs not.
    from fieldmap.tui.screens.config_commands import ConfigurationCommands

    return ConfigurationCommands


class WorkbenchScreen(EditorScreen):
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        WorkbenchCommands,
        configuration_commands,
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
    fields_table = getters.query_one(ConfigurationTable)
    conversions_panel = getters.query_one(ConversionsPanel)

    def __init__(self, open_backend: BackendOpener) -> None:
        super().__init__()
        self.state = WorkbenchState(open_backend)
        # The parts, each knowing the screen by a Protocol (finding is the EditorScreen's;
        # writes, below, is made on first use).
        self.loads = WorkbenchLoads(self)
        self.typed = TypedFieldChecks(self)

    @cached_property
    def writes(self) -> WriteActions:
        """The writing actions' part, loaded on the first write (its dialogs with it)."""
        from fieldmap.tui.screens.writes import WriteActions

        return WriteActions(self)

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
        self.show_context_bar()
        self.loads.open()

    async def on_unmount(self) -> None:
        if self.state.backend is not None:
            await self.state.backend.aclose()

    # -- loading (the part's) --------------------------------------------------------------

    def reload(self, *, catalog: bool, configuration: bool = True) -> None:
        """After a write: fetch what it may have changed."""
        if catalog:
            self.loads.catalog()
        if configuration:
            self.loads.configuration()

    def report(self, error: FieldmapError, title: str) -> None:
        self.notify(escape_controls(error.message), title=title, severity="error", markup=False)

    # -- coverage (EditorScreen) and fill rates ----------------------------------------------

    def coverage_key(self, expression: str) -> tuple[object, ...] | None:
        context = self.context
        spec = self.typed.checked_spec()  # the chosen field's type: another one, another coverage
        return (*rows_key(context), expression, spec) if context.has_payload else None

    def row_count(self) -> int:
        return self.raw.row_count if self.raw else 1

    async def measure_coverage(self, expression: str, progress: Progress) -> Coverage:
        # One request: no progress.
        return await self.state.coverage(self.context, expression, self.typed.checked_spec())

    def forget_coverage(self) -> None:
        super().forget_coverage()
        self.fill_rates = {}

    def watch_coverage(self, coverage: Coverage | None) -> None:
        # Each part that follows the coverage, in this order.
        self.typed.coverage_changed(coverage)
        self.finding.coverage_changed(coverage)

    def follow_evaluation(self, evaluation: Evaluation) -> None:
        super().follow_evaluation(evaluation)
        self.typed.evaluation_changed(evaluation)

    def editor_extras(self) -> ComposeResult:
        yield ConversionsPanel(id="conversions")

    # -- state -------------------------------------------------------------------------------

    def watch_context(self, old: Context, new: Context) -> None:
        self.state.context = new
        self.show_context_bar()
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
        self.loads.raw()
        if rows_key(old) != rows_key(new):
            self.finding.forget_record()
            self.configuration = None  # `m` must not offer the previous context's fields
            self.loads.configuration()
            self.loads.paths()

    def watch_catalog(self, catalog: Catalog | None) -> None:
        self.state.catalog = catalog

    def watch_configuration(self, fields: list[EffectiveField] | None) -> None:
        self.state.configuration = fields
        if fields:
            self.loads.fill_rates(self.context, fields)
        self.used_paths = frozenset(f.json_path for f in fields or [] if f.json_path)

    def watch_raw(self, raw: RawData | None) -> None:
        if raw is not None:
            self.editor.source = raw.source.value
        self.show_row(raw.data if raw is not None else None, shown=raw is not None)
        self.show_context_bar()

    def make_finder(self) -> WorkbenchFinder:
        return WorkbenchFinder(self)

    def choose(self, context: Context) -> None:
        """Switch to `context` (the browse pane and the command palette ask for this)."""
        self.context = context

    def show_context_bar(self) -> None:
        raw = self.raw
        note = self.finding.record_note(raw.row_index) if raw is not None else Content()
        self.context_bar.update(self.state.context_bar(raw, note))

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

    @on(ConfigurationTable.FieldChosen)
    def _field_chosen(self) -> None:
        # Another type to check: the coverage is measured again, with it.
        self.follow_evaluation(self.editor.evaluation)

    @on(PathList.CreateFieldRequested)
    def _create_field_requested(self, event: PathList.CreateFieldRequested) -> None:
        self.writes.create_field_for_path(event.path, event.name, map_it=event.map_it)

    # -- actions -----------------------------------------------------------------------------

    def action_write(self, action: str) -> None:
        """A writing action of `WriteActions` (n, m, e, d, r, D, adding a token)."""
        self.writes.run(action)

    def action_take_conversion(self) -> None:
        self.typed.take_conversion()

    def action_failing_row(self, direction: int) -> None:
        self.typed.failing_row(direction)

    def action_overrides(self) -> None:
        from fieldmap.tui.screens.overrides import show_overrides

        show_overrides(self)

    def action_help(self) -> None:
        from fieldmap.tui.dialogs.form import FormDialog
        from fieldmap.tui.screens.help import HelpScreen

        sections = [*self.help_sections(), ("Dialogs", FormDialog.BINDINGS, ())]
        description = self.state.backend.description if self.state.backend else ""
        self.app.push_screen(HelpScreen("fieldmap keys", description, sections))

    def action_refresh(self) -> None:
        if self.state.backend is None:
            self.loads.open()
            return
        self.loads.catalog()
        self.forget_coverage()
        if self.context.has_payload:
            self.loads.raw()
            self.loads.configuration()
            self.loads.paths()

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
