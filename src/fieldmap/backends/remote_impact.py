"""The impact of a change and the overrides report on a server without those extensions:
made of the calls it has (the integrations' configurations, each known connector's latest
raw row), computed here, and flagged `only_latest_row`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldmap.core.columns import Work
from fieldmap.core.errors import NoRawDataError
from fieldmap.core.impact_report import impact_result, overrides_result, reached_integrations
from fieldmap.core.models import RawDataSource
from fieldmap.core.operations import (
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    RawDataRequest,
)
from fieldmap.core.operations_impact import (
    ImpactRequest,
    ImpactResult,
    OverridesReport,
    OverridesRequest,
)

if TYPE_CHECKING:
    from fieldmap.backends.remote import RemoteBackend


async def impact(
    backend: RemoteBackend, request: ImpactRequest, work: Work | None = None
) -> ImpactResult:
    change = request.change
    field, connectors = await asyncio.gather(
        backend.get_field(change.field_id), backend.list_connectors()
    )
    configurations = await asyncio.gather(
        *(
            backend.integration_configuration(
                IntegrationConfigurationRequest(
                    integration=slug, category=field.category, model=field.model
                )
            )
            for slug in reached_integrations(change, field, connectors)
        )
    )
    rows = await _latest_rows(backend, configurations)
    names = {c.token: c.name for c in connectors}
    return impact_result(
        change, field, configurations, rows, names, only_latest_row=True, work=work
    )


async def overrides(
    backend: RemoteBackend, request: OverridesRequest, work: Work | None = None
) -> OverridesReport:
    configuration, connectors = await asyncio.gather(
        backend.integration_configuration(
            IntegrationConfigurationRequest(
                integration=request.integration, category=request.category, model=request.model
            )
        ),
        backend.list_connectors(),
    )
    rows = await _latest_rows(backend, [configuration])
    names = {c.token: c.name for c in connectors}
    return overrides_result(configuration, rows, names, only_latest_row=True, work=work)


async def _latest_rows(
    backend: RemoteBackend, configurations: Sequence[IntegrationConfiguration]
) -> dict[str, list[Any]]:
    """Each connector's latest synced row; a connector that has none (the server answers
    the integration's sample, or nothing) has no rows known."""
    effective = [c for configuration in configurations for c in configuration.connectors]

    async def latest(token: str, category: Any, model: str) -> list[Any] | None:
        try:
            raw = await backend.raw_data(
                RawDataRequest(category=category, model=model, connector_token=token)
            )
        except NoRawDataError:
            return None
        return [raw.data] if raw.source is RawDataSource.CONNECTOR_SYNC else None

    found = await asyncio.gather(
        *(latest(c.connector_token, c.category, c.model) for c in effective)
    )
    return {c.connector_token: rows for c, rows in zip(effective, found, strict=True) if rows}
