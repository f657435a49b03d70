"""Typed fields through every backend: a field's type and options are kept (by the server,
or for a published-only server in the config file), values are checked against a declared
type in coverage, and conversions are suggested, the same on every backend."""

from __future__ import annotations

import httpx
import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.core.errors import RuleViolation
from fieldmap.core.models import (
    FieldOption,
    FieldType,
    FieldUpdate,
    NewCustomField,
    NewMapping,
    build,
)
from fieldmap.core.operations import (
    ConfigurationRequest,
    ConversionsRequest,
    FieldChange,
    FieldsQuery,
    NewRows,
)
from fieldmap.core.row_models import CoverageRequest

from .conftest import PUBLISHED_KEY
from .published_server import published_app
from .world import HRIS

LEVELS = [FieldOption(value="junior", label="Junior"), FieldOption(value="senior", label="Senior")]

ONE_ROW = {
    "name": "Ada",
    "headcount": 42,
    "ratio": 0.5,
    "flag": True,
    "day": "2024-02-29",
    "bad_day": "2023-02-29",
    "moment": "2024-02-29T08:30:00Z",
    "level": "senior",
    "levels": ["junior", "senior"],
    "address": {"city": "Lyon"},
    "numbers_as_text": "42",
    "wrapped": ["Ada"],
    "yes": "true",
}

# (type, path, fits): each type's rules on one row's values.
FITS = [
    (FieldType.TEXT, "name", True),
    (FieldType.TEXT, "headcount", False),
    (FieldType.TEXT, "wrapped", False),
    (FieldType.NUMBER, "ratio", True),
    (FieldType.NUMBER, "numbers_as_text", False),
    (FieldType.INTEGER, "headcount", True),
    (FieldType.INTEGER, "ratio", False),
    (FieldType.BOOLEAN, "flag", True),
    (FieldType.BOOLEAN, "yes", False),
    (FieldType.DATE, "day", True),
    (FieldType.DATE, "bad_day", False),
    (FieldType.DATETIME, "moment", True),
    (FieldType.DATETIME, "day", False),
    (FieldType.SELECT, "level", True),
    (FieldType.SELECT, "name", False),
    (FieldType.MULTISELECT, "levels", True),
    (FieldType.MULTISELECT, "level", False),
    (FieldType.OBJECT, "address", True),
    (FieldType.OBJECT, "levels", False),
    (FieldType.ARRAY, "levels", True),
    (FieldType.ARRAY, "address", False),
    (FieldType.TEXT, "missing", True),  # null always fits: coverage counts it
]


@pytest.fixture
async def one_row(seeder, world):
    """Globex, with ONE_ROW as its only synced row: the same rows on every backend (a
    published-only server gives the latest row alone)."""
    await seeder.append_rows(
        build(
            NewRows, connector_token=world.globex, category=HRIS, model="employee", rows=[ONE_ROW]
        )
    )
    return world.globex


def options_for(kind: FieldType) -> list[FieldOption]:
    return LEVELS if kind in (FieldType.SELECT, FieldType.MULTISELECT) else []


@pytest.mark.parametrize(("kind", "path", "fits"), FITS)
async def test_each_types_fit_is_counted_by_coverage(backend, one_row, kind, path, fits):
    request = CoverageRequest(
        connector_token=one_row,
        category=HRIS,
        model="employee",
        json_path=path,
        type=kind,
        options=options_for(kind),
    )
    result = await backend.coverage(request)
    assert result.fit is not None and result.fit.type is kind
    expected = (0, 0) if path == "missing" else (0, 1) if fits else (1, 0)
    assert (result.fit.misfits, result.fit.fitting) == expected
    assert [row.row for row in result.fit.misfit_rows] == ([] if fits else [0])


async def test_coverage_without_a_type_has_no_fit(backend, one_row):
    request = CoverageRequest(
        connector_token=one_row, category=HRIS, model="employee", json_path="name"
    )
    assert (await backend.coverage(request)).fit is None


async def test_a_fields_type_and_options_come_back_everywhere(backend, world):
    field = await backend.create_field(
        NewCustomField(
            name="level", category=HRIS, model="employee", type=FieldType.SELECT, options=LEVELS
        )
    )
    assert (field.type, field.options) == (FieldType.SELECT, LEVELS)
    detail = await backend.get_field(field.id)
    assert (detail.type, detail.options) == (FieldType.SELECT, LEVELS)
    (listed,) = await backend.list_fields(FieldsQuery(category=HRIS, model="employee"))
    assert (listed.type, listed.options) == (FieldType.SELECT, LEVELS)
    await backend.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path="level")
    )
    effective = await backend.configuration(
        ConfigurationRequest(connector_token=world.acme, category=HRIS, model="employee")
    )
    assert [(f.name, f.type, f.options) for f in effective.fields] == [
        ("level", FieldType.SELECT, LEVELS)
    ]


async def test_changing_the_type_drops_options_that_no_longer_belong(backend):
    field = await backend.create_field(
        NewCustomField(
            name="level", category=HRIS, model="employee", type=FieldType.SELECT, options=LEVELS
        )
    )
    as_text = await backend.update_field(
        FieldChange(field_id=field.id, update=FieldUpdate(type=FieldType.TEXT))
    )
    assert (as_text.type, as_text.options) == (FieldType.TEXT, [])
    renamed = await backend.update_field(
        FieldChange(field_id=field.id, update=FieldUpdate(name="grade"))
    )
    assert (renamed.name, renamed.type) == ("grade", FieldType.TEXT)
    untyped = await backend.update_field(
        FieldChange(field_id=field.id, update=build(FieldUpdate, type=None))
    )
    assert (untyped.type, untyped.options) == (None, [])
    assert (await backend.get_field(field.id)).type is None


async def test_an_unusable_declaration_is_refused_and_creates_nothing(backend):
    with pytest.raises(RuleViolation, match="needs at least one option"):
        await backend.create_field(
            NewCustomField(name="level", category=HRIS, model="employee", type=FieldType.SELECT)
        )
    with pytest.raises(RuleViolation, match="only select and multiselect"):
        await backend.create_field(
            NewCustomField(
                name="level", category=HRIS, model="employee", type=FieldType.TEXT, options=LEVELS
            )
        )
    assert await backend.list_fields() == []
    field = await backend.create_field(
        NewCustomField(name="level", category=HRIS, model="employee")
    )
    with pytest.raises(RuleViolation, match="needs at least one option"):
        await backend.update_field(
            FieldChange(field_id=field.id, update=FieldUpdate(type=FieldType.MULTISELECT))
        )
    assert (await backend.get_field(field.id)).type is None


async def test_conversions_are_suggested_with_their_fit(backend, one_row):
    def asked(path: str, kind: FieldType) -> ConversionsRequest:
        return ConversionsRequest(
            connector_token=one_row, category=HRIS, model="employee", json_path=path, type=kind
        )

    number = await backend.conversions(asked("numbers_as_text", FieldType.NUMBER))
    assert number.misfits == 1
    assert [(s.json_path, s.fitting, s.misfits) for s in number.suggestions] == [
        ("to_number(numbers_as_text)", 1, 0)
    ]
    boolean = await backend.conversions(asked("yes", FieldType.BOOLEAN))
    assert boolean.suggestions[0].json_path == "yes && yes == 'true'"
    single = await backend.conversions(asked("wrapped", FieldType.TEXT))
    assert single.suggestions[0].json_path == "wrapped | [0]"
    assert (await backend.conversions(asked("name", FieldType.TEXT))).suggestions == []


@pytest.mark.extension
async def test_misfits_are_counted_across_rows_with_the_first_failing_rows(backend, world):
    request = CoverageRequest(
        connector_token=world.acme, category=HRIS, model="employee", json_path="id", type="text"
    )
    result = await backend.coverage(request)
    assert result.fit is not None
    assert (result.fit.misfits, result.fit.fitting) == (3, 0)
    assert result.fit.reasons == {"a number where text is declared": 3}
    assert [row.row for row in result.fit.misfit_rows] == [0, 1, 2]
    assert result.fit.misfit_row_from(0, 1).row == 1
    assert result.fit.misfit_row_from(0, -1).row == 2  # going round
    converted = await backend.conversions(
        ConversionsRequest(
            connector_token=world.acme, category=HRIS, model="employee", json_path="id", type="text"
        )
    )
    assert (converted.rows, converted.only_latest_row) == (3, False)
    assert converted.suggestions[0].json_path == "to_string(id)"


async def test_where_the_types_live_is_said(backend, request, tmp_path):
    published = "published" in request.node.callspec.id
    await backend.list_connectors()  # finds out what the server has
    expected = f"in {tmp_path / 'config.json'}" if published else None
    assert backend.types_kept_in == expected


@pytest.fixture
def published_only(request):
    if "published" not in request.node.callspec.id:
        pytest.skip("the config-dir fallback is for a published-only server")


async def test_a_published_server_never_gets_a_type(backend, published_only, engine, tmp_path):
    field = await backend.create_field(
        NewCustomField(
            name="level", category=HRIS, model="employee", type=FieldType.SELECT, options=LEVELS
        )
    )
    (stored,) = engine.list_fields()
    assert (stored.id, stored.type, stored.options) == (field.id, None, [])
    kept = ConfigFile(tmp_path / "config.json").load().field_types
    (by_id,) = kept.values()
    assert by_id[str(field.id)].options == LEVELS
    again = RemoteBackend(  # another session, on the same config file
        "http://published.test",
        PUBLISHED_KEY,
        transport=httpx.ASGITransport(app=published_app(engine, PUBLISHED_KEY)),
        config_file=ConfigFile(tmp_path / "config.json"),
    )
    assert (await again.get_field(field.id)).type is FieldType.SELECT
    await again.delete_field(field.id)
    await again.aclose()
    assert ConfigFile(tmp_path / "config.json").load().field_types == {}
