"""What the workbench works on: the backend, the context, and what was loaded for it.

The workbench screen owns one `WorkbenchState`, binds its panes to its own reactives and
keeps the state's fields equal to them (in its watchers); the actions (`tui.actions`) and
the command palette take the state, so none of them imports the screen. The loads are here
too: each fetches one thing for a context and raises `FieldmapError` when it cannot.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core.field_types import TypeSpec, options_of
from fieldmap.core.ids import short_token
from fieldmap.core.models import Connector, EffectiveField, MappingScope
from fieldmap.core.operations import Conversions, ConversionsRequest, RawDataRequest
from fieldmap.core.row_models import Coverage, CoverageRequest, DiscoveredPath, RawData, RowsQuery
from fieldmap.tui.context import Context
from fieldmap.tui.literal import plain
from fieldmap.tui.queries import Catalog, Configuration, load_catalog, load_configuration

BackendOpener = Callable[[], Backend]


@dataclass(frozen=True)
class MapTarget:
    """Where a mapping can go: the integration (all its connectors) or one connector."""

    integration_slug: str
    integration_name: str
    connector_token: str | None
    connector_name: str | None

    def where(self, scope: MappingScope) -> str:
        """The scope in words: "connector Acme Corp" or "all Workday connectors"."""
        if scope is MappingScope.CONNECTOR:
            return f"connector {self.connector_name}"
        return f"all {self.integration_name} connectors"


def rows_key(context: Context) -> tuple[object, ...]:
    """What the rows of `context` depend on (not the row shown)."""
    return (context.category, context.model, context.integration_slug, context.connector_token)


def rows_query(context: Context) -> RowsQuery:
    assert context.category is not None and context.model is not None
    return RowsQuery(
        connector_token=context.connector_token,
        integration_slug=None if context.connector_token else context.integration_slug,
        category=context.category,
        model=context.model,
    )


def fill_rate(coverage: Coverage) -> float | None:
    return coverage.non_null / coverage.rows if coverage.rows else None


def connector_label(connector: Connector) -> str:
    if connector.name and connector.name != connector.token:
        return connector.name
    return short_token(connector.token)


class WorkbenchState:
    def __init__(self, open_backend: BackendOpener) -> None:
        self.open_backend = open_backend
        self.backend: Backend | None = None
        self.context = Context()
        self.catalog: Catalog | None = None
        self.configuration: list[EffectiveField] | None = None

    # -- loads -------------------------------------------------------------------------------

    async def open(self) -> Backend:
        """Open the backend (in a thread: a store or a server may take a while)."""
        self.backend = await asyncio.to_thread(self.open_backend)
        return self.backend

    def _backend(self) -> Backend:
        assert self.backend is not None, "the backend is opened first"
        return self.backend

    async def load_catalog(self) -> Catalog:
        return await load_catalog(self._backend())

    async def load_raw(self, context: Context) -> RawData:
        assert context.category is not None and context.model is not None
        return await self._backend().raw_data(
            RawDataRequest(
                category=context.category,
                model=context.model,
                connector_token=context.connector_token,
                integration_slug=None if context.connector_token else context.integration_slug,
                row=context.row,
            )
        )

    async def load_configuration(self, context: Context) -> Configuration:
        return await load_configuration(self._backend(), context)

    async def load_paths(self, context: Context) -> list[DiscoveredPath]:
        return (await self._backend().discover_paths(rows_query(context))).paths

    async def coverage(
        self, context: Context, json_path: str, spec: TypeSpec | None = None
    ) -> Coverage:
        """The coverage of `json_path`, with the fit to `spec` when it declares a type."""
        query = rows_query(context)
        typed = {"type": spec.type, "options": options_of(spec)} if spec and spec.type else {}
        request = CoverageRequest(**query.model_dump(), json_path=json_path, **typed)
        return await self._backend().coverage(request)

    async def conversions(self, context: Context, json_path: str, spec: TypeSpec) -> Conversions:
        query = rows_query(context)
        request = ConversionsRequest(
            **query.model_dump(), json_path=json_path, type=spec.type, options=options_of(spec)
        )
        return await self._backend().conversions(request)

    async def fill_rates(
        self, context: Context, paths: dict[str, TypeSpec | None]
    ) -> AsyncIterator[tuple[str, float | None, int]]:
        """The share of the rows each path fills, and how many of its values do not fit
        the type given with it, one path after the other."""
        for path in sorted(paths):
            coverage = await self.coverage(context, path, paths[path])
            yield path, fill_rate(coverage), coverage.fit.misfits if coverage.fit else 0

    # -- what the context means --------------------------------------------------------------

    def map_target(self) -> MapTarget | None:
        """Where the context's mappings go, or None without an integration or a payload."""
        context, catalog = self.context, self.catalog
        integration = catalog.integration(context.integration_slug) if catalog else None
        if catalog is None or integration is None or not context.has_payload:
            return None
        connector = catalog.connector(context.connector_token)
        return MapTarget(
            integration.slug,
            integration.display_name,
            connector.token if connector else None,
            connector_label(connector) if connector else None,
        )

    def scope_of(self, field: EffectiveField) -> str:
        """Where the mapping of `field` applies, in words."""
        target = self.map_target()
        if target is None:
            return "?"
        if field.source is MappingScope.CONNECTOR:
            return f"connector {target.connector_name} only"
        return f"all {target.integration_name} connectors"

    def context_bar(self, raw: RawData | None, row_note: Content | None = None) -> Content:
        """The top line: the model, the connector, the row (then `row_note`: the record it
        holds) and the backend."""
        context, catalog, backend = self.context, self.catalog, self.backend
        parts: list[Content] = [Content.styled("fieldmap", "bold")]
        if catalog is not None and (model := catalog.model(context.category, context.model)):
            parts.append(plain(f"{model.category.value} › {model.display_name}"))
        if catalog is not None and (connector := catalog.connector(context.connector_token)):
            parts.append(plain(connector.name))
        elif catalog is not None and (integration := catalog.integration(context.integration_slug)):
            parts.append(plain(f"{integration.display_name} (sample)"))
        if raw is not None and raw.row_count > 1:
            parts.append(Content(f"row {raw.row_index + 1:,}/{raw.row_count:,}") + (row_note or ""))
        parts.append(plain(backend.description if backend else "opening…").stylize("dim"))
        if backend is not None and backend.waiting:
            parts.append(plain(backend.waiting).stylize("bold"))
        return Content(" │ ").join(parts)

    def configuration_heading(self) -> str:
        """What the configuration pane shows (nothing without a payload)."""
        context, catalog = self.context, self.catalog
        if not context.has_payload:
            return ""
        integration = catalog.integration(context.integration_slug) if catalog else None
        name = integration.display_name if integration else context.integration_slug
        if catalog is not None and (connector := catalog.connector(context.connector_token)):
            return f"Effective configuration of connector {connector.name}"
        return f"Organization mappings of {name}; a connector may override them"


def missing_choice(context: Context) -> str:
    """What to choose next for the panes to show a row of `context`."""
    if not context.has_model:
        return "choose a model, then an integration or a connector"
    return "choose an integration or a connector"


def first_context(catalog: Catalog) -> Context:
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
