"""/openapi.json describes every route, its auth and its error shapes."""

from __future__ import annotations

from fieldmap.api import paths
from fieldmap.api.extensions import EXTENSIONS

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
    ("put", "/api/v1/custom-fields/mapping/set"),
    ("get", "/api/v1/custom-fields/integration-configuration"),
    ("post", "/api/v1/custom-fields/impact"),
    ("post", "/api/v1/custom-fields/overrides"),
    ("post", "/api/v1/custom-fields/conversions"),
    ("get", "/healthz"),
    ("post", "/api/v1/custom-fields/search"),
    ("post", "/api/v1/custom-fields/record"),
    ("post", "/api/v1/custom-fields/fallbacks"),
    ("post", "/api/v1/custom-fields/unified-output"),
    ("get", "/api/v1/custom-fields/row-count"),
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


async def test_every_operation_of_the_extensions_table_has_its_schemas(api):
    spec = (await api.get("/openapi.json")).json()
    for extension in EXTENSIONS:
        operation = spec["paths"][paths.API_PREFIX + extension.path][extension.method.lower()]
        answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer == {"$ref": f"#/components/schemas/{extension.result.__name__}"}
        if extension.method == "GET":
            asked = {parameter["name"] for parameter in operation["parameters"]}
            assert asked == set(extension.request.model_fields), extension.name
        else:
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert body["$ref"].startswith("#/components/schemas/" + extension.request.__name__)
        assert operation["description"] == extension.description
        for status in extension.errors:
            assert str(status) in operation["responses"], (extension.name, status)


async def test_extensions_are_tagged_as_such(api):
    spec = (await api.get("/openapi.json")).json()
    assert spec["paths"]["/api/v1/connectors"]["get"]["tags"] == ["Extensions (local engine)"]
    assert "extension" in spec["paths"]["/api/v1/custom-fields"]["post"]["description"].lower()


async def test_the_published_rules_are_in_the_document(api):
    spec = (await api.get("/openapi.json")).json()
    fields = "/api/v1/custom-fields"
    for path in (fields + "/{field_id}", fields + "/mapping/{mapping_id}"):
        deleted = spec["paths"][path]["delete"]["responses"]
        assert "204" in deleted and "content" not in deleted["204"] and "200" not in deleted
    for path in (fields + "/raw-data", fields + "/mapping"):
        operation = spec["paths"][path]["get"]
        assert operation["x-query-parameter-constraints"] == {
            "exactlyOne": ["connector_token", "integration_slug"]
        }
        schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/HTTPValidationError"}
    listing = spec["paths"][fields]["get"]
    page_size = next(p for p in listing["parameters"] if p["name"] == "page_size")["schema"]
    assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (1, 200, 50)
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert spec["components"]["schemas"][page.rsplit("/", 1)[1]]["required"] == [
        "cursor",
        "page_size",
        "items",
    ]
    assert "WWW-Authenticate" in listing["responses"]["401"]["headers"]
    raw = spec["paths"][fields + "/raw-data"]["get"]["responses"]["200"]["content"]
    assert {"type": "null"} in raw["application/json"]["schema"]["anyOf"]
    schemas = spec["components"]["schemas"]
    assert schemas["Category"]["enum"] == ["HRIS", "ATS", "LMS"]
    assert schemas["MappingCounts"]["required"] == ["total", "organization", "connector"]
    assert schemas["Mapping"]["required"] == ["id", "custom_field_id", "json_path", "created_at"]
