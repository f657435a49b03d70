"""Over HTTP, an expression that overflows or costs too much is a 422 with its reason."""

from __future__ import annotations

import pytest

from .app_fixture import connector_with_rows

OVERFLOWING = ["ceil(to_number('1e999'))", "floor(`1e999`)"]
EXPONENTIAL = ("[" + ",".join(["@"] * 16) + "][]") * 7
HEAVY_PER_ROW = "items | " + "[*].[@,@,@,@,@,@,@,@,@,@] | [] | " * 2 + "length(@)"


def preview(json_path: str, raw_data: object) -> dict:
    return {"category": "HRIS", "model": "employee", "json_path": json_path, "raw_data": raw_data}


@pytest.mark.parametrize("json_path", OVERFLOWING)
async def test_a_preview_that_overflows_is_a_422(api, json_path):
    response = await api.post("/api/v1/custom-fields/preview", json=preview(json_path, {}))
    assert response.status_code == 422, response.text
    assert "out of range" in response.text


async def test_an_exponential_preview_is_a_422_too_expensive(api):
    response = await api.post("/api/v1/custom-fields/preview", json=preview(EXPONENTIAL, [1]))
    assert response.status_code == 422, response.text
    assert "too expensive: more than 1,000,000 values" in response.text


@pytest.mark.parametrize("json_path", OVERFLOWING)
async def test_coverage_of_an_overflowing_expression_counts_failing_rows(api, json_path):
    token = await connector_with_rows(api, [{"a": 1}, {"a": 2}])
    body = {"category": "HRIS", "model": "employee", "connector_token": token}
    body["json_path"] = json_path
    response = await api.post("/api/v1/custom-fields/coverage", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["errors"] == 2


async def test_coverage_past_the_request_budget_is_a_422_saying_where_it_stopped(api):
    token = await connector_with_rows(api, [{"items": list(range(50))}] * 2_000)
    body = {"category": "HRIS", "model": "employee", "connector_token": token}
    response = await api.post(
        "/api/v1/custom-fields/coverage", json={**body, "json_path": HEAVY_PER_ROW}
    )
    assert response.status_code == 422, response.text
    assert "too expensive" in response.text and "stopped at row" in response.text
