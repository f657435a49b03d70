"""Where the editor screens find the data: the workbench through its backend (one search
per source, so that results stream in), explore on the rows of its file, in threads."""

from __future__ import annotations

import asyncio
from pathlib import PurePath
from typing import Any, Protocol

from fieldmap.core import find_results
from fieldmap.core.find_operations import (
    FallbacksRequest,
    FallbackSuggestions,
    RecordRequest,
    RecordResult,
    SearchRequest,
    UnifiedOutput,
    UnifiedOutputRequest,
)
from fieldmap.core.models import RawDataSource
from fieldmap.core.search import RowSource, Search
from fieldmap.tui.screens.search import FoundSource, SearchChoice, SearchJob
from fieldmap.tui.state import connector_label, rows_query

EXPLORE_HISTORY = "explore"
"""Where `fieldmap explore` keeps the expressions typed: `explore/<file name>` contexts."""


class Finder(Protocol):
    def search_jobs(self) -> list[SearchJob]: ...

    def take(self, choice: SearchChoice) -> str:
        """Show the chosen hit's source and row; says where, for a person."""
        ...

    async def find_record(self, value: str) -> RecordResult: ...

    async def suggest_fallbacks(self, expression: str) -> FallbackSuggestions: ...

    def current_row(self) -> int: ...

    def show_row(self, row: int) -> None: ...

    def history_context(self) -> tuple[str, str] | None:
        """(integration, model) the expressions typed are kept for; None: not kept."""
        ...

    async def unified_output(self) -> UnifiedOutput | None:
        """The row's `custom_fields` under the connector's configuration; None: no connector."""
        ...


class WorkbenchFinder:
    """`screen` is the `WorkbenchScreen` (not imported: it imports this module)."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen

    def search_jobs(self) -> list[SearchJob]:
        """The current connector, the model's other connectors, then the samples."""
        state, context = self.screen.state, self.screen.context
        catalog, backend = state.catalog, state.backend
        if catalog is None or backend is None or not context.has_model:
            return []
        category, model = context.category, context.model
        connectors = [c for c in catalog.connectors if category in c.categories]
        connectors.sort(key=lambda c: c.token != context.connector_token)
        jobs = []
        for connector in connectors:
            integration = catalog.integration(connector.integration_slug)
            name = integration.display_name if integration else connector.integration_slug
            label = f"{connector_label(connector)} ({name})"
            request = {"category": category, "model": model, "connector_token": connector.token}
            jobs.append(SearchJob(label, self._searching(label, request)))
        for integration in catalog.integrations_for(category):
            label = f"{integration.display_name} sample"
            request = {"category": category, "model": model, "integration_slug": integration.slug}
            jobs.append(SearchJob(label, self._searching(label, request)))
        return jobs

    def _searching(self, label: str, scope: dict):
        async def run(query: str) -> list[FoundSource]:
            backend = self.screen.state.backend
            assert backend is not None
            result = await backend.search(SearchRequest(query=query, **scope))
            return [
                FoundSource(
                    label,
                    source.rows,
                    source.hits,
                    source.connector_token,
                    source.integration_slug,
                    source.only_latest_row,
                )
                for source in result.sources
            ]

        return run

    def take(self, choice: SearchChoice) -> str:
        screen, source = self.screen, choice.source
        if source.connector_token is not None and source.integration_slug is not None:
            context = screen.context.with_connector(source.connector_token, source.integration_slug)
            if not source.only_latest_row:
                context = context.with_row(choice.hit.first_row)
            screen.choose(context)
            if source.only_latest_row:
                return f"{source.label}, its latest row"
            return f"{source.label}, row {choice.hit.first_row + 1:,} of {source.rows:,}"
        if source.integration_slug is not None:
            screen.choose(screen.context.with_integration(source.integration_slug))
        return source.label

    async def find_record(self, value: str) -> RecordResult:
        query = rows_query(self.screen.context)
        return await self._backend().find_record(
            RecordRequest(**query.model_dump(exclude_unset=True), value=value)
        )

    async def suggest_fallbacks(self, expression: str) -> FallbackSuggestions:
        query = rows_query(self.screen.context)
        return await self._backend().suggest_fallbacks(
            FallbacksRequest(**query.model_dump(exclude_unset=True), json_path=expression)
        )

    async def unified_output(self) -> UnifiedOutput | None:
        context = self.screen.context
        if context.connector_token is None or context.category is None or context.model is None:
            return None
        return await self._backend().unified_output(
            UnifiedOutputRequest(
                connector_token=context.connector_token,
                category=context.category,
                model=context.model,
                row=self.screen.raw.row_index if self.screen.raw else None,
            )
        )

    def current_row(self) -> int:
        return self.screen.raw.row_index if self.screen.raw else 0

    def show_row(self, row: int) -> None:
        self.screen.choose(self.screen.context.with_row(row))

    def history_context(self) -> tuple[str, str] | None:
        context = self.screen.context
        if context.integration_slug is None or context.model is None:
            return None
        return context.integration_slug, context.model

    def _backend(self):
        backend = self.screen.state.backend
        assert backend is not None, "the backend is opened first"
        return backend


class ExploreFinder:
    """`screen` is the `ExploreScreen` (not imported: it imports this module)."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen

    def search_jobs(self) -> list[SearchJob]:
        name = self.screen.loaded.name
        return [SearchJob(name, self._search)]

    async def _search(self, query: str) -> list[FoundSource]:
        rows, name = self.screen.loaded.rows, self.screen.loaded.name

        def search() -> FoundSource:
            found = Search(query).run(RowSource("", RawDataSource.INLINE, name=name), rows)
            hits = [find_results.search_hit(hit) for hit in found.hits]
            return FoundSource(name, found.rows, hits)

        return [await asyncio.to_thread(search)]

    def take(self, choice: SearchChoice) -> str:
        self.screen.row = choice.hit.first_row
        return f"row {choice.hit.first_row + 1:,} of {choice.source.rows:,}"

    async def find_record(self, value: str) -> RecordResult:
        rows = self.screen.loaded.rows
        return await asyncio.to_thread(
            find_results.record_result, value, rows, RawDataSource.INLINE, False
        )

    async def suggest_fallbacks(self, expression: str) -> FallbackSuggestions:
        rows = self.screen.loaded.rows
        return await asyncio.to_thread(
            find_results.fallback_suggestions, expression, rows, RawDataSource.INLINE, False
        )

    def current_row(self) -> int:
        return self.screen.row

    def show_row(self, row: int) -> None:
        self.screen.row = row

    def history_context(self) -> tuple[str, str] | None:
        # A file has no integration: its expressions are kept by the file's base name (an
        # export explored again finds them; another file's shape is another history), never
        # by its directories (a home or a customer's folder stays out of the data dir).
        return EXPLORE_HISTORY, PurePath(self.screen.loaded.name).name or "-"

    async def unified_output(self) -> UnifiedOutput | None:
        return None  # a file has no configuration
