"""Loading the catalogue and the demo content into a new store, through the engine."""

from __future__ import annotations

from fieldmap.core.catalogue import Catalogue
from fieldmap.core.demo.dataset import DemoContent
from fieldmap.core.engine import Engine
from fieldmap.core.models import NewConnector, NewCustomField, NewMapping
from fieldmap.core.operations import NewRows


def insert_catalogue(engine: Engine, catalogue: Catalogue) -> None:
    engine.insert_catalog(catalogue.models, catalogue.integrations, catalogue.samples)


def load_demo(engine: Engine, content: DemoContent) -> None:
    with engine.store.write():
        for connector in content.connectors:
            engine.create_connector(
                NewConnector(integration_slug=connector.integration_slug, name=connector.name),
                token=connector.token,
            )
            for (category, model), rows in connector.rows.items():
                engine.append_rows(
                    NewRows(
                        connector_token=connector.token, category=category, model=model, rows=rows
                    )
                )
        field_ids = {}
        for field in content.fields:
            created = engine.create_field(
                NewCustomField(
                    name=field.name,
                    description=field.description,
                    category=field.category,
                    model=field.model,
                    source=field.source,
                )
            )
            field_ids[field.category, field.model, field.name] = created.id
        for mapping in content.mappings:
            engine.create_mapping(
                NewMapping(
                    custom_field_id=field_ids[mapping.category, mapping.model, mapping.field_name],
                    integration_slug=mapping.integration_slug,
                    connector_token=mapping.connector_token,
                    json_path=mapping.json_path,
                )
            )
