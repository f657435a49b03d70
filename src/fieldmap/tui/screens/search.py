"""Search every row and connector: type a text (or `/regex/`), Enter searches; results
stream in source after source (the current connector first), grouped by integration and
connector, one line per path with the rows matching, the share of rows with the path and
a sample. Enter on a path dismisses with it: the screen that opened this one switches its
context there and puts the path in the editor.

The searching is the opener's: each `SearchJob` searches one source (a backend call, or the
rows of a file) in a worker of this screen, so progress shows per source."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from fieldmap.core.errors import FieldmapError
from fieldmap.core.find_operations import SearchHit
from fieldmap.core.wording import count_of
from fieldmap.tui.literal import escape_controls, json_preview

SAMPLE_CHARS = 30
PLACEHOLDER = "Search every row and connector: text, or /regex/ (Enter)"


@dataclass(frozen=True)
class FoundSource:
    """The hits of one source, as the results list shows them."""

    label: str
    rows: int
    hits: list[SearchHit]
    connector_token: str | None = None
    integration_slug: str | None = None
    only_latest_row: bool = False


@dataclass(frozen=True)
class SearchJob:
    """One source to search: its name, and the search of it."""

    label: str
    run: Callable[[str], Awaitable[list[FoundSource]]]


@dataclass(frozen=True)
class SearchChoice:
    source: FoundSource
    hit: SearchHit


class SearchScreen(ModalScreen[SearchChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close", tooltip="Close the search"),
    ]

    query_input = getters.query_one("#search-query", Input)
    progress_line = getters.query_one("#search-progress", Static)
    results = getters.query_one("#search-results", OptionList)

    def __init__(self, jobs: list[SearchJob], query: str = "") -> None:
        super().__init__()
        self.jobs, self.initial_query = jobs, query
        self._choices: dict[str, SearchChoice] = {}
        self._only_latest_row = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Label("Search every row and connector", id="search-title")
            yield Input(self.initial_query, placeholder=PLACEHOLDER, id="search-query")
            yield Static(id="search-progress", markup=False)
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        where = ", ".join(job.label for job in self.jobs[:3])
        more = f" and {len(self.jobs) - 3:,} more" if len(self.jobs) > 3 else ""
        self.progress_line.update(f"Searches {where}{more}.")
        self.query_input.focus()

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.search(event.value.strip())

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self._choices.get(event.option.id or "")
        if choice is not None:
            self.dismiss(choice)

    def action_close(self) -> None:
        self.workers.cancel_group(self, "search")
        self.dismiss(None)

    @work(exclusive=True, group="search")
    async def search(self, query: str) -> None:
        self.results.clear_options()
        self._choices, self._only_latest_row = {}, False
        paths = 0
        for done, job in enumerate(self.jobs):
            self.progress_line.update(
                f"⋯ searching {job.label} ({done + 1} of {len(self.jobs)})… "
                f"{count_of(paths, 'path')} so far"
            )
            try:
                found = await job.run(query)
            except FieldmapError as error:
                self.progress_line.update(f"✗ {escape_controls(error.message)}")
                return
            for source in found:
                paths += self._add(source)
        self.progress_line.update(
            f"{count_of(paths, 'path')} matched in {count_of(len(self.jobs), 'source')}"
            + (" (only the latest row of some connectors)" if self._only_latest_row else "")
            + (": ↑↓ choose, Enter takes the path there" if paths else "")
        )
        if paths:
            self.results.focus()

    def _add(self, source: FoundSource) -> int:
        if not source.hits:
            return 0
        self._only_latest_row |= source.only_latest_row
        rows = "latest row only" if source.only_latest_row else count_of(source.rows, "row")
        heading = Content.assemble((escape_controls(source.label), "bold"), f" · {rows}")
        self.results.add_option(Option(heading, disabled=True))
        for hit in source.hits:
            key = f"hit-{len(self._choices)}"
            self._choices[key] = SearchChoice(source, hit)
            self.results.add_option(Option(hit_line(hit, source.rows), id=key))
        if self.results.highlighted is None:
            self.results.highlighted = 1
        return len(source.hits)


def hit_line(hit: SearchHit, rows: int) -> Content:
    """`  path · 3 rows of 5,000 · path on 100% · "sample"` (→ the value a label names)."""
    figures = (
        f" · {count_of(hit.rows_matching, 'row')} of {rows:,} · path on {hit.share_with_path:.0%}"
        f" · {json_preview(hit.sample, SAMPLE_CHARS)}"
    )
    parts = [("  " + escape_controls(hit.path), ""), (figures, "dim")]
    if hit.value_path:
        parts.append((f" → {escape_controls(hit.value_path)}", "bold"))
    return Content.assemble(*parts)
