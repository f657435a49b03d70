"""Where each operation lives, and the headers the API adds to a raw row."""

from __future__ import annotations

API_PREFIX = "/api/v1"

MODELS = "/lookup/models"
INTEGRATIONS = "/lookup/integrations"
RAW_DATA = "/custom-fields/raw-data"
PREVIEW = "/custom-fields/preview"
FIELDS = "/custom-fields"
FIELD = "/custom-fields/{field_id}"
MAPPINGS = "/custom-fields/mapping"
MAPPING = "/custom-fields/mapping/{mapping_id}"
CONFIGURATION = "/custom-fields/configuration"

# Local-engine extensions: `fieldmap serve` has them, a Bindbee server does not.
CONNECTORS = "/connectors"
CONNECTOR_ROWS = "/connectors/{token}/rows"
COVERAGE = "/custom-fields/coverage"
PATHS = "/custom-fields/paths"
SET_MAPPING = "/custom-fields/mapping/set"
INTEGRATION_CONFIGURATION = "/custom-fields/integration-configuration"
SEARCH = "/custom-fields/search"
RECORD = "/custom-fields/record"
FALLBACKS = "/custom-fields/fallbacks"
UNIFIED_OUTPUT = "/custom-fields/unified-output"
IMPACT = "/custom-fields/impact"
OVERRIDES = "/custom-fields/overrides"
CONVERSIONS = "/custom-fields/conversions"
HEALTH = "/healthz"

RAW_DATA_SOURCE_HEADER = "X-Raw-Data-Source"
RAW_DATA_ROW_HEADER = "X-Raw-Data-Row"  # extension: the row's 0-based index
RAW_DATA_ROWS_HEADER = "X-Raw-Data-Rows"  # extension: how many synced rows there are
