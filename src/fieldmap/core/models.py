"""The domain of custom fields, as pydantic v2 models; field names are the API contract."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

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

    model_config = ConfigDict(extra="forbid", frozen=True)


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
    options: FieldOptions = []
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
