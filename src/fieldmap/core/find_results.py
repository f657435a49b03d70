"""The contract's results of finding the data, made from what the pure algorithms give:
shared by the engine (every row) and the remote client's fallback (the latest row)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fieldmap.core import search
from fieldmap.core.fallbacks import suggest_fallbacks
from fieldmap.core.find_operations import (
    MAX_RECORD_ROWS,
    FallbackSuggestion,
    FallbackSuggestions,
    RecordResult,
    SearchHit,
    SourceHits,
    UnifiedOutput,
    UnifiedOutputRequest,
)
from fieldmap.core.models import Category, EffectiveField, RawDataSource
from fieldmap.core.record import find_record
from fieldmap.core.unified_output import completeness, custom_fields


def source_hits(category: Category, model: str, found: search.SourceHits) -> SourceHits:
    source = found.source
    return SourceHits(
        category=category,
        model=model,
        integration_slug=source.integration_slug,
        connector_token=source.connector_token,
        name=source.name,
        raw_data_source=source.source,
        rows=found.rows,
        only_latest_row=source.only_latest_row,
        hits=[search_hit(hit) for hit in found.hits],
    )


def search_hit(hit: search.SearchHit) -> SearchHit:
    return SearchHit.model_validate(hit, from_attributes=True)


def record_result(
    value: str, rows: Sequence[Any], source: RawDataSource, only_latest_row: bool
) -> RecordResult:
    found = find_record(value, rows)
    kept = found.rows[:MAX_RECORD_ROWS]
    return RecordResult(
        value=found.value,
        rows=kept,
        rows_matching=len(found.rows),
        row_count=found.row_count,
        paths=found.paths,
        found_by={row: found.found_by[row] for row in kept},
        raw_data_source=source,
        only_latest_row=only_latest_row,
    )


def fallback_suggestions(
    json_path: str, rows: Sequence[Any], source: RawDataSource, only_latest_row: bool
) -> FallbackSuggestions:
    return FallbackSuggestions(
        json_path=json_path,
        rows=len(rows),
        raw_data_source=source,
        only_latest_row=only_latest_row,
        suggestions=[
            FallbackSuggestion.model_validate(found, from_attributes=True)
            for found in suggest_fallbacks(json_path, rows)
        ],
    )


def unified_output(
    request: UnifiedOutputRequest,
    fields: Sequence[EffectiveField],
    rows: Sequence[Any],
    row: int | None,
    source: RawDataSource,
    only_latest_row: bool,
) -> UnifiedOutput:
    """`rows[row]`'s `custom_fields` (the sample's when `row` is None), and the rows'
    completeness."""
    filled = completeness(fields, rows)
    return UnifiedOutput(
        connector_token=request.connector_token,
        category=request.category,
        model=request.model,
        row=row,
        raw_data_source=source,
        custom_fields=custom_fields(fields, rows[row if row is not None else 0]),
        rows=filled.rows,
        complete_rows=filled.complete_rows,
        filled=filled.filled,
        first_incomplete_row=filled.first_incomplete_row,
        only_latest_row=only_latest_row,
    )
