"""What a connector's effective configuration makes of one raw row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.models import EffectiveConfiguration, EffectiveField
from fieldmap.core.row_models import FieldValueError


def field_values(configuration: EffectiveConfiguration, row: Any) -> dict[str, Any]:
    """`{field_name: value}` for every field; unmapped fields are None, and a mapping that
    fails on this row gives a `FieldValueError` rather than raising."""
    return mapped_values(configuration.fields, row)


def mapped_values(fields: Iterable[EffectiveField], row: Any) -> dict[str, Any]:
    """`field_values` for any fields with their winning mappings (a connector's, or an
    integration's organization mappings when no connector is chosen)."""
    values: dict[str, Any] = {}
    for field in fields:
        if field.json_path is None:
            values[field.name] = None
            continue
        outcome = jmes.evaluate(field.json_path, row)
        if isinstance(outcome, jmes.PathError):
            values[field.name] = FieldValueError(message=outcome.message)
        else:
            values[field.name] = outcome.value
    return values
