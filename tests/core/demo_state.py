"""The demo's integrations as the impact and the overrides report take them: built from the
demo content alone (fields get stable ids), the effective configuration as the engine makes it
(a connector's override wins over its integration's mapping)."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from fieldmap.core.demo import demo_content
from fieldmap.core.demo.dataset import DemoMapping
from fieldmap.core.impact import ConnectorState, IntegrationState
from fieldmap.core.models import (
    Category,
    EffectiveConfiguration,
    EffectiveField,
    MappingScope,
)


def field_id(category: Category, model: str, name: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"fieldmap-test:{category}/{model}/{name}")


def demo_state(
    integration: str,
    category: Category,
    model: str,
    extra: list[DemoMapping] = (),
    only_latest_row: bool = False,
) -> IntegrationState:
    content = demo_content()
    fields = [f for f in content.fields if (f.category, f.model) == (category, model)]
    mappings = [
        m for m in [*content.mappings, *extra] if (m.category, m.model) == (category, model)
    ]
    organization = {
        field_id(category, model, m.field_name): m.json_path
        for m in mappings
        if m.integration_slug == integration
    }
    connectors = []
    for connector in content.connectors:
        if connector.integration_slug != integration:
            continue
        overrides = {
            field_id(category, model, m.field_name): m.json_path
            for m in mappings
            if m.connector_token == connector.token
        }
        effective = []
        for f in fields:
            key = field_id(category, model, f.name)
            path, source = overrides.get(key), MappingScope.CONNECTOR
            if path is None:
                path, source = organization.get(key), MappingScope.ORGANIZATION
            effective.append(
                EffectiveField(
                    custom_field_id=key,
                    name=f.name,
                    category=category,
                    model=model,
                    json_path=path,
                    source=source if path else None,
                )
            )
        rows = connector.rows.get((category, model), [])
        configuration = EffectiveConfiguration(
            connector_token=connector.token,
            integration_slug=integration,
            category=category,
            model=model,
            fields=effective,
        )
        connectors.append(
            ConnectorState(
                configuration,
                rows[-1:] if only_latest_row else rows,
                only_latest_row,
                connector.name,
            )
        )
    return IntegrationState(connectors, organization)
