"""The domain of custom fields, as pydantic v2 models; field names are the API contract."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fieldmap.core.errors import RuleViolation, Violation

MAX_JSON_PATH_LENGTH = 1024
"""A mapping's rule (the contract's); any expression being explored may be longer."""
MAX_EXPRESSION_LENGTH = 16_384
JSON_PATH_PATTERN = r"^\S.*\S$"  # as the contract says: two characters at least
FIELD_NAME_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
MODEL_SLUG_PATTERN = r"^[a-z][a-z0-9_-]*$"
ModelSlug = Annotated[str, Field(max_length=64, pattern=MODEL_SLUG_PATTERN)]

JsonPath = Annotated[
    str, Field(min_length=1, max_length=MAX_JSON_PATH_LENGTH, pattern=JSON_PATH_PATTERN)
]
Expression = Annotated[str, Field(min_length=1, max_length=MAX_EXPRESSION_LENGTH, pattern=r"\S")]
"""Any expression to evaluate while exploring (`a` too): the two-character rule is for mappings."""
Revision = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[!#-~]+$")]
"""An opaque token that changes on every write of a field or mapping (an entity tag's
content: printable ASCII without spaces or quotes)."""
FIELD_NAME_LENGTH = (2, 128)
MAX_DESCRIPTION_LENGTH = 1024
FieldName = Annotated[
    str,
    Field(
        min_length=FIELD_NAME_LENGTH[0], max_length=FIELD_NAME_LENGTH[1], pattern=FIELD_NAME_PATTERN
    ),
]


class Category(StrEnum):
    HRIS = "HRIS"
    ATS = "ATS"
    LMS = "LMS"


class FieldSource(StrEnum):
    """Who created a custom field: the public API or a person in a dashboard (the TUI)."""

    API = "API"
    DASHBOARD = "DASHBOARD"


class RawDataSource(StrEnum):
    CONNECTOR_SYNC = "connector_sync"
    INTEGRATION_SAMPLE = "integration_sample"
    INLINE = "inline"


class MappingScope(StrEnum):
    """Which mapping won in an effective configuration."""

    CONNECTOR = "connector"
    ORGANIZATION = "organization"


JsonType = Literal["string", "number", "boolean", "object", "array", "null"]


class FieldType(StrEnum):
    """What a custom field is meant to hold (an extension: none means any value, as in
    Bindbee's contract); `core.field_types` says what fits each."""

    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    SELECT = "select"
    MULTISELECT = "multiselect"
    OBJECT = "object"
    ARRAY = "array"


OPTION_LENGTH = 200
MAX_OPTIONS = 500


class Contract(BaseModel):
    """Base of every model: unknown keys are refused rather than silently dropped, and a
    model never changes once made, so that what was validated once stays valid (the engine
    does not check a request again)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


ContractT = TypeVar("ContractT", bound=Contract)


def build(contract: type[ContractT], **values: Any) -> ContractT:
    """Make a request model, turning pydantic's ValidationError into `RuleViolation`."""
    try:
        return contract(**values)
    except ValidationError as error:
        raise RuleViolation(
            [
                Violation(("body", *item["loc"]), item["msg"], item["type"])
                for item in error.errors(include_url=False)
            ]
        ) from None


class Model(Contract):
    """A unified model (employee, candidate…) within a category."""

    slug: str
    display_name: str
    category: Category


class Integration(Contract):
    """An upstream provider (workday, greenhouse…) and the categories it serves."""

    slug: str
    display_name: str
    categories: list[Category]


class Connector(Contract):
    """One customer's linked account of an integration; `token` is its secret handle."""

    token: str
    integration_slug: str
    name: str
    categories: list[Category]


class FieldOption(Contract):
    """One choice of a select or multiselect field: the value stored, the label shown."""

    value: str = Field(min_length=1, max_length=OPTION_LENGTH)
    label: str = Field(min_length=1, max_length=OPTION_LENGTH)


FieldOptions = Annotated[list[FieldOption], Field(max_length=MAX_OPTIONS)]


class CustomField(Contract):
    id: UUID
    name: str
    description: str | None = None
    category: Category
    model: str
    source: FieldSource
    created_at: datetime
    updated_at: datetime | None = None
    revision: Revision | None = None
    """Extension: changes on every write (None: the server keeps no revisions)."""
    type: FieldType | None = None
    """Extension: what the field holds (null: any value)."""
    options: list[FieldOption] = []
    """Extension: the choices of a select or multiselect field."""


class Mapping(Contract):
    """Where a field's value lives: exactly one of integration (org scope) or connector."""

    id: UUID
    custom_field_id: UUID
    integration_slug: str | None = None
    connector_token: str | None = None
    json_path: str
    created_at: datetime
    updated_at: datetime | None = None
    revision: Revision | None = None
    """Extension: changes on every write (None: the server keeps no revisions)."""

    @property
    def scope(self) -> MappingScope:
        return MappingScope.CONNECTOR if self.connector_token else MappingScope.ORGANIZATION


class MappingCounts(Contract):
    """How many mappings a field has, in all and at each scope."""

    total: int
    organization: int
    connector: int

    @classmethod
    def of(cls, mappings: list[Mapping]) -> MappingCounts:
        connector = sum(1 for m in mappings if m.scope is MappingScope.CONNECTOR)
        return cls(total=len(mappings), organization=len(mappings) - connector, connector=connector)


class CustomFieldDetail(CustomField):
    """A custom field with every mapping it has."""

    mappings: list[Mapping] = []
    mapping_counts: MappingCounts


class FieldPage(Contract):
    """One page of custom fields; `cursor` asks for the next one, null on the last page;
    `page_size` is how many items this page holds."""

    cursor: str | None
    page_size: int
    items: list[CustomField]


class FieldUpdate(Contract):
    """What PATCH changes: the keys sent. `description` null clears it; `name`, `category`
    or `model` null leave them as they are. `category` and `model` change only while the
    field has no mappings."""

    # Checked again inside a `FieldChange` being checked (the local backend's boundary).
    model_config = ConfigDict(extra="forbid", frozen=True, revalidate_instances="always")

    name: FieldName | None = None
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    category: Category | None = None
    model: ModelSlug | None = None
    type: FieldType | None = None
    """Extension: null makes the field untyped again (and drops its options)."""
    options: FieldOptions | None = None
    """Extension: the new choices, whole; null leaves them as they are."""


class NewCustomField(Contract):
    name: FieldName
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    category: Category
    model: ModelSlug
    source: FieldSource = FieldSource.API
    type: FieldType | None = None
    """Extension: what the field holds (null: any value)."""
    options: FieldOptions = []
    """Extension: the choices of a select or multiselect field."""


class NewMapping(Contract):
    custom_field_id: UUID
    integration_slug: str | None = None
    connector_token: str | None = None
    json_path: JsonPath

    @model_validator(mode="after")
    def _exactly_one_scope(self) -> NewMapping:
        if (self.integration_slug is None) == (self.connector_token is None):
            raise ValueError("give exactly one of integration_slug or connector_token")
        return self


class MappingUpdate(Contract):
    json_path: JsonPath


class NewConnector(Contract):
    integration_slug: str
    name: str = Field(min_length=1, max_length=200)


class EffectiveField(Contract):
    """One field of a connector's effective configuration; unmapped fields have nulls."""

    custom_field_id: UUID
    name: str
    description: str | None = None
    category: Category
    model: str
    json_path: str | None = None
    source: MappingScope | None = None
    mapping_id: UUID | None = None
    mapping_revision: Revision | None = None
    """Extension: the winning mapping's revision, for a write based on it (None: unmapped,
    or the server keeps no revisions)."""
    type: FieldType | None = None
    """Extension: the field's declared type (null: any value)."""
    options: list[FieldOption] = []


class EffectiveConfiguration(Contract):
    connector_token: str
    integration_slug: str
    category: Category
    model: str
    fields: list[EffectiveField]
