"""The impact and the overrides report as the contract answers them, from what the caller
read: integrations' configurations and connectors' rows. The engine reads every row; a
remote client on a server without the extensions reads each known connector's latest row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from fieldmap.core import impact as core_impact
from fieldmap.core.columns import Failed, Work
from fieldmap.core.models import Connector, CustomField
from fieldmap.core.operations import IntegrationConfiguration
from fieldmap.core.operations_impact import (
    ConnectorImpactFigures,
    ConnectorOverrideChange,
    FieldDeletion,
    ImpactChange,
    ImpactResult,
    LatestValue,
    OrganizationMappingChange,
    OverridesReport,
)
from fieldmap.core.overrides import overrides_report

RowsByToken = Mapping[str, Sequence[Any]]
"""Each connector's rows, oldest first; a connector left out has no rows known."""


def reached_integrations(
    change: ImpactChange, field: CustomField, connectors: Sequence[Connector]
) -> list[str]:
    """The integrations whose connectors the change can reach: the mapping's own, the
    overridden connector's, or (a field deleted) every one with a connector serving the
    field's category."""
    if isinstance(change, OrganizationMappingChange):
        return [change.integration_slug]
    if isinstance(change, ConnectorOverrideChange):
        return [c.integration_slug for c in connectors if c.token == change.connector_token][:1]
    serving = [c.integration_slug for c in connectors if field.category in c.categories]
    return list(dict.fromkeys(serving))


def integration_state(
    configuration: IntegrationConfiguration,
    rows: RowsByToken,
    names: Mapping[str, str],
    only_latest_row: bool = False,
) -> core_impact.IntegrationState:
    connectors = [
        core_impact.ConnectorState(
            effective,
            rows.get(effective.connector_token),
            only_latest_row,
            names.get(effective.connector_token),
        )
        for effective in configuration.connectors
    ]
    organization = {
        f.custom_field_id: f.json_path for f in configuration.organization if f.json_path
    }
    return core_impact.IntegrationState(connectors, organization)


def impact_result(
    change: ImpactChange,
    field: CustomField,
    configurations: Sequence[IntegrationConfiguration],
    rows: RowsByToken,
    names: Mapping[str, str],
    *,
    only_latest_row: bool = False,
    work: Work | None = None,
) -> ImpactResult:
    """The impact of `change` on every connector of `configurations` it reaches."""
    work = work if work is not None else Work()
    core_change = _core_change(change)
    figures: list[core_impact.ConnectorImpact] = []
    for configuration in configurations:
        state = integration_state(configuration, rows, names, only_latest_row)
        one = _counting_on(work)
        figures += core_impact.impact(state, core_change, one).connectors
        work.done += one.done
    by_integration = {
        c.connector_token: configuration.integration_slug
        for configuration in configurations
        for c in configuration.connectors
    }
    ordered = core_impact.Impact(core_change, figures).by_change()
    return ImpactResult(
        change=change,
        field_name=field.name,
        category=field.category,
        model=field.model,
        connectors=[_figures(c, by_integration[c.connector_token]) for c in ordered],
        only_latest_row=only_latest_row,
    )


def overrides_result(
    configuration: IntegrationConfiguration,
    rows: RowsByToken,
    names: Mapping[str, str],
    *,
    only_latest_row: bool = False,
    work: Work | None = None,
) -> OverridesReport:
    """Every override of the integration's connectors next to the organization's mapping."""
    state = integration_state(configuration, rows, names, only_latest_row)
    findings = overrides_report(state, work)
    return OverridesReport(
        integration_slug=configuration.integration_slug,
        category=configuration.category,
        model=configuration.model,
        findings=findings,
        only_latest_row=only_latest_row,
    )


def _core_change(change: ImpactChange) -> core_impact.Change:
    if isinstance(change, OrganizationMappingChange):
        return core_impact.SetOrganizationMapping(change.field_id, change.json_path)
    if isinstance(change, ConnectorOverrideChange):
        return core_impact.SetConnectorOverride(
            change.field_id, change.connector_token, change.json_path
        )
    assert isinstance(change, FieldDeletion)
    return core_impact.DeleteField(change.field_id)


def _counting_on(work: Work) -> Work:
    """`work` for one more integration: its progress counts on from what is done already."""
    done = work.done

    def progress(rows: int, total: int) -> None:
        if work.progress is not None:
            work.progress(done + rows, done + total)

    return Work(progress=progress, cancelled=work.cancelled, limits=work.limits)


def _figures(c: core_impact.ConnectorImpact, integration_slug: str) -> ConnectorImpactFigures:
    has_rows = c.fill_before is not None
    figures = {field.name: getattr(c, field.name) for field in dataclasses.fields(c)}
    figures |= {
        "integration_slug": integration_slug,
        "latest_before": _latest(c.latest_before) if has_rows else None,
        "latest_after": _latest(c.latest_after) if has_rows else None,
    }
    # The fills are read by their attributes, as FillFigures.
    return ConnectorImpactFigures.model_validate(figures, from_attributes=True)


def _latest(value: Any) -> LatestValue:
    if isinstance(value, Failed):
        return LatestValue(error=value.message)
    return LatestValue(value=value)
