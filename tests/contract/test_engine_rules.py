"""The rules that moved from the TUI into the engine, the same through every backend: a
field mapped at a scope whether or not it has a mapping there (`set_mapping`), and every
connector's configuration of an integration in one call (`integration_configuration`).
A published-only server has neither route: the remote client makes them of published calls."""

from __future__ import annotations

from uuid import uuid4

import pytest

from fieldmap.core.errors import ConflictError, InvalidJsonPathError, NotFoundError, RuleViolation
from fieldmap.core.models import MappingScope, NewCustomField, NewMapping, build
from fieldmap.core.operations import (
    ConfigurationRequest,
    IntegrationConfigurationRequest,
    Scope,
    SetMapping,
    SetMappingOutcome,
)

from .world import ATS, HRIS

WORKDAY = Scope(integration_slug="workday")


async def new_field(backend, name="guardian_mobile", model="employee", category=HRIS):
    field = await backend.create_field(NewCustomField(name=name, category=category, model=model))
    return field.id


def set_request(field_id, scope, json_path):
    return build(SetMapping, field_id=field_id, scope=scope, json_path=json_path)


async def test_set_mapping_creates_then_leaves_then_replaces(backend, world):
    field_id = await new_field(backend)

    created = await backend.set_mapping(set_request(field_id, WORKDAY, "contact.mobile"))
    assert created.outcome is SetMappingOutcome.CREATED
    assert (created.mapping.custom_field_id, created.mapping.integration_slug) == (
        field_id,
        "workday",
    )
    assert created.mapping.json_path == "contact.mobile"

    same = await backend.set_mapping(set_request(field_id, WORKDAY, "contact.mobile"))
    assert same.outcome is SetMappingOutcome.UNCHANGED
    assert same.mapping.id == created.mapping.id

    replaced = await backend.set_mapping(set_request(field_id, WORKDAY, "contact.guardian.mobile"))
    assert replaced.outcome is SetMappingOutcome.REPLACED
    assert replaced.mapping.id == created.mapping.id
    assert replaced.mapping.json_path == "contact.guardian.mobile"
    (only,) = (await backend.get_field(field_id)).mappings
    assert only.json_path == "contact.guardian.mobile"


async def test_set_mapping_keeps_the_scopes_apart(backend, world):
    field_id = await new_field(backend)
    acme = Scope(connector_token=world.acme)
    await backend.set_mapping(set_request(field_id, WORKDAY, "contact.mobile"))
    own = await backend.set_mapping(set_request(field_id, acme, "contact.mobile"))
    assert own.outcome is SetMappingOutcome.CREATED  # the organization's is another scope
    assert own.mapping.scope is MappingScope.CONNECTOR
    other = await new_field(backend, "badge_id")
    assert (await backend.set_mapping(set_request(other, acme, "id"))).outcome is (
        SetMappingOutcome.CREATED
    )
    assert len(await backend.list_mappings(acme)) == 2


async def test_set_mapping_keeps_every_rule_of_a_mapping(backend, world):
    field_id = await new_field(backend)
    with pytest.raises(InvalidJsonPathError):
        await backend.set_mapping(set_request(field_id, WORKDAY, "a["))
    with pytest.raises(RuleViolation):
        set_request(field_id, Scope.model_construct(), "aa")  # no scope: refused when made
    with pytest.raises(RuleViolation):  # greenhouse serves no HRIS field
        await backend.set_mapping(set_request(field_id, Scope(connector_token=world.hired), "aa"))
    with pytest.raises(NotFoundError):
        await backend.set_mapping(set_request(uuid4(), WORKDAY, "aa"))
    assert (await backend.get_field(field_id)).mappings == []


async def test_create_mapping_still_refuses_a_second_mapping_at_a_scope(backend, world):
    field_id = await new_field(backend)
    await backend.set_mapping(set_request(field_id, WORKDAY, "aa"))
    with pytest.raises(ConflictError):
        await backend.create_mapping(
            NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="bb")
        )


async def test_an_integrations_configuration_has_every_connector_in_one_call(backend, world):
    for token in (world.acme, world.globex):  # known connectors, on every kind of server
        await backend.remember_connector(
            ConfigurationRequest(connector_token=token, category=HRIS, model="employee")
        )
    guardian = await new_field(backend)
    badge = await new_field(backend, "badge_id")
    await new_field(backend, "desired_salary", model="candidate", category=ATS)
    await backend.set_mapping(set_request(guardian, WORKDAY, "contact.guardian.mobile"))
    await backend.set_mapping(
        set_request(guardian, Scope(connector_token=world.acme), "contact.mobile")
    )

    loaded = await backend.integration_configuration(
        IntegrationConfigurationRequest(integration="workday", category=HRIS, model="employee")
    )

    assert (loaded.integration_slug, loaded.category, loaded.model) == ("workday", HRIS, "employee")
    assert [(f.name, f.json_path, f.source) for f in loaded.organization] == [
        ("badge_id", None, None),
        ("guardian_mobile", "contact.guardian.mobile", MappingScope.ORGANIZATION),
    ]
    assert {c.connector_token for c in loaded.connectors} == {world.acme, world.globex}
    for token, path, source in (
        (world.acme, "contact.mobile", MappingScope.CONNECTOR),
        (world.globex, "contact.guardian.mobile", MappingScope.ORGANIZATION),
    ):
        connector = loaded.of_connector(token)
        assert connector is not None
        alone = await backend.configuration(
            ConfigurationRequest(connector_token=token, category=HRIS, model="employee")
        )
        assert sorted(connector.fields, key=lambda f: f.name) == sorted(
            alone.fields, key=lambda f: f.name
        )
        (mapped,) = [f for f in connector.fields if f.custom_field_id == guardian]
        assert (mapped.json_path, mapped.source) == (path, source)
    counts = loaded.mapping_counts
    assert (counts[guardian].total, counts[guardian].connector) == (2, 1)
    assert counts[badge].total == 0
    assert set(counts) == {guardian, badge}


async def test_an_integrations_configuration_needs_a_known_integration_and_model(backend, world):
    with pytest.raises(NotFoundError):
        await backend.integration_configuration(
            IntegrationConfigurationRequest(integration="workday", category=HRIS, model="nope")
        )
