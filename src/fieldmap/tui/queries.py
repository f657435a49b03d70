"""The reads the workbench composes from the `Backend`: the catalogue and configurations."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from uuid import UUID

from fieldmap.backends.protocol import Backend
from fieldmap.core.models import (
    Category,
    Connector,
    CustomField,
    CustomFieldDetail,
    EffectiveField,
    Integration,
    Mapping,
    MappingCounts,
    Model,
)
from fieldmap.core.operations import ConfigurationRequest, IntegrationConfigurationRequest
from fieldmap.tui.context import Context


@dataclass(frozen=True)
class Catalog:
    """Everything the browse pane lists, fetched at once."""

    models: list[Model] = field(default_factory=list)
    integrations: list[Integration] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    fields: list[CustomField] = field(default_factory=list)

    def field_count(self, category: Category, model: str) -> int:
        return len(self.field_names(category, model))

    def integration(self, slug: str | None) -> Integration | None:
        return next((i for i in self.integrations if i.slug == slug), None)

    def connector(self, token: str | None) -> Connector | None:
        return next((c for c in self.connectors if c.token == token), None)

    def model(self, category: Category | None, slug: str | None) -> Model | None:
        return next((m for m in self.models if (m.category, m.slug) == (category, slug)), None)

    def integrations_for(self, category: Category | None) -> list[Integration]:
        return [i for i in self.integrations if category is None or category in i.categories]

    def connectors_of(self, integration_slug: str | None) -> list[Connector]:
        return [c for c in self.connectors if c.integration_slug == integration_slug]

    def field_names(self, category: Category | None, model: str | None) -> set[str]:
        return {f.name for f in self.fields if (f.category, f.model) == (category, model)}


async def load_catalog(backend: Backend) -> Catalog:
    models, integrations, connectors, fields = await asyncio.gather(
        backend.list_models(),
        backend.list_integrations(),
        backend.list_connectors(),
        backend.list_fields(),
    )
    return Catalog(models, integrations, connectors, fields)


@dataclass(frozen=True)
class Configuration:
    """The configuration pane's content: the fields with their winning mapping, and how
    many mappings each field has in all."""

    fields: list[EffectiveField]
    counts: dict[UUID, MappingCounts]


async def load_configuration(backend: Backend, context: Context) -> Configuration:
    """The fields of the context's model with the mapping that wins: the connector's effective
    configuration, or without a connector the integration's organization mappings; one call."""
    assert context.category is not None and context.model is not None
    assert context.integration_slug is not None
    request = IntegrationConfigurationRequest(
        integration=context.integration_slug, category=context.category, model=context.model
    )
    loaded = await backend.integration_configuration(request)
    if context.connector_token is None:
        return Configuration(loaded.organization, loaded.mapping_counts)
    connector = loaded.of_connector(context.connector_token)
    if connector is None:  # not among the integration's known connectors: ask for it alone
        connector = await backend.configuration(
            ConfigurationRequest(
                connector_token=context.connector_token,
                category=context.category,
                model=context.model,
            )
        )
    return Configuration(connector.fields, loaded.mapping_counts)


def organization_mapping(detail: CustomFieldDetail, integration_slug: str | None) -> Mapping | None:
    """The field's mapping for every connector of the integration, if it has one."""
    return next((m for m in detail.mappings if m.integration_slug == integration_slug), None)
