"""What the published contract added, the same through every backend (local, served, and a
server of the published routes only): pages of fields, field updates and mapping counts,
mappings per scope, and the flow of Bindbee's docs from raw data to a configuration."""

from __future__ import annotations

from uuid import uuid4

import pytest

from fieldmap.core.errors import ConflictError, NotFoundError, RuleViolation
from fieldmap.core.models import (
    FieldUpdate,
    MappingScope,
    NewCustomField,
    NewMapping,
    RawDataSource,
    build,
)
from fieldmap.core.operations import (
    ConfigurationRequest,
    FieldChange,
    FieldsQuery,
    MappingChange,
    RawDataRequest,
    Scope,
)
from fieldmap.core.row_models import PreviewRequest

from .world import ATS, HRIS


async def new_field(backend, name, model="employee", category=HRIS):
    field = await backend.create_field(NewCustomField(name=name, category=category, model=model))
    return field.id


async def test_every_field_is_listed_once_across_pages_with_filters(backend):
    names = [f"field_{n}" for n in range(8)]
    for name in names:
        await new_field(backend, name)
    await new_field(backend, "desired_salary", model="candidate", category=ATS)
    listed = await backend.list_fields(build(FieldsQuery, category=HRIS))
    assert sorted(f.name for f in listed) == names  # published pages hold 3: three pages
    assert [f.name for f in await backend.list_fields(build(FieldsQuery, model="candidate"))] == [
        "desired_salary"
    ]
    assert len(await backend.list_fields()) == 9


async def test_a_field_is_renamed_redescribed_and_moved_while_unmapped(backend, world):
    field_id = await new_field(backend, "guardian")
    detail = await backend.update_field(
        FieldChange(
            field_id=field_id, update=FieldUpdate(name="guardian_mobile", description="Who to call")
        )
    )
    assert (detail.name, detail.description, detail.model) == (
        "guardian_mobile",
        "Who to call",
        "employee",
    )
    cleared = await backend.update_field(
        build(FieldChange, field_id=field_id, update=FieldUpdate(description=None))
    )
    assert (cleared.name, cleared.description) == ("guardian_mobile", None)
    moved = await backend.update_field(
        build(FieldChange, field_id=field_id, update=FieldUpdate(model="employment"))
    )
    assert moved.model == "employment"
    assert moved.mapping_counts.total == 0


async def test_a_mapped_field_keeps_its_model_and_names_stay_unique(backend, world):
    field_id = await new_field(backend, "badge_id")
    await new_field(backend, "shirt_size")
    await backend.create_mapping(
        NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="id")
    )
    with pytest.raises(ConflictError, match="mapping"):
        await backend.update_field(
            build(FieldChange, field_id=field_id, update=FieldUpdate(model="employment"))
        )
    with pytest.raises(ConflictError):
        await backend.update_field(
            build(FieldChange, field_id=field_id, update=FieldUpdate(name="shirt_size"))
        )
    with pytest.raises(RuleViolation):
        await backend.update_field(
            build(
                FieldChange, field_id=field_id, update=FieldUpdate.model_construct(name="Badge ID")
            )
        )
    with pytest.raises(NotFoundError):
        await backend.update_field(
            build(FieldChange, field_id=uuid4(), update=FieldUpdate(name="anything"))
        )
    assert (await backend.get_field(field_id)).name == "badge_id"


async def test_mappings_are_counted_and_listed_per_scope(backend, world):
    field_id = await new_field(backend, "guardian_mobile")
    org = (
        await backend.create_mapping(
            NewMapping(custom_field_id=field_id, integration_slug="workday", json_path="aa")
        )
    ).id
    own = (
        await backend.create_mapping(
            NewMapping(custom_field_id=field_id, connector_token=world.acme, json_path="bb")
        )
    ).id
    counts = (await backend.get_field(field_id)).mapping_counts
    assert (counts.total, counts.organization, counts.connector) == (2, 1, 1)
    (listed_org,) = await backend.list_mappings(build(Scope, integration_slug="workday"))
    (listed_own,) = await backend.list_mappings(build(Scope, connector_token=world.acme))
    assert (listed_org.id, listed_own.id) == (org, own)
    assert listed_own.created_at is not None
    assert await backend.list_mappings(build(Scope, connector_token=world.globex)) == []
    with pytest.raises(RuleViolation):
        await backend.list_mappings(build(Scope))
    with pytest.raises(RuleViolation):
        await backend.list_mappings(
            build(Scope, integration_slug="workday", connector_token=world.acme)
        )


async def test_the_flow_of_the_docs_from_raw_data_to_a_connectors_configuration(backend, world):
    # 1. Look at the raw row, 2. try a path on it, 3. create the field, 4. map it for the
    # integration, 5. override it for one connector, 6. read the configuration, 7. delete.
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.acme)
    )
    assert raw.data["contact"]["guardian"]["mobile"] == "+33 6 00 00 00 03"
    preview = await backend.preview(
        PreviewRequest(
            connector_token=world.acme,
            category=HRIS,
            model="employee",
            json_path="contact.guardian.mobile",
        )
    )
    assert (preview.resolved_value, preview.raw_data_source) == (
        "+33 6 00 00 00 03",
        RawDataSource.CONNECTOR_SYNC,
    )
    field_id = await new_field(backend, "guardian_mobile")
    org = (
        await backend.create_mapping(
            NewMapping(
                custom_field_id=field_id,
                integration_slug="workday",
                json_path="contact.guardian.mobile",
            )
        )
    ).id
    own = (
        await backend.create_mapping(
            NewMapping(custom_field_id=field_id, connector_token=world.acme, json_path="tags[0]")
        )
    ).id
    (acme,) = (
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
        )
    ).fields
    (globex,) = (
        await backend.configuration(
            build(
                ConfigurationRequest, connector_token=world.globex, category=HRIS, model="employee"
            )
        )
    ).fields
    assert (acme.source, acme.mapping_id) == (MappingScope.CONNECTOR, own)
    assert (globex.source, globex.mapping_id) == (MappingScope.ORGANIZATION, org)
    await backend.update_mapping(build(MappingChange, mapping_id=org, json_path="contact.mobile"))
    (globex,) = (
        await backend.configuration(
            build(
                ConfigurationRequest, connector_token=world.globex, category=HRIS, model="employee"
            )
        )
    ).fields
    assert globex.json_path == "contact.mobile"
    await backend.delete_mapping(own)
    await backend.delete_field(field_id)
    assert (
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
        )
    ).fields == []
