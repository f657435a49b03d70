"""What the workbench fetches, each in its worker: the backend, the catalogue, the row,
the configuration, the paths, the fill rates. A part the workbench owns (`screen.loads`)
and knows only as a `LoadsHost`: each load sets the host's reactives, which its panes are
bound to, or says in the pane what failed."""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol
from uuid import UUID

from fieldmap.core.errors import FieldmapError, NotFoundError
from fieldmap.core.models import EffectiveField, MappingCounts
from fieldmap.core.row_models import DiscoveredPath, RawData
from fieldmap.tui.context import Context
from fieldmap.tui.loading import loading
from fieldmap.tui.queries import Catalog
from fieldmap.tui.screens.typed_fields import declared_spec
from fieldmap.tui.state import WorkbenchState, first_context, rows_key
from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane

BUILTIN_CATALOGUE = "built-in catalogue"
BUILTIN_CATALOGUE_NOTICE = (
    "The server does not list models or integrations (a fieldmap extension): "
    "those shown are fieldmap's built-in catalogue."
)


class LoadsHost(Protocol):
    """What the loads need of the workbench: its panes and the reactives bound to them."""

    state: WorkbenchState
    context: Context
    browser: Browser
    payload: PayloadPane
    fields_table: ConfigurationTable
    path_list: PathList
    catalog: Catalog | None
    raw: RawData | None
    configuration: list[EffectiveField] | None
    discovered: list[DiscoveredPath] | None
    lists_connectors: bool
    fill_rates: dict[str, float | None]
    misfit_counts: dict[str, int]
    mapping_counts: dict[UUID, MappingCounts]
    payload_notice: str
    configuration_notice: str
    paths_notice: str

    def notify(self, message: str, *, title: str = ...) -> None: ...

    def report(self, error: FieldmapError, title: str) -> None: ...

    def choose(self, context: Context) -> None: ...

    def show_context_bar(self) -> None: ...

    def run_worker(self, work: Any, *, group: str = ..., exclusive: bool = ...) -> Any: ...


class WorkbenchLoads:
    def __init__(self, host: LoadsHost) -> None:
        self.host = host
        self.state = host.state
        self.fill_context: tuple[object, ...] | None = None
        """The rows the fill rates shown are of (`rows_key`)."""

    def _start(self, group: str, work: Any) -> None:
        self.host.run_worker(work, group=group, exclusive=True)

    def open(self) -> None:
        self._start("open", self._open)

    async def _open(self) -> None:
        host = self.host
        try:
            backend = await self.state.open()
        except FieldmapError as error:
            host.browser.loading = False
            host.payload_notice = f"Cannot open the backend: {failure(error)}"
            host.browser.show_failure()
            host.report(error, "Cannot open the backend")
            return
        backend.waiting_changed = host.show_context_bar
        host.show_context_bar()
        self.catalog()

    def catalog(self) -> None:
        self._start("catalog", self._catalog)

    async def _catalog(self) -> None:
        host, backend = self.host, self.state.backend
        if backend is None:
            return
        try:
            with loading(host.browser):
                catalog = await self.state.load_catalog()
        except FieldmapError as error:
            host.report(error, "Cannot load the catalogue")
            host.payload_notice = failure(error)
            host.browser.show_failure()
            return
        # A remote server tells whether it lists connectors when first asked for them.
        host.lists_connectors = backend.lists_connectors
        if not backend.lists_lookups:
            host.browser.border_subtitle = BUILTIN_CATALOGUE
            host.notify(BUILTIN_CATALOGUE_NOTICE, title="Models and integrations")
        host.catalog = catalog
        if not host.context.has_model:
            host.choose(first_context(catalog))

    def raw(self) -> None:
        self._start("raw", self._raw)

    async def _raw(self) -> None:
        host, context = self.host, self.host.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(host.payload):
                raw = await self.state.load_raw(context)
        except NotFoundError as error:
            host.payload_notice = error.message
            host.raw = None
        except FieldmapError as error:
            host.report(error, "Cannot load the raw payload")
            host.payload_notice = failure(error)
            host.raw = None
        else:
            # The rows of one integration and model look alike: the tree opens the same nodes.
            assert context.category is not None and context.model is not None
            host.payload.shape = (context.category, context.model, context.integration_slug)
            host.raw = raw

    def configuration(self) -> None:
        self._start("configuration", self._configuration)

    async def _configuration(self) -> None:
        host, context = self.host, self.host.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(host.fields_table):
                loaded = await self.state.load_configuration(context)
            host.mapping_counts = loaded.counts
            host.configuration = loaded.fields
        except FieldmapError as error:
            host.report(error, "Cannot load the configuration")
            host.configuration_notice = failure(error)
            host.configuration = None

    def paths(self) -> None:
        self._start("paths", self._paths)

    async def _paths(self) -> None:
        host, context = self.host, self.host.context
        if self.state.backend is None or not context.has_payload:
            return
        try:
            with loading(host.path_list):
                host.discovered = await self.state.load_paths(context)
        except FieldmapError as error:
            host.report(error, "Cannot list the paths")
            host.paths_notice = failure(error)
            host.discovered = None

    def fill_rates(self, context: Context, fields: list[EffectiveField]) -> None:
        self._start("fill-rates", partial(self._fill_rates, context, fields))

    async def _fill_rates(self, context: Context, fields: list[EffectiveField]) -> None:
        host = self.host
        if self.state.backend is None or not context.has_payload:
            return
        rates = dict(host.fill_rates) if self.fill_context == rows_key(context) else {}
        self.fill_context, host.fill_rates = rows_key(context), rates
        paths = {
            f.json_path: declared_spec(f)
            for f in fields
            if f.json_path is not None and f.json_path not in rates
        }
        try:
            async for path, rate, misfits in self.state.fill_rates(context, paths):
                # A new dict each time: the reactive compares with the last one it was given.
                host.misfit_counts = {**host.misfit_counts, path: misfits}
                rates = {**rates, path: rate}
                host.fill_rates = rates
        except FieldmapError as error:
            host.report(error, "Cannot compute a fill rate")


def failure(error: FieldmapError) -> str:
    """A failure as its pane shows it, whole, until it is retried."""
    return f"{error.message} (ctrl+r retries)"
