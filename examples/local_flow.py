"""The whole flow against the local engine, in a throwaway data dir:
discover -> raw data -> preview -> create field -> org and connector mappings -> configuration.

    .venv/bin/python examples/local_flow.py
"""

import tempfile
from pathlib import Path

from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewCustomField, NewMapping
from fieldmap.core.operations import IntegrationConfigurationRequest, RawDataRequest
from fieldmap.core.row_models import PreviewRequest
from fieldmap.core.workspace import open_store

HRIS = Category.HRIS

with tempfile.TemporaryDirectory() as data_dir:
    engine = Engine(open_store(Path(data_dir)))

    # Discover: models, integrations, and the connectors of the demo organization.
    print("models:", [m.slug for m in engine.list_models(HRIS)])
    print("integrations:", [i.slug for i in engine.list_integrations(HRIS)])
    acme, globex = [c for c in engine.list_connectors() if c.integration_slug == "workday"]
    print("workday connectors:", acme.name, "/", globex.name)

    # Raw data: the latest synced row of a connector.
    raw = engine.raw_data(
        RawDataRequest(category=HRIS, model="employee", connector_token=acme.token)
    )
    print(f"raw data from {raw.source}, row {raw.row_index + 1} of {raw.row_count}")

    # Preview a path on it; nothing is saved.
    path = "Worker_Data.Personal_Data.Contact_Data.Phone_Data[0].Formatted_Phone"
    preview = engine.preview(
        PreviewRequest(connector_token=acme.token, category=HRIS, model="employee", json_path=path)
    )
    print("preview:", preview.resolved_value, f"({preview.resolved_value_type})")

    # Create a field, map it for every workday connector, then override it for one.
    field = engine.create_field(
        NewCustomField(name="work_phone", category=HRIS, model="employee", description="Desk")
    )
    engine.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path=path)
    )
    engine.create_mapping(
        NewMapping(
            custom_field_id=field.id,
            connector_token=globex.token,
            json_path="Worker_Data.Personal_Data.Contact_Data.Phone_Data[-1].Formatted_Phone",
        )
    )

    # The effective configuration: which mapping wins for each connector, all in one call.
    workday = engine.integration_configuration(
        IntegrationConfigurationRequest(integration="workday", category=HRIS, model="employee")
    )
    for connector in (acme, globex):
        configuration = workday.of_connector(connector.token)
        assert configuration is not None
        print(f"\n{connector.name}:")
        for effective in configuration.fields:
            source = effective.source or "unmapped"
            print(f"  {effective.name:<24} {source:<13} {effective.json_path or ''}")
