"""The local-engine extensions served the same way, one entry each: the server registers a
route per entry (server/routes/generic.py), the remote backend calls it (or its fallback on
a server without the extensions), the local backend runs the engine's method of the same
name. A new extension operation is its engine method, its line in the `Backend` protocol
and an entry here.

Operations whose routes are not one request to one result (connectors, appending rows,
whose token is in the path) keep routes of their own (server/routes/extensions.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from inspect import cleandoc
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from fieldmap.core import find_operations as find
from fieldmap.core import operations as op
from fieldmap.core import operations_impact as impact
from fieldmap.core.row_models import Coverage, CoverageRequest, PathDiscovery, RowsQuery

RequestT = TypeVar("RequestT", bound=BaseModel)
ResultT = TypeVar("ResultT", bound=BaseModel)


@dataclass(frozen=True)
class Extension(Generic[RequestT, ResultT]):
    """One operation: `name` is the engine's and the backends' method."""

    name: str
    method: Literal["GET", "POST", "PUT"]
    path: str
    request: type[RequestT]
    result: type[ResultT]
    description: str
    """The route's description in /openapi.json."""
    evaluates: bool = False
    """It evaluates expressions over rows: the server runs it in its evaluation threads."""
    computed: Callable[[ResultT], Any] | None = None
    """The values of the result computed by JMESPath, which must still be JSON to be sent…"""
    computed_from: tuple[str, ...] = ()
    """…and where in the request a value that is not is blamed."""
    errors: tuple[int, ...] = ()
    """Error statuses it documents besides 401, 404, 413 and 422."""
    whole_body: bool = False
    """Send the request's defaults too (a union's `kind`); else only the keys it was given."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "description", cleandoc(self.description))


COVERAGE = Extension(
    "coverage",
    "POST",
    "/custom-fields/coverage",
    CoverageRequest,
    Coverage,
    "How a JMESPath fares across the connector's synced rows (or the sample).",
    evaluates=True,
    computed=lambda result: [sample.value for sample in result.samples],
    computed_from=("body", "json_path"),
)
CONVERSIONS = Extension(
    "conversions",
    "POST",
    "/custom-fields/conversions",
    op.ConversionsRequest,
    op.Conversions,
    """JMESPath conversions of `json_path` that make more of the rows' values fit `type`
    (`"42"` read as a number, `"true"` as a boolean, a one-element list's element), best
    first, with how their values fit.""",
    evaluates=True,
)
DISCOVER_PATHS = Extension(
    "discover_paths",
    "POST",
    "/custom-fields/paths",
    RowsQuery,
    PathDiscovery,
    "Every leaf path of the connector's synced rows (or the sample), most filled first.",
    evaluates=True,
)
COUNT_ROWS = Extension(
    "count_rows",
    "GET",
    "/custom-fields/row-count",
    RowsQuery,
    op.RowCount,
    """How many synced rows the connector has of (category, model), without reading one
    (0 for an integration's sample alone).""",
)
SET_MAPPING = Extension(
    "set_mapping",
    "PUT",
    "/custom-fields/mapping/set",
    op.SetMapping,
    op.SetMappingResult,
    """Map a field at a scope: create its mapping there, or replace the one it has, or
    leave it when the path is the same (`outcome` says which).""",
    errors=(409, 412),
)
INTEGRATION_CONFIGURATION = Extension(
    "integration_configuration",
    "GET",
    "/custom-fields/integration-configuration",
    op.IntegrationConfigurationRequest,
    op.IntegrationConfiguration,
    """Every connector's effective configuration of (category, model) for an integration,
    its organization mappings alone, and every field's mapping counts.""",
)
IMPACT = Extension(
    "impact",
    "POST",
    "/custom-fields/impact",
    impact.ImpactRequest,
    impact.ImpactResult,
    """What a change (a mapping set or deleted, at either scope, or a field deleted) would
    do to every connector it reaches: value on the latest row and fill rate, before and
    after, largest change first. Nothing is written.""",
    evaluates=True,
    whole_body=True,
)
OVERRIDES = Extension(
    "overrides",
    "POST",
    "/custom-fields/overrides",
    impact.OverridesRequest,
    impact.OverridesReport,
    """Every connector override of the integration's model next to its organization's
    mapping on the same rows, flagged redundant, broken, stale or better.""",
    evaluates=True,
    whole_body=True,
)
SEARCH = Extension(
    "search",
    "POST",
    "/custom-fields/search",
    find.SearchRequest,
    find.SearchResult,
    """Search the keys and values of every synced row and sample (plain text, or
    `/regex/`): one hit per distinct path, grouped by connector and sample.""",
    evaluates=True,
)
RECORD = Extension(
    "find_record",
    "POST",
    "/custom-fields/record",
    find.RecordRequest,
    find.RecordResult,
    "The rows holding an identifying value (an id, an email, a name; or `PATH == VALUE`).",
    evaluates=True,
)
FALLBACKS = Extension(
    "suggest_fallbacks",
    "POST",
    "/custom-fields/fallbacks",
    find.FallbacksRequest,
    find.FallbackSuggestions,
    "`A || B` fallbacks that fill the rows `json_path` leaves null, best first.",
    evaluates=True,
    computed=lambda result: [suggestion.sample for suggestion in result.suggestions],
    computed_from=("body", "json_path"),
)
UNIFIED_OUTPUT = Extension(
    "unified_output",
    "POST",
    "/custom-fields/unified-output",
    find.UnifiedOutputRequest,
    find.UnifiedOutput,
    """A row's `custom_fields` object as the unified API returns it, and how many of the
    connector's rows have every mapped field filled.""",
    evaluates=True,
    computed=lambda result: result.custom_fields,
    computed_from=("body", "row"),
)

EXTENSIONS: tuple[Extension[Any, Any], ...] = (
    COVERAGE,
    CONVERSIONS,
    DISCOVER_PATHS,
    COUNT_ROWS,
    SET_MAPPING,
    INTEGRATION_CONFIGURATION,
    IMPACT,
    OVERRIDES,
    SEARCH,
    RECORD,
    FALLBACKS,
    UNIFIED_OUTPUT,
)
BY_NAME: dict[str, Extension[Any, Any]] = {extension.name: extension for extension in EXTENSIONS}
