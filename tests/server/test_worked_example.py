"""The worked example of the Bindbee Custom Fields docs, request by request, over HTTP
against a real `fieldmap serve`: discover, look at raw data, preview a JMESPath, create
`guardian_mobile`, map it for workday, override it for one connector, read the effective
configuration before and after the override goes."""

from __future__ import annotations

import httpx

GUARDIAN_PATH = "Personal_Data.Contact_Data.Phone[?Type=='Guardian'].Number | [0]"
OVERRIDE_PATH = "Personal_Data.Contact_Data.Phone[1].Number"
SYNCED_ROW = {
    "Worker_ID": "21007",
    "Personal_Data": {
        "Contact_Data": {
            "Phone": [
                {"Type": "Mobile", "Number": "+1 212 555 0107"},
                {"Type": "Guardian", "Number": "+1 212 555 0177"},
            ]
        }
    },
}
EMPLOYEE = {"category": "HRIS", "model": "employee"}
UNTYPED = {"type": None, "options": []}  # extensions: a field's declared type (none: any)


def api_client(served_api) -> httpx.Client:
    return httpx.Client(
        base_url=f"{served_api.base_url}/api/v1",
        headers={"Authorization": f"Bearer {served_api.new_key()}"},
    )


def test_the_worked_example_request_by_request(served_api):
    with api_client(served_api) as api:
        # Set-up through the local-engine extensions: a workday connector with a synced row.
        created = api.post("/connectors", json={"integration_slug": "workday", "name": "Acme"})
        assert created.status_code == 201
        token = created.json()["token"]
        appended = api.post(f"/connectors/{token}/rows", json={**EMPLOYEE, "rows": [SYNCED_ROW]})
        assert appended.json() == {"row_count": 1}

        # 1. Discover the models and integrations of HRIS.
        models = api.get("/lookup/models", params={"category": "HRIS"})
        assert models.status_code == 200
        assert {"slug": "employee", "display_name": "Employee", "category": "HRIS"} in (
            models.json()["models"]
        )
        integrations = api.get("/lookup/integrations", params={"category": "HRIS"}).json()
        assert {"slug": "workday", "display_name": "Workday", "categories": ["HRIS"]} in (
            integrations["integrations"]
        )

        # 2. The connector's raw row, verbatim, and where it came from.
        raw = api.get("/custom-fields/raw-data", params={**EMPLOYEE, "connector_token": token})
        assert raw.status_code == 200
        assert raw.json() == SYNCED_ROW
        assert raw.headers["X-Raw-Data-Source"] == "connector_sync"

        # 3. Preview the JMESPath on it.
        preview = api.post(
            "/custom-fields/preview",
            json={"connector_token": token, **EMPLOYEE, "json_path": GUARDIAN_PATH},
        )
        assert preview.status_code == 200
        assert preview.json() == {
            "connector_token": token,
            "json_path": GUARDIAN_PATH,
            "resolved_value": "+1 212 555 0177",
            "resolved_value_type": "string",
            "raw_data_source": "connector_sync",
        }

        # 4. Create the field (and a second one that stays unmapped).
        field = api.post(
            "/custom-fields",
            json={"name": "guardian_mobile", "description": "Guardian's mobile", **EMPLOYEE},
        )
        assert field.status_code == 201
        assert field.json()["status"] == "SUCCESS"
        field_id = field.json()["id"]
        badge_id = api.post("/custom-fields", json={"name": "badge_id", **EMPLOYEE}).json()["id"]

        # 5. The organization's mapping for every workday connector.
        org = api.post(
            "/custom-fields/mapping",
            json={
                "custom_field_id": field_id,
                "integration_slug": "workday",
                "json_path": GUARDIAN_PATH,
            },
        )
        assert (org.status_code, org.json()["status"]) == (201, "SUCCESS")

        # 6. An override for this one connector.
        override = api.post(
            "/custom-fields/mapping",
            json={
                "custom_field_id": field_id,
                "connector_token": token,
                "json_path": OVERRIDE_PATH,
            },
        )
        assert override.status_code == 201

        # 7. The effective configuration: the override wins; the unmapped field has nulls.
        query = {"connector_token": token, **EMPLOYEE}
        configuration = api.get("/custom-fields/configuration", params=query)
        assert configuration.status_code == 200
        assert configuration.json() == {
            "connector_token": token,
            "integration_slug": "workday",
            **EMPLOYEE,
            "fields": [
                {
                    "custom_field_id": badge_id,
                    "name": "badge_id",
                    "description": None,
                    **EMPLOYEE,
                    "json_path": None,
                    "source": None,
                    "mapping_id": None,
                    "mapping_revision": None,
                    **UNTYPED,
                },
                {
                    "custom_field_id": field_id,
                    "name": "guardian_mobile",
                    "description": "Guardian's mobile",
                    **EMPLOYEE,
                    "json_path": OVERRIDE_PATH,
                    "source": "connector",
                    "mapping_id": override.json()["id"],
                    "mapping_revision": "1",  # an extension: created, never changed
                    **UNTYPED,
                },
            ],
        }

        # 8. Without the override, the organization's mapping is in effect again.
        assert api.delete(f"/custom-fields/mapping/{override.json()['id']}").status_code == 204
        fields = api.get("/custom-fields/configuration", params=query).json()["fields"]
        assert fields[1] == {
            "custom_field_id": field_id,
            "name": "guardian_mobile",
            "description": "Guardian's mobile",
            **EMPLOYEE,
            "json_path": GUARDIAN_PATH,
            "source": "organization",
            "mapping_id": org.json()["id"],
            "mapping_revision": "1",
            **UNTYPED,
        }
        detail = api.get(f"/custom-fields/{field_id}").json()
        assert [m["id"] for m in detail["mappings"]] == [org.json()["id"]]
