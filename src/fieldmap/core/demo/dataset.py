"""The shape of the demo dataset: plain data, loaded into a store by the engine's seeding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldmap.core.models import Category, FieldSource

ModelKey = tuple[Category, str]


@dataclass(frozen=True)
class DemoConnector:
    token: str
    integration_slug: str
    name: str
    rows: dict[ModelKey, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoField:
    name: str
    description: str
    category: Category
    model: str
    source: FieldSource = FieldSource.API


@dataclass(frozen=True)
class DemoMapping:
    """A mapping of the field named `field_name` on (category, model), at exactly one scope."""

    field_name: str
    category: Category
    model: str
    json_path: str
    integration_slug: str | None = None
    connector_token: str | None = None


@dataclass(frozen=True)
class DemoContent:
    """The default organization's demo: connectors with synced rows, fields and mappings."""

    connectors: list[DemoConnector]
    fields: list[DemoField]
    mappings: list[DemoMapping]
