"""A raw-data answer read back: the row is the body, where it came from is in headers (an
extension; without them, the published rule)."""

from __future__ import annotations

import httpx

from fieldmap.api import paths
from fieldmap.backends.remote_http import HttpApi
from fieldmap.core.errors import ExtensionUnavailableError, NoRawDataError, UnexpectedResponseError
from fieldmap.core.ids import short_token
from fieldmap.core.models import RawDataSource
from fieldmap.core.operations import RawDataRequest
from fieldmap.core.row_models import RawData


def raw_data_of(request: RawDataRequest, response: httpx.Response, http: HttpApi) -> RawData:
    data = http.json(response)
    headers = response.headers
    if request.row is not None and paths.RAW_DATA_ROW_HEADER not in headers:
        raise ExtensionUnavailableError(
            f"{http.description} cannot show raw row {request.row}: picking a row is an "
            "extension of `fieldmap serve`, and this server sends its latest row only"
        )
    if data is None:
        scope = (
            request.integration_slug or f"connector {short_token(request.connector_token or '')}"
        )
        raise NoRawDataError(f"{scope} has no {request.category}/{request.model} row and no sample")
    # Without the extension header, the published rule: a connector's row is synced
    # (a server falls back to the sample only for a connector that never synced).
    default = (
        RawDataSource.CONNECTOR_SYNC
        if request.connector_token
        else RawDataSource.INTEGRATION_SAMPLE
    )
    try:
        return RawData(
            data=data,
            source=RawDataSource(headers.get(paths.RAW_DATA_SOURCE_HEADER, default)),
            row_index=int(headers.get(paths.RAW_DATA_ROW_HEADER, 0)),
            row_count=int(headers.get(paths.RAW_DATA_ROWS_HEADER, 1)),
        )
    except ValueError:
        raise UnexpectedResponseError(
            f"{http.description} sent raw data with an invalid "
            f"{paths.RAW_DATA_SOURCE_HEADER} or row header"
        ) from None
