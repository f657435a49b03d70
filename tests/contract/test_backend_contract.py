"""Every operation and rule of the custom-fields contract, the same through every backend."""

from __future__ import annotations

import re
from uuid import UUID, uuid4

import pytest

from fieldmap.core.errors import (
    ConflictError,
    InvalidJsonPathError,
    NotFoundError,
    RuleViolation,
)
from fieldmap.core.models import (
    FieldSource,
    MappingScope,
    NewConnector,
    NewCustomField,
    NewMapping,
    RawDataSource,
    build,
)
from fieldmap.core.operations import (
    ConfigurationRequest,
    FieldsQuery,
    MappingChange,
    NewRows,
    RawDataRequest,
)
from fieldmap.core.row_models import CoverageRequest, PreviewRequest, RowsQuery

from .world import ACME_ROWS, ATS, HRIS

TOKEN = re.compile(r"[A-Za-z0-9_-]{64}")


async def new_field(backend, name="guardian_mobile", model="employee", category=HRIS, **kw):
    field = await backend.create_field(
        NewCustomField(name=name, category=category, model=model, **kw)
    )
    return field.id


async def org_mapping(backend, field_id, json_path, integration="workday"):
    mapping = await backend.create_mapping(
        NewMapping(custom_field_id=field_id, integration_slug=integration, json_path=json_path)
    )
    return mapping.id


async def connector_mapping(backend, field_id, json_path, token):
    mapping = await backend.create_mapping(
        NewMapping(custom_field_id=field_id, connector_token=token, json_path=json_path)
    )
    return mapping.id


# -- lookups -------------------------------------------------------------------------------


@pytest.mark.extension
async def test_models_are_filtered_by_category(backend):
    hris = await backend.list_models(HRIS)
    assert {m.slug for m in hris} == {"employee", "employment"}
    assert {m.category for m in await backend.list_models()} == {HRIS, ATS}


@pytest.mark.extension
async def test_integrations_are_filtered_by_category(backend):
    assert [i.slug for i in await backend.list_integrations(ATS)] == ["greenhouse"]
    assert len(await backend.list_integrations()) == 3


# -- connectors ----------------------------------------------------------------------------


@pytest.mark.extension
async def test_a_new_connector_gets_an_opaque_token_and_its_integrations_categories(backend):
    connector = await backend.create_connector(
        build(NewConnector, integration_slug="bamboohr", name="Initech")
    )
    assert TOKEN.fullmatch(connector.token)
    assert connector.categories == [HRIS]
    assert connector in await backend.list_connectors()


@pytest.mark.extension
async def test_a_connector_needs_a_known_integration(backend):
    with pytest.raises(NotFoundError):
        await backend.create_connector(build(NewConnector, integration_slug="nope", name="Initech"))


@pytest.mark.extension
async def test_appending_rows_counts_them_and_the_last_becomes_the_latest(backend, world):
    count = await backend.append_rows(
        build(
            NewRows, connector_token=world.acme, category=HRIS, model="employee", rows=[{"id": 4}]
        )
    )
    assert count.row_count == 4
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.acme)
    )
    assert (raw.data, raw.row_index, raw.row_count) == ({"id": 4}, 3, 4)


@pytest.mark.extension
async def test_rows_of_a_category_the_integration_does_not_serve_are_refused(backend, world):
    with pytest.raises(RuleViolation):
        await backend.append_rows(
            build(
                NewRows,
                connector_token=world.acme,
                category=ATS,
                model="candidate",
                rows=[{"id": 1}],
            )
        )


@pytest.mark.extension
async def test_rows_the_store_cannot_hold_are_refused_whole(backend, world):
    with pytest.raises(RuleViolation) as caught:
        await backend.append_rows(
            build(
                NewRows,
                connector_token=world.acme,
                category=HRIS,
                model="employee",
                rows=[{"id": 4}, {"id": 2**70}],
            )
        )
    assert caught.value.violations[0].loc == ("body", "rows", 1)
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.acme)
    )
    assert raw.row_count == len(ACME_ROWS)


# -- raw data ------------------------------------------------------------------------------


async def test_raw_data_is_the_connectors_latest_synced_row(backend, world):
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.acme)
    )
    assert raw.data == ACME_ROWS[-1]
    assert raw.source is RawDataSource.CONNECTOR_SYNC


@pytest.mark.extension
async def test_any_synced_row_can_be_read_by_position(backend, world):
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.acme, row=0)
    )
    assert (raw.data, raw.row_index) == (ACME_ROWS[0], 0)
    with pytest.raises(NotFoundError):
        await backend.raw_data(
            build(
                RawDataRequest, category=HRIS, model="employee", connector_token=world.acme, row=3
            )
        )


@pytest.mark.extension
async def test_a_connector_without_rows_falls_back_to_the_integration_sample(backend, world):
    raw = await backend.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=world.globex)
    )
    assert raw.source is RawDataSource.INTEGRATION_SAMPLE
    assert raw.data["Worker_ID"] == "21001"


async def test_an_integration_alone_gives_its_sample(backend):
    raw = await backend.raw_data(
        build(RawDataRequest, category=ATS, model="candidate", integration_slug="greenhouse")
    )
    assert raw.source is RawDataSource.INTEGRATION_SAMPLE
    assert raw.data == {"id": 7, "custom_fields": {"desired_salary": "90k"}}


@pytest.mark.parametrize(
    "query",
    [
        {"model": "nope", "integration_slug": "workday"},
        {"model": "employee", "integration_slug": "nope"},
        {"model": "employee", "connector_token": "x" * 64},
        {"model": "employment", "integration_slug": "workday"},  # no such sample
    ],
)
async def test_raw_data_of_unknown_things_is_not_found(backend, query):
    with pytest.raises(NotFoundError):
        await backend.raw_data(build(RawDataRequest, category=HRIS, **query))


async def test_raw_data_needs_a_connector_or_an_integration(backend):
    with pytest.raises(RuleViolation):
        await backend.raw_data(build(RawDataRequest, category=HRIS, model="employee"))


# -- preview -------------------------------------------------------------------------------


async def test_preview_resolves_a_path_on_the_connectors_latest_row(backend, world):
    result = await backend.preview(
        PreviewRequest(
            connector_token=world.acme,
            category=HRIS,
            model="employee",
            json_path="contact.guardian.mobile",
        )
    )
    assert result.resolved_value == "+33 6 00 00 00 03"
    assert result.resolved_value_type == "string"
    assert result.raw_data_source is RawDataSource.CONNECTOR_SYNC
    assert result.connector_token == world.acme


@pytest.mark.extension
async def test_preview_on_inline_raw_data(backend):
    result = await backend.preview(
        PreviewRequest(
            category=HRIS, model="employee", json_path="a[*].b", raw_data={"a": [{"b": 1}, {}]}
        )
    )
    assert (result.resolved_value, result.resolved_value_type) == ([1], "array")
    assert result.raw_data_source is RawDataSource.INLINE


@pytest.mark.extension
@pytest.mark.parametrize(
    ("raw_data", "json_path", "value_type"),
    [
        (None, "[@][0]", "null"),
        (True, "[@][0]", "boolean"),
        (2.5, "[@][0]", "number"),
        ({}, "ab", "null"),
    ],
)
async def test_preview_types_every_json_value(backend, raw_data, json_path, value_type):
    result = await backend.preview(
        PreviewRequest(category=HRIS, model="employee", json_path=json_path, raw_data=raw_data)
    )
    assert result.resolved_value_type == value_type


async def test_preview_of_a_path_that_does_not_compile_says_where(backend, world):
    with pytest.raises(InvalidJsonPathError) as caught:
        await backend.preview(
            PreviewRequest(
                connector_token=world.acme, category=HRIS, model="employee", json_path="foo.1"
            )
        )
    assert caught.value.column == 4
    assert caught.value.code == "INVALID_JSON_PATH"


async def test_preview_of_a_path_that_fails_at_run_time(backend, world):
    with pytest.raises(InvalidJsonPathError, match="abs"):
        await backend.preview(
            PreviewRequest(
                connector_token=world.acme, category=HRIS, model="employee", json_path="abs(tags)"
            )
        )


async def test_preview_persists_nothing(backend, world):
    before = await backend.configuration(
        build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
    )
    await backend.preview(
        PreviewRequest(connector_token=world.acme, category=HRIS, model="employee", json_path="id")
    )
    assert (
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
        )
        == before
    )
    assert await backend.list_fields() == []


# -- custom fields -------------------------------------------------------------------------


async def test_a_new_field_has_a_uuid7_and_can_be_read_back(backend):
    field_id = await new_field(backend, description="Who to call")
    assert field_id.version == 7
    field = await backend.get_field(field_id)
    assert (field.name, field.description, field.source) == (
        "guardian_mobile",
        "Who to call",
        FieldSource.API,
    )
    assert field.mappings == []
    assert field.created_at == field.updated_at


@pytest.mark.extension
async def test_fields_are_listed_with_filters(backend):
    await new_field(backend, "badge_id")
    await new_field(backend, "shirt_size", source=FieldSource.DASHBOARD)
    await new_field(backend, "desired_salary", model="candidate", category=ATS)
    assert {f.name for f in await backend.list_fields(build(FieldsQuery, category=HRIS))} == {
        "badge_id",
        "shirt_size",
    }
    assert [f.name for f in await backend.list_fields(build(FieldsQuery, model="candidate"))] == [
        "desired_salary"
    ]
    dashboard = await backend.list_fields(build(FieldsQuery, source=FieldSource.DASHBOARD))
    assert [f.name for f in dashboard] == ["shirt_size"]


async def test_a_field_name_is_unique_within_its_model(backend):
    await new_field(backend)
    with pytest.raises(ConflictError):
        await new_field(backend)
    await new_field(backend, model="employment")  # another model: fine


@pytest.mark.parametrize("name", ["Guardian", "a", "x" * 129, "guardian-mobile", "2fa", "a__b"])
async def test_a_field_name_is_snake_case_of_2_to_128_characters(backend, name):
    with pytest.raises(RuleViolation):
        await backend.create_field(_unchecked_field(name))


async def test_a_field_needs_a_known_model(backend):
    with pytest.raises(NotFoundError):
        await new_field(backend, model="nope")
    with pytest.raises(NotFoundError):
        await new_field(backend, model="candidate", category=HRIS)


async def test_unknown_field_ids_are_not_found(backend):
    with pytest.raises(NotFoundError):
        await backend.get_field(uuid4())
    with pytest.raises(NotFoundError):
        await backend.delete_field(uuid4())


async def test_deleting_a_field_deletes_its_mappings(backend, world):
    field_id = await new_field(backend)
    mapping_id = await org_mapping(backend, field_id, "contact.guardian.mobile")
    await backend.delete_field(field_id)
    with pytest.raises(NotFoundError):
        await backend.get_field(field_id)
    with pytest.raises(NotFoundError):
        await backend.delete_mapping(mapping_id)


# -- mappings ------------------------------------------------------------------------------


async def test_a_field_lists_its_mappings_at_both_scopes(backend, world):
    field_id = await new_field(backend)
    org_id = await org_mapping(backend, field_id, "contact.guardian.mobile")
    own_id = await connector_mapping(backend, field_id, "contact.mobile", world.acme)
    field = await backend.get_field(field_id)
    by_id = {m.id: m for m in field.mappings}
    assert set(by_id) == {org_id, own_id}
    assert (by_id[org_id].integration_slug, by_id[org_id].connector_token) == ("workday", None)
    assert (by_id[own_id].integration_slug, by_id[own_id].connector_token) == (None, world.acme)


async def test_one_mapping_per_field_and_scope(backend, world):
    field_id = await new_field(backend)
    await org_mapping(backend, field_id, "aa")
    await connector_mapping(backend, field_id, "bb", world.acme)
    with pytest.raises(ConflictError):
        await org_mapping(backend, field_id, "cc")
    with pytest.raises(ConflictError):
        await connector_mapping(backend, field_id, "dd", world.acme)
    await connector_mapping(backend, field_id, "ee", world.globex)  # another connector: fine


@pytest.mark.parametrize("scopes", [{}, {"integration_slug": "workday", "connector_token": "x"}])
async def test_a_mapping_has_exactly_one_scope(backend, scopes):
    field_id = await new_field(backend)
    with pytest.raises(RuleViolation):
        await backend.create_mapping(_unchecked_mapping(field_id, "aa", **scopes))


async def test_a_mapping_scope_must_serve_the_fields_category(backend, world):
    field_id = await new_field(backend)
    with pytest.raises(RuleViolation):
        await connector_mapping(backend, field_id, "aa", world.hired)
    with pytest.raises(RuleViolation):
        await org_mapping(backend, field_id, "aa", integration="greenhouse")


async def test_a_mapping_needs_a_known_field_integration_and_connector(backend, world):
    field_id = await new_field(backend)
    with pytest.raises(NotFoundError):
        await org_mapping(backend, uuid4(), "aa")
    with pytest.raises(NotFoundError):
        await org_mapping(backend, field_id, "aa", integration="nope")
    with pytest.raises(NotFoundError):
        await connector_mapping(backend, field_id, "aa", "y" * 64)


async def test_a_mapping_path_must_compile(backend):
    field_id = await new_field(backend)
    with pytest.raises(InvalidJsonPathError) as caught:
        await org_mapping(backend, field_id, "contact.guardian.")
    assert caught.value.column == len("contact.guardian.")


@pytest.mark.parametrize("json_path", [" ab", "ab ", "a" * 1025, "", "a"])
async def test_a_mapping_path_has_no_outer_spaces_and_2_to_1024_characters(backend, json_path):
    field_id = await new_field(backend)
    with pytest.raises(RuleViolation):
        await backend.create_mapping(_unchecked_mapping(field_id, json_path, "workday"))


async def test_only_the_path_of_a_mapping_changes(backend, world):
    field_id = await new_field(backend)
    mapping_id = await org_mapping(backend, field_id, "aa")
    await backend.update_mapping(
        build(MappingChange, mapping_id=mapping_id, json_path="contact.guardian.mobile")
    )
    (mapping,) = (await backend.get_field(field_id)).mappings
    assert (mapping.json_path, mapping.integration_slug) == ("contact.guardian.mobile", "workday")


async def test_an_update_to_a_bad_path_changes_nothing(backend, world):
    field_id = await new_field(backend)
    mapping_id = await org_mapping(backend, field_id, "aa")
    with pytest.raises(InvalidJsonPathError):
        await backend.update_mapping(build(MappingChange, mapping_id=mapping_id, json_path="a["))
    with pytest.raises(RuleViolation):
        await backend.update_mapping(
            build(MappingChange, mapping_id=mapping_id, json_path="x" * 1025)
        )
    (mapping,) = (await backend.get_field(field_id)).mappings
    assert mapping.json_path == "aa"


async def test_unknown_mapping_ids_are_not_found(backend):
    with pytest.raises(NotFoundError):
        await backend.update_mapping(build(MappingChange, mapping_id=uuid4(), json_path="aa"))
    with pytest.raises(NotFoundError):
        await backend.delete_mapping(uuid4())


async def test_deleting_a_mapping_leaves_the_field(backend, world):
    field_id = await new_field(backend)
    mapping_id = await org_mapping(backend, field_id, "aa")
    await backend.delete_mapping(mapping_id)
    assert (await backend.get_field(field_id)).mappings == []


# -- effective configuration ---------------------------------------------------------------


async def test_a_connector_mapping_overrides_the_organization_mapping(backend, world):
    guardian = await new_field(backend)
    await new_field(backend, "badge_id")
    await new_field(backend, "desired_salary", model="candidate", category=ATS)
    org_id = await org_mapping(backend, guardian, "contact.guardian.mobile")
    override_id = await connector_mapping(backend, guardian, "contact.mobile", world.acme)

    acme = await backend.configuration(
        build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
    )
    assert (acme.connector_token, acme.integration_slug) == (world.acme, "workday")
    by_name = {f.name: f for f in acme.fields}
    assert set(by_name) == {"guardian_mobile", "badge_id"}
    assert (by_name["guardian_mobile"].source, by_name["guardian_mobile"].mapping_id) == (
        MappingScope.CONNECTOR,
        override_id,
    )
    assert by_name["guardian_mobile"].json_path == "contact.mobile"
    assert (by_name["badge_id"].json_path, by_name["badge_id"].source) == (None, None)
    assert by_name["badge_id"].mapping_id is None

    globex = await backend.configuration(
        build(ConfigurationRequest, connector_token=world.globex, category=HRIS, model="employee")
    )
    (guardian_at_globex,) = [f for f in globex.fields if f.name == "guardian_mobile"]
    assert (guardian_at_globex.source, guardian_at_globex.mapping_id) == (
        MappingScope.ORGANIZATION,
        org_id,
    )

    await backend.delete_mapping(override_id)
    acme = await backend.configuration(
        build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
    )
    (guardian_at_acme,) = [f for f in acme.fields if f.name == "guardian_mobile"]
    assert (guardian_at_acme.source, guardian_at_acme.json_path) == (
        MappingScope.ORGANIZATION,
        "contact.guardian.mobile",
    )


async def test_another_integrations_mapping_does_not_apply(backend, world):
    field_id = await new_field(backend)
    await org_mapping(backend, field_id, "aa", integration="bamboohr")
    (field,) = (
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
        )
    ).fields
    assert field.source is None


async def test_configuration_of_unknown_connector_or_model_is_not_found(backend, world):
    with pytest.raises(NotFoundError):
        await backend.configuration(
            build(ConfigurationRequest, connector_token="z" * 64, category=HRIS, model="employee")
        )
    with pytest.raises(NotFoundError):
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="nope")
        )


def _unchecked_field(name: str) -> NewCustomField:
    return NewCustomField.model_construct(
        name=name, description=None, category=HRIS, model="employee", source=FieldSource.API
    )


def _unchecked_mapping(field_id: UUID, json_path: str, integration_slug=None, connector_token=None):
    """A request the client did not validate, so that the backend's own checks are tested."""
    return NewMapping.model_construct(
        custom_field_id=field_id,
        integration_slug=integration_slug,
        connector_token=connector_token,
        json_path=json_path,
    )


async def test_a_connector_token_can_be_remembered_once_checked(backend, world):
    connector = await backend.remember_connector(
        build(ConfigurationRequest, connector_token=world.acme, category=HRIS, model="employee")
    )
    assert (connector.token, connector.integration_slug) == (world.acme, "workday")
    with pytest.raises(NotFoundError):
        await backend.remember_connector(
            build(ConfigurationRequest, connector_token="q" * 64, category=HRIS, model="employee")
        )


# -- coverage ------------------------------------------------------------------------------


@pytest.mark.extension
async def test_coverage_over_a_connectors_synced_rows(backend, world):
    result = await backend.coverage(
        CoverageRequest(
            connector_token=world.acme,
            category=HRIS,
            model="employee",
            json_path="contact.guardian.mobile",
        )
    )
    assert (result.rows, result.non_null, result.null, result.errors) == (3, 2, 1, 0)
    assert result.raw_data_source is RawDataSource.CONNECTOR_SYNC
    assert [(f.row, f.outcome) for f in result.failing_rows] == [(1, "null")]
    assert result.types == {"string": 2, "null": 1}


@pytest.mark.extension
async def test_coverage_follows_appended_rows(backend, world):
    request = CoverageRequest(
        connector_token=world.acme, category=HRIS, model="employee", json_path="id"
    )
    assert (await backend.coverage(request)).rows == 3
    await backend.append_rows(
        build(
            NewRows,
            connector_token=world.acme,
            category=HRIS,
            model="employee",
            rows=[{"id": 4}, {"x": 5}],
        )
    )
    result = await backend.coverage(request)
    assert (result.rows, result.null) == (5, 1)


@pytest.mark.extension
async def test_coverage_takes_a_one_character_expression(backend, world):
    # The two-character rule is for mappings; while typing, `a` is worth evaluating.
    request = CoverageRequest(
        connector_token=world.acme, category=HRIS, model="employee", json_path="x"
    )
    assert (await backend.coverage(request)).rows == 3


async def test_coverage_of_an_integration_is_over_its_sample(backend):
    result = await backend.coverage(
        CoverageRequest(
            integration_slug="workday", category=HRIS, model="employee", json_path="Worker_ID"
        )
    )
    assert (result.rows, result.non_null) == (1, 1)
    assert result.raw_data_source is RawDataSource.INTEGRATION_SAMPLE


@pytest.mark.extension
async def test_coverage_counts_runtime_failures(backend, world):
    result = await backend.coverage(
        CoverageRequest(
            connector_token=world.acme, category=HRIS, model="employee", json_path="abs(tags)"
        )
    )
    assert result.errors == 3
    assert all(f.outcome == "error" for f in result.failing_rows)


async def test_coverage_of_a_bad_path_or_unknown_connector_fails(backend, world):
    with pytest.raises(InvalidJsonPathError):
        await backend.coverage(
            CoverageRequest(
                connector_token=world.acme, category=HRIS, model="employee", json_path="a["
            )
        )
    with pytest.raises(NotFoundError):
        await backend.coverage(
            CoverageRequest(
                connector_token="w" * 64, category=HRIS, model="employee", json_path="aa"
            )
        )


# -- path discovery ------------------------------------------------------------------------


@pytest.mark.extension
async def test_paths_of_a_connectors_rows_with_fill_rates(backend, world):
    found = await backend.discover_paths(
        RowsQuery(connector_token=world.acme, category=HRIS, model="employee")
    )
    assert (found.rows, found.raw_data_source) == (3, RawDataSource.CONNECTOR_SYNC)
    by_path = {p.path: p for p in found.paths}
    assert by_path["contact.guardian.mobile"].rows_with_value == 2
    assert by_path["tags[*]"].types == {"string": 3}
    assert by_path["id"].fill_rate == 1.0
    assert found.paths[0].rows_with_value == 3


async def test_paths_of_an_integration_are_those_of_its_sample(backend):
    found = await backend.discover_paths(
        RowsQuery(integration_slug="workday", category=HRIS, model="employee")
    )
    assert found.rows == 1
    assert '"first-name"' in {p.path for p in found.paths}


# -- edges that once slipped through -------------------------------------------------------


async def test_the_longest_path_and_the_shortest_and_longest_names_are_accepted(backend):
    short = await new_field(backend, "ab")
    await new_field(backend, "x" * 128)
    json_path = "a" * 1024
    mapping_id = await org_mapping(backend, short, json_path)
    assert (await backend.get_field(short)).mappings[0].id == mapping_id


async def test_a_path_nested_deeper_than_the_parser_goes_is_an_invalid_path(backend, world):
    with pytest.raises(InvalidJsonPathError, match="nested too deeply"):
        await backend.preview(
            PreviewRequest(
                connector_token=world.acme,
                category=HRIS,
                model="employee",
                json_path="[" * 400 + "]" * 400,
            )
        )


async def test_inline_data_too_deep_for_json_is_refused(backend):
    deep: object = "leaf"
    for _ in range(300):
        deep = [deep]
    with pytest.raises(RuleViolation):
        await backend.preview(
            build(
                PreviewRequest, category=HRIS, model="employee", json_path="[@][0]", raw_data=deep
            )
        )


async def test_inline_preview_still_checks_the_connector_it_names(backend):
    with pytest.raises(NotFoundError):
        await backend.preview(
            PreviewRequest(
                connector_token="n" * 64,
                category=HRIS,
                model="employee",
                json_path="ab",
                raw_data={},
            )
        )


@pytest.mark.extension
async def test_a_row_position_without_synced_rows_is_not_found(backend, world):
    with pytest.raises(NotFoundError):
        await backend.raw_data(
            build(
                RawDataRequest, category=HRIS, model="employee", connector_token=world.globex, row=0
            )
        )
    with pytest.raises(NotFoundError):
        await backend.raw_data(
            build(
                RawDataRequest, category=HRIS, model="employee", integration_slug="workday", row=0
            )
        )


async def test_configuration_of_a_category_the_connector_does_not_serve_is_refused(backend, world):
    with pytest.raises(RuleViolation):
        await backend.configuration(
            build(ConfigurationRequest, connector_token=world.acme, category=ATS, model="candidate")
        )


async def test_coverage_needs_a_connector_or_an_integration(backend):
    with pytest.raises(RuleViolation):
        await backend.coverage(
            CoverageRequest.model_construct(category=HRIS, model="employee", json_path="id")
        )
