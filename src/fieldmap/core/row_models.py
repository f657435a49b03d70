"""The models of rows: synced rows, raw data and preview, coverage and discovered paths
(the fields, mappings and configurations are in models.py)."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

import orjson
from pydantic import Field, field_validator, model_validator

from fieldmap.core.models import (
    Category,
    Contract,
    Expression,
    FieldOptions,
    FieldType,
    JsonPath,
    JsonType,
    ModelSlug,
    RawDataSource,
)


class SyncedRows(Contract):
    category: Category
    model: str
    rows: list[dict[str, Any]] = Field(min_length=1)


class RawData(Contract):
    """A raw upstream row and where it came from; `row_index` of `row_count` synced rows."""

    data: Any
    source: RawDataSource
    row_index: int = 0
    row_count: int = 1


class PreviewRequest(Contract):
    """A path to evaluate on the context's raw data, or on `raw_data` when that is given
    (even as null)."""

    connector_token: str | None = None
    integration_slug: str | None = None
    category: Category
    model: ModelSlug
    json_path: JsonPath
    raw_data: Any = None

    @field_validator("raw_data")
    @classmethod
    def _representable(cls, raw_data: Any) -> Any:
        # What JSON cannot carry back (nesting past 254 levels, integers past 64 bits, lone
        # surrogates) would fail later, in the answer; refuse it here, as a rule.
        try:
            orjson.dumps(raw_data)
        except orjson.JSONEncodeError as error:
            raise ValueError(f"cannot be handled as JSON: {error}") from None
        return raw_data

    @model_validator(mode="after")
    def _needs_data(self) -> PreviewRequest:
        if "raw_data" not in self.model_fields_set:
            _require_connector_or_integration(self)
        return self


class PreviewResult(Contract):
    connector_token: str | None
    json_path: str
    resolved_value: Any = None
    resolved_value_type: JsonType
    raw_data_source: RawDataSource


class FieldValueError(Contract):
    """Stands in for a value whose mapping failed to evaluate on a row."""

    error: Literal["INVALID_JSON_PATH"] = "INVALID_JSON_PATH"
    message: str


class ValueCount(Contract):
    value: Any
    count: int


class FailingRow(Contract):
    """A row where the expression gave null or failed; `row` is its 0-based position."""

    row: int
    outcome: Literal["null", "error"]
    message: str | None = None


class MisfitRow(Contract):
    """A row whose value does not fit the declared type; `row` is its 0-based position."""

    row: int
    reason: str


class TypeFit(Contract):
    """How the values fit a declared type (extension): null and failing rows are neither
    fitting nor misfits; `misfit_rows` are the first misfits, as `failing_rows` for nulls."""

    type: FieldType
    fitting: int
    misfits: int
    reasons: dict[str, int]
    misfit_rows: list[MisfitRow]

    def misfit_row_from(self, current: int, direction: int) -> MisfitRow | None:
        """The misfit row after (1) or before (-1) row `current`, going round; None if none."""
        return _row_from(self.misfit_rows, current, direction)


class Coverage(Contract):
    """How an expression fares across rows; `samples` and `failing_rows` are bounded."""

    json_path: str
    raw_data_source: RawDataSource
    only_latest_row: bool = False
    """True when the server cannot evaluate across rows: the figures are of one raw row."""
    rows: int
    non_null: int
    null: int
    errors: int
    types: dict[str, int]
    samples: list[ValueCount]
    failing_rows: list[FailingRow]
    fit: TypeFit | None = None
    """Extension: how the values fit the type the request declared (null: none declared)."""

    def failing_row_from(self, current: int, direction: int) -> FailingRow | None:
        """The failing row after (1) or before (-1) row `current`, going round; None if none."""
        return _row_from(self.failing_rows, current, direction)

    def row_to_walk_from(self, current: int, direction: int) -> tuple[int, str] | None:
        """The row after (1) or before (-1) `current`, going round, that is null, fails or
        whose value does not fit the declared type, with what is wrong there."""
        wrong: dict[int, str] = {}
        for misfit in self.fit.misfit_rows if self.fit else []:
            wrong[misfit.row] = misfit.reason
        for failure in self.failing_rows:
            wrong[failure.row] = failure.outcome
        walked = [MisfitRow(row=row, reason=what) for row, what in wrong.items()]
        found = _row_from(walked, current, direction)
        return (found.row, found.reason) if found else None


RowT = TypeVar("RowT", FailingRow, MisfitRow)


def _row_from(rows: list[RowT], current: int, direction: int) -> RowT | None:
    ordered = sorted(rows, key=lambda found: found.row)
    if not ordered:
        return None
    if direction > 0:
        return next((f for f in ordered if f.row > current), ordered[0])
    return next((f for f in reversed(ordered) if f.row < current), ordered[-1])


class RowsQuery(Contract):
    """The rows of a context: the connector's synced rows, or the integration's sample."""

    connector_token: str | None = None
    integration_slug: str | None = None
    category: Category
    model: str

    @model_validator(mode="after")
    def _needs_a_source_of_rows(self) -> RowsQuery:
        _require_connector_or_integration(self)
        return self


class CoverageRequest(RowsQuery):
    json_path: Expression
    type: FieldType | None = None
    """Extension: a type to check the values against (`Coverage.fit`)."""
    options: FieldOptions = []  # noqa: RUF012 (a pydantic model: defaults are copied)
    """Extension: the options of a select or multiselect `type`."""


class DiscoveredPath(Contract):
    """A leaf path found in the rows (array indices as `[*]`) and how it is filled."""

    path: str
    types: dict[str, int]
    rows_with_value: int
    fill_rate: float
    sample: Any


class PathDiscovery(Contract):
    """Every leaf path of a context's rows, most filled first."""

    rows: int
    raw_data_source: RawDataSource
    only_latest_row: bool = False
    """True when the server cannot read across rows: the paths are of one raw row."""
    paths: list[DiscoveredPath]


def _require_connector_or_integration(request: RowsQuery | PreviewRequest) -> None:
    if request.connector_token is None and request.integration_slug is None:
        raise ValueError("give a connector_token or an integration_slug")
