"""Bad input is never a 500: malformed JSON, wrong types, huge numbers, deep nesting, bad
UUIDs and unknown query values, at every route. Bodies get a 4xx; odd queries get a 4xx or
an honest answer (a long model name filters to nothing)."""

from __future__ import annotations

import json

import pytest

UUID_ZERO = "00000000-0000-0000-0000-000000000000"
DEEP = b"[" * 5000 + b"]" * 5000
DEEP_ROW = b'{"category":"HRIS","model":"employee","rows":[{"a":' + b"[" * 400 + b"]" * 400 + b"}]}"
HUGE_INT_ROW = b'{"category":"HRIS","model":"employee","rows":[{"a":' + b"9" * 30 + b"}]}"

BAD_BODIES = [
    b"",
    b"{",
    b"[]",
    b"null",
    b'"text"',
    b"1e999",
    b'{"json_path": NaN}',
    b'{"json_path": Infinity}',
    b"9" * 5000,
    DEEP,
    b'{"name": "\\ud800"}',
    b"\xff\xfe\x00",
    b'{"name": 1, "category": [], "model": {}, "json_path": 5, "rows": "x"}',
    (
        b'{"custom_field_id": 1000000000000000000000000000000, "integration_slug": "workday",'
        b' "json_path": "a"}'
    ),
    b'{"custom_field_id": "not-a-uuid", "connector_token": 3, "json_path": "a"}',
    b'{"category": "HRIS", "model": "employee", "json_path": "sum(@)", "raw_data": [1e308, 1e308]}',
    b'{"category": "HRIS", "model": "employee", "json_path": "[@][0]", "raw_data": ' + DEEP + b"}",
    b'{"category": "NOPE", "model": "\\u0000", "integration_slug": "\\u0000", "json_path": "a"}',
    HUGE_INT_ROW,
    DEEP_ROW,
    b'{"integration_slug": "workday", "name": "' + b"n" * 5000 + b'"}',
]

BODY_ROUTES = [
    ("POST", "/api/v1/custom-fields/preview"),
    ("POST", "/api/v1/custom-fields"),
    ("POST", "/api/v1/custom-fields/mapping"),
    ("PATCH", f"/api/v1/custom-fields/mapping/{UUID_ZERO}"),
    ("PATCH", "/api/v1/custom-fields/mapping/not-a-uuid"),
    ("POST", "/api/v1/connectors"),
    ("POST", "/api/v1/connectors/TOKEN/rows"),
    ("POST", "/api/v1/custom-fields/coverage"),
    ("POST", "/api/v1/custom-fields/paths"),
]

RAW_OF_TOKEN = "/api/v1/custom-fields/raw-data?category=HRIS&model=employee&connector_token=TOKEN"
BAD_QUERIES = [
    ("GET", "/api/v1/lookup/models?category=NOPE"),
    ("GET", "/api/v1/lookup/integrations?category=hris&category=ATS"),
    ("GET", "/api/v1/custom-fields/raw-data"),
    ("GET", "/api/v1/custom-fields/raw-data?category=HRIS&model=employee&row=abc"),
    ("GET", RAW_OF_TOKEN + "&row=999999999999999999999999999999"),
    ("GET", RAW_OF_TOKEN + "&row=-999999999999999999999999999999"),
    ("GET", "/api/v1/custom-fields/raw-data?category=HRIS&model=%00&integration_slug=%ff%fe"),
    ("GET", "/api/v1/custom-fields?category=X&source=Y"),
    pytest.param("GET", "/api/v1/custom-fields?model=" + "m" * 10000, id="long-model"),
    ("GET", "/api/v1/custom-fields/configuration?connector_token=TOKEN"),
    ("GET", "/api/v1/custom-fields/configuration?connector_token=%00&category=HRIS&model=x"),
    ("GET", "/api/v1/custom-fields/not-a-uuid"),
    ("GET", f"/api/v1/custom-fields/{UUID_ZERO}"),
    ("DELETE", "/api/v1/custom-fields/12345"),
    ("DELETE", f"/api/v1/custom-fields/mapping/{UUID_ZERO}"),
    ("GET", "/api/v1/connectors/TOKEN/rows"),
    ("POST", "/api/v1/lookup/models"),
]


@pytest.fixture
async def token(api) -> str:
    created = await api.post(
        "/api/v1/connectors", json={"integration_slug": "workday", "name": "Acme"}
    )
    token = created.json()["token"]
    await api.post(
        f"/api/v1/connectors/{token}/rows",
        json={"category": "HRIS", "model": "employee", "rows": [{"id": 1}]},
    )
    return token


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
async def test_bad_bodies_get_a_4xx(api, token, method, path):
    statuses = {}
    for body in BAD_BODIES:
        response = await api.request(
            method,
            path.replace("TOKEN", token),
            content=body,
            headers={"Content-Type": "application/json"},
        )
        statuses[body[:60]] = response.status_code
    assert all(400 <= status < 500 for status in statuses.values()), statuses


@pytest.mark.parametrize(("method", "path"), BAD_QUERIES)
async def test_bad_queries_and_paths_are_no_server_error(api, token, method, path):
    response = await api.request(method, path.replace("TOKEN", token))
    assert response.status_code < 500, response.text


async def test_validation_errors_have_fastapis_shape(api):
    response = await api.post(
        "/api/v1/custom-fields/mapping",
        json={"custom_field_id": UUID_ZERO, "json_path": "a"},  # no scope
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert {"loc", "msg", "type"} <= set(item)
    json.dumps(item)  # ctx included: plain JSON


async def test_a_patch_with_anything_but_json_path_is_a_422(api):
    response = await api.patch(
        f"/api/v1/custom-fields/mapping/{UUID_ZERO}",
        json={"json_path": "aa", "integration_slug": "workday"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "integration_slug"]


async def test_a_path_that_does_not_compile_is_a_422_with_its_column(api):
    response = await api.post(
        "/api/v1/custom-fields/preview",
        json={"category": "HRIS", "model": "employee", "json_path": "a.[", "raw_data": {}},
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["type"] == "INVALID_JSON_PATH"
    assert item["ctx"] == {"expression": "a.[", "column": 3}
