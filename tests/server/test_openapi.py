"""/openapi.json describes every route, its auth and its error shapes."""

from __future__ import annotations

ROUTES = {
    ("get", "/api/v1/lookup/models"),
    ("get", "/api/v1/lookup/integrations"),
    ("get", "/api/v1/custom-fields/raw-data"),
    ("post", "/api/v1/custom-fields/preview"),
    ("post", "/api/v1/custom-fields"),
    ("get", "/api/v1/custom-fields"),
    ("get", "/api/v1/custom-fields/{field_id}"),
    ("patch", "/api/v1/custom-fields/{field_id}"),
    ("delete", "/api/v1/custom-fields/{field_id}"),
    ("post", "/api/v1/custom-fields/mapping"),
    ("get", "/api/v1/custom-fields/mapping"),
    ("patch", "/api/v1/custom-fields/mapping/{mapping_id}"),
    ("delete", "/api/v1/custom-fields/mapping/{mapping_id}"),
    ("get", "/api/v1/custom-fields/configuration"),
    ("get", "/api/v1/connectors"),
    ("post", "/api/v1/connectors"),
    ("post", "/api/v1/connectors/{token}/rows"),
    ("post", "/api/v1/custom-fields/coverage"),
    ("post", "/api/v1/custom-fields/paths"),
    ("get", "/healthz"),
}


async def test_every_route_is_described_with_its_errors(api):
    spec = (await api.get("/openapi.json")).json()
    described = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert described == ROUTES
    for method, path in ROUTES - {("get", "/healthz")}:
        operation = spec["paths"][path][method]
        assert "401" in operation["responses"], (method, path)
        assert ("404" in operation["responses"]) != ("/lookup/" in path), (method, path)
        assert operation["security"] == [{"HTTPBearer": []}], (method, path)
    assert "409" in spec["paths"]["/api/v1/custom-fields"]["post"]["responses"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


async def test_extensions_are_tagged_as_such(api):
    spec = (await api.get("/openapi.json")).json()
    assert spec["paths"]["/api/v1/connectors"]["get"]["tags"] == ["Extensions (local engine)"]
    assert "extension" in spec["paths"]["/api/v1/custom-fields"]["post"]["description"].lower()
