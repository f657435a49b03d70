"""The requests and results of finding the data (issue 15): search every row and
connector, go to a record, fallbacks for the rows an expression leaves null, and the
`custom_fields` object the unified API would return. Shared, like `operations.py`, by the
engine, the `Backend` protocol, both backends and the server routes."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

from fieldmap.core.matching import MAX_QUERY_LENGTH
from fieldmap.core.models import Category, Contract, Expression, RawDataSource
from fieldmap.core.row_models import RowsQuery

MAX_RECORD_ROWS = 1_000  # the matching rows a record look-up answers; `rows_matching` counts all

SearchText = Annotated[str, Field(min_length=1, max_length=MAX_QUERY_LENGTH)]
Share = Annotated[float, AfterValidator(lambda share: round(share, 4))]
"""A share of rows, to four decimals: what the algorithms compute exactly is not worth
sending to the last digit."""


class SearchRequest(Contract):
    """Search keys and values (plain text, case-insensitive; `/regex/`) of every model's
    connectors and samples, or of one `category`/`model`; and of one source only when a
    `connector_token` (its rows) or an `integration_slug` (its sample) is given."""

    query: SearchText
    category: Category | None = None
    model: str | None = None
    connector_token: str | None = None
    integration_slug: str | None = None


class SearchHit(Contract):
    """One distinct path (indices as `[*]`) whose key or values match."""

    path: str
    matched_on: str
    rows_matching: int
    rows_with_path: int
    share_with_path: Share
    first_row: int
    sample: Any
    value_path: str | None = None
    """When the text matched a label, the path of the value beside it: what to map."""

    @property
    def mapped_path(self) -> str:
        """The path to put in the editor: the value a label names, else the hit's own."""
        return self.value_path or self.path


class SourceHits(Contract):
    """The hits in one source: a connector's synced rows, or an integration's sample."""

    category: Category
    model: str
    integration_slug: str
    connector_token: str | None
    name: str
    raw_data_source: RawDataSource
    rows: int
    only_latest_row: bool = False
    """True when only the connector's latest row could be searched (no extension)."""
    hits: list[SearchHit]


class SearchResult(Contract):
    query: str
    sources: list[SourceHits]
    stopped: str | None = None
    """Why the search ended before every row was searched (its deadline)."""

    @property
    def matched(self) -> bool:
        return any(source.hits for source in self.sources)

    @property
    def only_latest_row(self) -> bool:
        return any(source.only_latest_row for source in self.sources)


class RecordRequest(RowsQuery):
    """The rows of the context holding `value` (an id, an email, a name) at a path that
    looks like an identifier, or `PATH == VALUE`."""

    value: SearchText


class RecordResult(Contract):
    value: str
    rows: list[int]
    """The matching rows (0-based, in order; the first `MAX_RECORD_ROWS`)."""
    rows_matching: int
    row_count: int
    paths: list[str]
    found_by: dict[int, str]
    raw_data_source: RawDataSource
    only_latest_row: bool = False

    def position(self, row: int) -> str:
        """`row 1,734 of 5,000` for a 0-based `row`."""
        return f"row {row + 1:,} of {self.row_count:,}"

    def next_row(self, current: int, direction: int = 1) -> int | None:
        """The matching row after (1) or before (-1) `current`, going round (n / N)."""
        if not self.rows:
            return None
        if direction > 0:
            return next((r for r in self.rows if r > current), self.rows[0])
        return next((r for r in reversed(self.rows) if r < current), self.rows[-1])


class FallbacksRequest(RowsQuery):
    """Fallbacks for `json_path` over the context's rows."""

    json_path: Expression


class FallbackSuggestion(Contract):
    expression: str
    fallbacks: list[str]
    rows: int
    filled_before: int
    filled: int
    coverage: Share
    sample: Any
    sample_row: int
    """A row the fallbacks rescue (0-based), and the value they give it."""


class FallbackSuggestions(Contract):
    json_path: str
    rows: int
    raw_data_source: RawDataSource
    only_latest_row: bool = False
    suggestions: list[FallbackSuggestion]


class UnifiedOutputRequest(Contract):
    """The `custom_fields` object of one of the connector's rows (default the latest)."""

    connector_token: str
    category: Category
    model: str
    row: int | None = None


class UnifiedOutput(Contract):
    connector_token: str
    category: Category
    model: str
    row: int | None
    """The row's 0-based position; None for the integration sample."""
    raw_data_source: RawDataSource
    custom_fields: dict[str, Any]
    rows: int
    complete_rows: int
    """Rows where every mapped field has a value (not null, not an error)."""
    filled: dict[str, int]
    first_incomplete_row: int | None
    only_latest_row: bool = False
