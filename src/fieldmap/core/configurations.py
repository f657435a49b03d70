"""Effective configurations: which mapping wins for a connector, for one connector or for
every connector of an integration at once."""

from __future__ import annotations

import sqlite3
from typing import Any
from uuid import UUID

from fieldmap.core.custom_fields import CustomFieldOperations
from fieldmap.core.errors import RuleViolation, Violation
from fieldmap.core.ids import short_token
from fieldmap.core.models import (
    Category,
    Connector,
    CustomField,
    EffectiveConfiguration,
    EffectiveField,
    Mapping,
    MappingCounts,
)
from fieldmap.core.operations import (
    ConfigurationRequest,
    FieldsQuery,
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    effective_field,
)
from fieldmap.core.values import field_values


class ConfigurationOperations(CustomFieldOperations):
    """The effective configurations of the organization `org`."""

    def configuration(self, request: ConfigurationRequest) -> EffectiveConfiguration:
        """Every field of (category, model) with the mapping that wins for this connector:
        the connector's own, else its integration's organization mapping, else none."""
        connector = self.connector(request.connector_token)
        self._require_model(request.category, request.model)
        require_serves(connector, request.category, ("query", "category"))
        with self.store.read() as db:  # fields and mappings from one snapshot
            fields, mappings = self._fields_and_mappings(db, request.category, request.model)
        return _effective_configuration(
            connector, request.category, request.model, fields, mappings
        )

    def integration_configuration(
        self, request: IntegrationConfigurationRequest
    ) -> IntegrationConfiguration:
        """Every connector's effective configuration of (category, model), the organization's
        own mappings for the integration, and every field's mapping counts, in one snapshot."""
        integration = self._integration(request.integration)
        self._require_model(request.category, request.model)
        if request.category not in integration.categories:
            raise RuleViolation(
                Violation(
                    ("body", "category"),
                    f"{integration.display_name} does not serve {request.category}",
                )
            )
        with self.store.read() as db:
            fields, mappings = self._fields_and_mappings(db, request.category, request.model)
            connectors = [
                c for c in self.list_connectors() if c.integration_slug == integration.slug
            ]
        organization = {
            m.custom_field_id: m for m in mappings if m.integration_slug == integration.slug
        }
        return IntegrationConfiguration(
            integration_slug=integration.slug,
            category=request.category,
            model=request.model,
            organization=[effective_field(f, organization.get(f.id)) for f in fields],
            connectors=[
                _effective_configuration(c, request.category, request.model, fields, mappings)
                for c in connectors
            ],
            mapping_counts={
                f.id: MappingCounts.of([m for m in mappings if m.custom_field_id == f.id])
                for f in fields
            },
        )

    def field_values(self, request: ConfigurationRequest, row: Any) -> dict[str, Any]:
        """The custom field values the effective configuration gives for one raw row."""
        return field_values(self.configuration(request), row)

    def _fields_and_mappings(
        self, db: sqlite3.Connection, category: Category, model: str
    ) -> tuple[list[CustomField], list[Mapping]]:
        """The fields of (category, model) and all their mappings, every scope."""
        fields = self.list_fields(FieldsQuery(category=category, model=model))  # joins `db`
        mappings = self._mappings(db, "f.category = ? AND f.model = ?", (category, model))
        return fields, mappings


def _effective_configuration(
    connector: Connector,
    category: Category,
    model: str,
    fields: list[CustomField],
    mappings: list[Mapping],
) -> EffectiveConfiguration:
    winners: dict[UUID, Mapping] = {}
    for mapping in mappings:
        if mapping.connector_token == connector.token or (
            mapping.integration_slug == connector.integration_slug
            and mapping.custom_field_id not in winners
        ):
            winners[mapping.custom_field_id] = mapping
    effective: list[EffectiveField] = [effective_field(f, winners.get(f.id)) for f in fields]
    return EffectiveConfiguration(
        connector_token=connector.token,
        integration_slug=connector.integration_slug,
        category=category,
        model=model,
        fields=effective,
    )


def require_serves(connector: Connector, category: Category, loc: tuple[str, ...]) -> None:
    if category not in connector.categories:
        raise RuleViolation(
            Violation(
                loc,
                f"connector {short_token(connector.token)} ({connector.integration_slug}) "
                f"does not serve {category}",
            )
        )
