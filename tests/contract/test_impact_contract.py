"""The impact of a change before it is saved and the overrides report, the same through
every backend. A published-only server has neither route: the remote client computes them
from each known connector's latest row and says so (`only_latest_row`)."""

from __future__ import annotations

from uuid import uuid4

import pytest

from fieldmap.core.errors import NotFoundError
from fieldmap.core.models import NewCustomField, build
from fieldmap.core.operations import ConfigurationRequest, Scope, SetMapping
from fieldmap.core.operations_impact import (
    ConnectorOverrideChange,
    FieldDeletion,
    ImpactRequest,
    OrganizationMappingChange,
    OverridesRequest,
)

from .world import HRIS

GUARDIAN = "contact.guardian.mobile"  # filled on rows 1 and 3 of Acme's three


@pytest.fixture
async def guardian(backend, world):
    for token in (world.acme, world.globex):  # known connectors, on every kind of server
        await backend.remember_connector(
            ConfigurationRequest(connector_token=token, category=HRIS, model="employee")
        )
    field = await backend.create_field(
        NewCustomField(name="guardian_mobile", category=HRIS, model="employee")
    )
    await backend.set_mapping(
        build(
            SetMapping,
            field_id=field.id,
            scope=Scope(integration_slug="workday"),
            json_path=GUARDIAN,
        )
    )
    return field.id


def _by_token(result):
    return {c.connector_token: c for c in result.connectors}


async def test_an_organization_mapping_change_shows_every_connector_before_and_after(
    backend, world, guardian
):
    change = OrganizationMappingChange(
        field_id=guardian, integration_slug="workday", json_path="contact.mobile"
    )
    result = await backend.impact(ImpactRequest(change=change))
    assert (result.field_name, result.category, result.model) == (
        "guardian_mobile",
        HRIS,
        "employee",
    )
    connectors = _by_token(result)
    assert set(connectors) == {world.acme, world.globex}
    acme, globex = connectors[world.acme], connectors[world.globex]
    assert (acme.path_before, acme.path_after) == (GUARDIAN, "contact.mobile")
    assert acme.latest_before.value == "+33 6 00 00 00 03"  # the latest of Acme's rows
    assert acme.latest_after.value is None
    assert acme.fill_after.filled == 0
    if result.only_latest_row:  # a published-only server: Acme's latest row alone
        assert (acme.rows, acme.fill_before.filled, acme.changed_rows) == (1, 1, 1)
    else:
        assert (acme.rows, acme.fill_before.filled, acme.changed_rows) == (3, 2, 2)
    if result.only_latest_row:  # the published rule: a connector's raw row is its own
        assert globex.rows == 1 and globex.changed_rows == 0  # (the sample, null either way)
    else:
        assert globex.rows == 0 and globex.fill_before is None  # no rows: no figures
    assert result.connectors[0].connector_token == world.acme  # largest change first
    assert result.affected == [acme]


async def test_the_impact_is_computed_across_every_row_by_the_server_that_has_it(
    request, backend, world, guardian
):
    change = OrganizationMappingChange(field_id=guardian, integration_slug="workday")
    result = await backend.impact(ImpactRequest(change=change))
    published = "published" in request.node.callspec.id
    assert result.only_latest_row is published
    acme = _by_token(result)[world.acme]
    assert acme.rows == (1 if published else 3)
    assert acme.path_after is None and acme.fill_after.filled == 0  # deleted: unmapped


async def test_a_connector_whose_override_wins_is_unaffected(backend, world, guardian):
    await backend.set_mapping(
        build(
            SetMapping,
            field_id=guardian,
            scope=Scope(connector_token=world.acme),
            json_path="contact.guardian.mobile || 'none'",
        )
    )
    change = OrganizationMappingChange(
        field_id=guardian, integration_slug="workday", json_path="id"
    )
    acme = _by_token(await backend.impact(ImpactRequest(change=change)))[world.acme]
    assert acme.unaffected and acme.changed_rows == 0
    assert acme.path_before == acme.path_after == "contact.guardian.mobile || 'none'"


async def test_an_override_reaches_its_connector_only(backend, world, guardian):
    change = ConnectorOverrideChange(field_id=guardian, connector_token=world.acme, json_path="id")
    (acme,) = (await backend.impact(ImpactRequest(change=change))).connectors
    assert acme.connector_token == world.acme
    assert (acme.path_before, acme.path_after) == (GUARDIAN, "id")
    assert acme.latest_after.value == 3 and acme.fill_after.rate == 1.0


async def test_deleting_a_field_shows_what_each_connector_loses(backend, world, guardian):
    result = await backend.impact(ImpactRequest(change=FieldDeletion(field_id=guardian)))
    acme = _by_token(result)[world.acme]
    assert acme.removed and acme.path_after is None and acme.fill_after is None
    assert acme.fill_before.filled >= 1
    assert (await backend.get_field(guardian)).name == "guardian_mobile"  # nothing written


async def test_the_impact_of_an_unknown_field_is_not_found(backend, world):
    with pytest.raises(NotFoundError):
        await backend.impact(ImpactRequest(change=FieldDeletion(field_id=uuid4())))


async def test_the_overrides_report_flags_a_redundant_and_a_broken_override(
    backend, world, guardian
):
    badge = await backend.create_field(
        NewCustomField(name="badge_id", category=HRIS, model="employee")
    )
    await backend.set_mapping(
        build(
            SetMapping, field_id=badge.id, scope=Scope(integration_slug="workday"), json_path="id"
        )
    )
    acme = Scope(connector_token=world.acme)
    for field_id, path in ((guardian, '"contact".guardian.mobile'), (badge.id, "badge")):
        await backend.set_mapping(build(SetMapping, field_id=field_id, scope=acme, json_path=path))

    report = await backend.overrides(
        OverridesRequest(integration="workday", category=HRIS, model="employee")
    )

    assert (report.integration_slug, report.category, report.model) == ("workday", HRIS, "employee")
    by_field = {f.field_name: f for f in report.findings}
    assert set(by_field) == {"badge_id", "guardian_mobile"}
    assert by_field["guardian_mobile"].verdict == "redundant"
    assert by_field["badge_id"].verdict == "broken"
    assert by_field["badge_id"].organization_path == "id"
    assert by_field["badge_id"].rows == (1 if report.only_latest_row else 3)
    mappings = {m.id for m in await backend.list_mappings(acme)}
    assert {f.mapping_id for f in report.findings} == mappings  # what removing one takes


async def test_the_overrides_report_needs_a_known_integration(backend, world):
    with pytest.raises(NotFoundError):
        await backend.overrides(
            OverridesRequest(integration="nope", category=HRIS, model="employee")
        )
