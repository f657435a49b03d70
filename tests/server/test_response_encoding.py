"""Whatever a result holds, the answer is JSON: what JSON (or the encoder) cannot carry is a
422 saying so, never a 500. Results nest deeper than pydantic serializes, hold lone
surrogates or integers past 64 bits; echoed inputs nest deeper than Python's stack."""

from __future__ import annotations

import pytest

from .app_fixture import connector_with_rows

PREVIEW = "/api/v1/custom-fields/preview"
COVERAGE = "/api/v1/custom-fields/coverage"


def nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def query(json_path: str, raw_data: object) -> dict:
    return {"category": "HRIS", "model": "employee", "json_path": json_path, "raw_data": raw_data}


def assert_unencodable_422(response, fragment: str) -> None:
    assert response.status_code == 422, response.text
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "json_path"]
    assert fragment in item["msg"]


HUGE = 2**70  # past orjson's 64 bits: what `sum` of large integers can make


@pytest.mark.parametrize(
    ("json_path", "raw_data", "fragment"),
    [
        pytest.param("[[[[[[[[[[@]]]]]]]]]]", nested(250), "nested", id="deep-result"),
        pytest.param('`"\\ud800"`', {}, "surrogate", id="lone-surrogate"),
        pytest.param('{"k": [`"\\udfff"`]}', {}, "surrogate", id="lone-surrogate-inside"),
        pytest.param("sum(@)", [1e308, 1e308], "inf", id="overflow-to-inf"),
    ],
)
async def test_a_preview_result_json_cannot_carry_is_a_422(api, json_path, raw_data, fragment):
    response = await api.post(PREVIEW, json=query(json_path, raw_data))
    assert_unencodable_422(response, fragment)


async def test_a_preview_result_past_64_bits_is_answered(api):
    response = await api.post(PREVIEW, json=query(f"`{HUGE}`", {}))
    assert response.status_code == 200, response.text
    assert response.json()["resolved_value"] == HUGE


@pytest.mark.parametrize(
    ("json_path", "row", "expected"),
    [
        pytest.param(f"{{n: `{HUGE}`}}", {"n": HUGE}, 200, id="object-with-huge-int"),
        pytest.param(f"[{{n: `{HUGE}`}}]", [{"n": HUGE}], 200, id="list-with-huge-int"),
        pytest.param('{s: `"\\ud800"`}', None, 422, id="object-with-lone-surrogate"),
        pytest.param('[`"\\ud800"`]', None, 422, id="list-with-lone-surrogate"),
        pytest.param("{n: [[[[[[[[[[d]]]]]]]]]]}", None, 422, id="object-nested-past-254"),
    ],
)
async def test_coverage_of_values_orjson_cannot_carry(api, json_path, row, expected):
    deep_row = {"d": nested(245)}
    token = await connector_with_rows(api, [deep_row, deep_row])
    response = await api.post(
        COVERAGE,
        json={
            "category": "HRIS",
            "model": "employee",
            "connector_token": token,
            "json_path": json_path,
        },
    )
    assert response.status_code == expected, response.text
    if expected == 200:
        (sample,) = response.json()["samples"]
        assert sample == {"value": row, "count": 2}
    else:
        assert_unencodable_422(response, "surrogate" if "ud800" in json_path else "nested")


async def test_a_422_echoing_a_deeply_nested_input_is_answered(api):
    body = {"category": "HRIS", "model": "employee", "json_path": nested(500)}
    response = await api.post(PREVIEW, json=body)
    assert response.status_code == 422, response.text
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "json_path"]


def test_json_safe_escapes_lone_surrogates_and_cuts_deep_nesting():
    import json

    from fieldmap.api.errors import NESTED_TOO_DEEPLY, json_safe

    safe = json_safe({"k\ud800": ["\udfff", nested(1000)]})
    json.dumps(safe, ensure_ascii=False).encode("utf-8")  # raises if anything is left
    assert list(safe) == ["k\\ud800"]
    assert safe["k\\ud800"][0] == "\\udfff"
    assert NESTED_TOO_DEEPLY in json.dumps(safe)
