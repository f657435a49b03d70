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

# Local-engine extensions: `fieldmap serve` has them, a Bindbee server does not (the rest
# of them are in `api.extensions`' table).
CONNECTORS = "/connectors"
CONNECTOR_ROWS = "/connectors/{token}/rows"
HEALTH = "/healthz"

RAW_DATA_SOURCE_HEADER = "X-Raw-Data-Source"
RAW_DATA_ROW_HEADER = "X-Raw-Data-Row"  # extension: the row's 0-based index
RAW_DATA_ROWS_HEADER = "X-Raw-Data-Rows"  # extension: how many synced rows there are
