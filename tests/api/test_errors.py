"""fieldmap's errors on the wire: the status each one carries."""

import pytest

from fieldmap.api.errors import to_http
from fieldmap.core.errors import (
    ConflictError,
    InvalidJsonPathError,
    NotFoundError,
    StoreBusyError,
    StoreError,
)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFoundError("no field"), 404),
        (ConflictError("taken"), 409),
        (InvalidJsonPathError("unexpected token", "a.", 2), 422),
        (StoreBusyError("locked; try again"), 503),
        (StoreError("disk full"), 500),
    ],
)
def test_each_error_has_its_status(error, status):
    assert to_http(error)[0] == status


def test_an_invalid_path_carries_its_column():
    _, body = to_http(InvalidJsonPathError("unexpected token", "a.", 2))
    (item,) = body["detail"]
    assert (item["type"], item["ctx"]["column"], item["loc"]) == (
        "INVALID_JSON_PATH",
        2,
        ["body", "json_path"],
    )
