"""Conversions that fix a value's shape, and the type a path's values suggest.

Where a value means the right thing in the wrong shape (`"42"` for a number, `"true"` for a
boolean, a one-element list for a single value, a number for text), a JMESPath around the
mapping converts it. Each suggestion is evaluated on the rows and kept only when it leaves
fewer misfits and no row whose value fitted loses it; its fit is reported with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.columns import Work, evaluate_columns, is_filled
from fieldmap.core.field_types import (
    ANY,
    OPTION_LENGTH,
    SINGLE_VALUED,
    WITH_OPTIONS,
    FieldType,
    Fit,
    Option,
    TypeSpec,
    fit,
    misfit,
    require_sound,
    spec_of,
)
from fieldmap.core.models import MAX_JSON_PATH_LENGTH, RawDataSource
from fieldmap.core.operations import Conversion, Conversions, ConversionsRequest
from fieldmap.core.row_models import Coverage

SELECT_OPTION_LIMIT = 12
"""A text path with at most this many distinct values, each seen twice on average, is
proposed as a select."""

_SIMPLE_PATH = re.compile(r'[A-Za-z_][\w]*|"[^"\\]*"')
_NUMERIC = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


@dataclass(frozen=True)
class Suggestion:
    expression: str
    why: str
    fit: Fit


def suggest_conversions(
    spec: TypeSpec, expression: str, rows: Sequence[Any], work: Work | None = None
) -> list[Suggestion]:
    """Conversions of `expression` that make more of the rows' values fit `spec`, best
    first; empty when every value fits or nothing helps."""
    work = work if work is not None else Work()
    column = evaluate_columns([expression], rows, work)[expression]
    current = fit(spec, column)
    if not current.misfits:
        return []
    candidates = {
        candidate: why
        for candidate, why in _candidates(spec, expression, column)
        if len(candidate) <= MAX_JSON_PATH_LENGTH and jmes.check(candidate) is None
    }
    converted = evaluate_columns(candidates, rows, work)
    suggestions = [
        Suggestion(candidate, why, reached)
        for candidate, why in candidates.items()
        if (reached := fit(spec, converted[candidate])).misfits < current.misfits
        and _keeps_what_fitted(spec, column, converted[candidate])
    ]
    return sorted(suggestions, key=lambda s: (s.fit.misfits, -s.fit.fitting, len(s.expression)))


def _keeps_what_fitted(spec: TypeSpec, before: list[Any], after: list[Any]) -> bool:
    """No row whose value fitted loses its value or its fit to the conversion."""
    return all(
        misfit(spec, new) is None and new is not None
        for old, new in zip(before, after, strict=True)
        if is_filled(old) and misfit(spec, old) is None
    )


def _candidates(spec: TypeSpec, expression: str, column: list[Any]) -> list[tuple[str, str]]:
    values = [value for value in column if is_filled(value)]
    wrapped = [value[0] for value in values if isinstance(value, list) and len(value) == 1]
    found: list[tuple[str, str]] = []
    bases = [(expression, values, "")]
    if spec.type in SINGLE_VALUED and wrapped:
        first = f"{expression} | [0]"
        found.append((first, "the first element of a one-element list"))
        bases.append((first, wrapped, "the first element, "))
    for base, base_values, prefix in bases:
        for candidate, why in _scalar_conversions(spec.type, base, base_values):
            found.append((candidate, prefix + why))
    return found


def _scalar_conversions(
    kind: FieldType | None, expression: str, values: list[Any]
) -> list[tuple[str, str]]:
    strings = [value for value in values if isinstance(value, str)]
    if kind in (FieldType.NUMBER, FieldType.INTEGER) and any(map(_NUMERIC.fullmatch, strings)):
        return [(f"to_number({expression})", "numbers written as text, read as numbers")]
    if kind is FieldType.BOOLEAN and any(text in ("true", "false") for text in strings):
        operand = _operand(expression)
        # `A && A == 'true'` keeps a null null, where `A == 'true'` would make it false.
        return [(f"{operand} && {operand} == 'true'", "'true' and 'false' read as booleans")]
    if kind is FieldType.TEXT and any(isinstance(value, int | float | bool) for value in values):
        return [(f"to_string({expression})", "numbers and booleans written as text")]
    return []


def _operand(expression: str) -> str:
    """`expression` as an operand of `&&` and `==`: a plain path stays bare."""
    steps = expression.split(".")
    if all(_SIMPLE_PATH.fullmatch(step) for step in steps):
        return expression
    return f"({expression})"


def conversions_of(
    request: ConversionsRequest, rows: Sequence[Any], source: RawDataSource
) -> Conversions:
    """The `Conversions` answer to `request` over `rows` (the engine's, and the remote
    fallback's on one raw row)."""
    spec = spec_of(request.type, request.options)
    require_sound(spec)
    jmes.compile_path(request.json_path)  # a syntax error fails before rows are read
    work = Work()
    column = evaluate_columns([request.json_path], rows, work)[request.json_path]
    found = suggest_conversions(spec, request.json_path, rows, work)
    return Conversions(
        json_path=request.json_path,
        raw_data_source=source,
        rows=len(rows),
        misfits=fit(spec, column).misfits,
        suggestions=[
            Conversion(
                json_path=s.expression,
                why=s.why,
                fitting=s.fit.fitting,
                misfits=s.fit.misfits,
                null=s.fit.null,
            )
            for s in found
        ],
    )


@dataclass(frozen=True)
class TypeProposal:
    spec: TypeSpec
    fit: Fit


_PROPOSAL_ORDER = (
    FieldType.BOOLEAN,
    FieldType.INTEGER,
    FieldType.NUMBER,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.TEXT,
    FieldType.ARRAY,
    FieldType.OBJECT,
)


def propose_type(values: Sequence[Any]) -> TypeProposal:
    """The type most of a path's values fit (the narrowest on a tie), with the fit it
    reaches; text with few distinct values becomes a select, a list of such a multiselect.
    No value at all proposes no type."""
    present = [value for value in values if is_filled(value)]
    if not present:
        return TypeProposal(ANY, fit(ANY, values))
    ranked = []
    for rank, kind in enumerate(_PROPOSAL_ORDER):
        spec = _with_options(TypeSpec(kind), present)
        reached = fit(spec, present)
        ranked.append((reached.fitting, -rank, spec))
    best = max(ranked, key=lambda item: item[:2])[2]
    return TypeProposal(best, fit(best, values))


def propose_from_coverage(coverage: Coverage) -> TypeSpec:
    """The type a path's coverage suggests, from its most frequent values (weighted by
    their counts). Options are proposed only when those values are every value there is:
    otherwise some choices would be missing."""
    values = [sample.value for sample in coverage.samples for _ in range(sample.count)]
    spec = propose_type(values).spec
    if spec.type in WITH_OPTIONS and len(values) < coverage.non_null:
        return TypeSpec(FieldType.TEXT if spec.type is FieldType.SELECT else FieldType.ARRAY)
    return spec


def _with_options(spec: TypeSpec, present: list[Any]) -> TypeSpec:
    if spec.type is FieldType.TEXT:
        texts = [value for value in present if isinstance(value, str)]
        kind = FieldType.SELECT
    elif spec.type is FieldType.ARRAY:
        texts = [item for value in present if isinstance(value, list) for item in value]
        kind = FieldType.MULTISELECT
        if not all(isinstance(item, str) for item in texts):
            return spec
    else:
        return spec
    distinct = sorted(set(texts))
    if not distinct or len(distinct) > SELECT_OPTION_LIMIT or len(texts) < 2 * len(distinct):
        return spec
    if not all(0 < len(text) <= OPTION_LENGTH for text in distinct):
        return spec
    return TypeSpec(kind, tuple(Option(value, value) for value in distinct))
