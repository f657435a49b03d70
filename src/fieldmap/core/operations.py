"""The requests and results of the operations whose arguments were loose until now.

Every operation is `op(request) -> result` at every layer (engine, `Backend`, routes, the
remote client); the domain models of `models.py` are the requests and results of the rest.
Like them, these are frozen and validated once, where they are made.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WrapSerializer,
    WrapValidator,
    model_validator,
)

from fieldmap.core.models import (
    Category,
    Contract,
    CustomField,
    EffectiveConfiguration,
    EffectiveField,
    FieldSource,
    FieldType,
    FieldUpdate,
    JsonPath,
    Mapping,
    MappingCounts,
    RawDataSource,
    Revision,
)
from fieldmap.core.row_models import CoverageRequest
from fieldmap.core.row_texts import ObjectTexts


class Scope(Contract):
    """Where a mapping applies: exactly one of an integration (the organization's mapping
    for all its connectors) or one connector (an override)."""

    integration_slug: str | None = None
    connector_token: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Scope:
        if (self.integration_slug is None) == (self.connector_token is None):
            raise ValueError("give exactly one of integration_slug or connector_token")
        return self


class RawDataRequest(Contract):
    """A raw row: the connector's synced row `row` (default the latest; negative counts
    from the end), or the integration's sample when the connector has none."""

    category: Category
    model: str
    connector_token: str | None = None
    integration_slug: str | None = None
    row: int | None = None

    @model_validator(mode="after")
    def _needs_a_source(self) -> RawDataRequest:
        if self.connector_token is None and self.integration_slug is None:
            raise ValueError("give a connector_token or an integration_slug")
        return self


class ConfigurationRequest(Contract):
    """One connector's effective configuration of (category, model)."""

    connector_token: str
    category: Category
    model: str


class FieldsQuery(Contract):
    """Which custom fields to list; every one when nothing is given."""

    category: Category | None = None
    model: str | None = None
    source: FieldSource | None = None


# Every default, so nothing to validate: made without building the model's validator at
# import (that costs ~15 ms at every start, pydantic's plugin loader with it).
EVERY_FIELD = FieldsQuery.model_construct()


class FieldChange(Contract):
    """PATCH of a field: its id and the keys that change."""

    field_id: UUID
    update: FieldUpdate
    expected_revision: Revision | None = None
    """The revision the change is based on: another one there is a `StaleRevisionError`
    (None: no check)."""


class MappingChange(Contract):
    """A mapping's new json_path, the only part of a mapping that changes."""

    mapping_id: UUID
    json_path: JsonPath
    expected_revision: Revision | None = None
    """The revision the change is based on: another one there is a `StaleRevisionError`
    (None: no check)."""


def _texts_as_given(rows: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    # Rows checked as text already (an NDJSON file's lines) are stored as they are.
    return rows if isinstance(rows, ObjectTexts) else handler(rows)


def _texts_parsed(rows: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(list(rows) if isinstance(rows, ObjectTexts) else rows)


class NewRows(Contract):
    """Synced rows to append to a connector; the last one becomes the latest."""

    connector_token: str
    category: Category
    model: str
    rows: Annotated[
        list[dict[str, Any]], WrapValidator(_texts_as_given), WrapSerializer(_texts_parsed)
    ] = Field(min_length=1)


class RowCount(Contract):
    """How many synced rows the connector has for the model, after an append."""

    row_count: int


class SetMapping(Contract):
    """Map a field at a scope, whether or not it has a mapping there already."""

    field_id: UUID
    scope: Scope
    json_path: JsonPath
    expected_revision: Revision | None = None
    """The revision of the mapping at the scope that the change is based on: the field's
    mapping there at another one is a `StaleRevisionError` (None: no check)."""
    expected_absent: bool = False
    """The change is based on the field having no mapping at the scope: one created there
    meanwhile is a `StaleRevisionError` (with it), not replaced."""


class SetMappingOutcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


class SetMappingResult(Contract):
    outcome: SetMappingOutcome
    mapping: Mapping


class IntegrationConfigurationRequest(Contract):
    integration: str
    category: Category
    model: str


class IntegrationConfiguration(Contract):
    """Every field of (category, model) for an integration: with the organization's mapping
    alone (`organization`), and as each known connector sees it (`connectors`); and how
    many mappings each field has in all, every scope and integration counted."""

    integration_slug: str
    category: Category
    model: str
    organization: list[EffectiveField]
    connectors: list[EffectiveConfiguration]
    mapping_counts: dict[UUID, MappingCounts]

    def of_connector(self, token: str) -> EffectiveConfiguration | None:
        return next((c for c in self.connectors if c.connector_token == token), None)


def effective_field(field: CustomField, mapping: Mapping | None) -> EffectiveField:
    """A field of an effective configuration, with the mapping that won (None: unmapped)."""
    return EffectiveField(
        custom_field_id=field.id,
        name=field.name,
        description=field.description,
        category=field.category,
        model=field.model,
        json_path=mapping.json_path if mapping else None,
        source=mapping.scope if mapping else None,
        mapping_id=mapping.id if mapping else None,
        mapping_revision=mapping.revision if mapping else None,
        type=field.type,
        options=field.options,
    )


class ConversionsRequest(CoverageRequest):
    """JMESPath conversions that make more of the context's values fit `type` (required here)."""

    type: FieldType


class Conversion(Contract):
    """A conversion of the request's expression, and how its values fit the type."""

    json_path: str
    why: str
    fitting: int
    misfits: int
    null: int


class Conversions(Contract):
    """The conversions of `json_path`, best first (none when every value fits or nothing
    helps); `misfits` is how many values do not fit as it is."""

    json_path: str
    raw_data_source: RawDataSource
    only_latest_row: bool = False
    """True when the server cannot evaluate across rows: the figures are of one raw row."""
    rows: int
    misfits: int
    suggestions: list[Conversion]
