"""Rules of the engine that are not part of the HTTP contract."""

import pytest

from fieldmap.core.engine import Engine
from fieldmap.core.errors import NotFoundError
from fieldmap.core.models import Category, NewConnector, NewCustomField, NewMapping, build
from fieldmap.core.operations import ConfigurationRequest, NewRows, RawDataRequest
from fieldmap.core.row_models import FieldValueError

HRIS = Category.HRIS


def _field(engine, name):
    return engine.create_field(NewCustomField(name=name, category=HRIS, model="employee")).id


def test_field_values_of_a_row_follow_the_effective_configuration(engine):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    guardian, _, broken = (_field(engine, n) for n in ("guardian_mobile", "badge_id", "bad"))
    engine.create_mapping(
        NewMapping(custom_field_id=guardian, integration_slug="workday", json_path="g.m")
    )
    engine.create_mapping(
        NewMapping(custom_field_id=guardian, connector_token=acme.token, json_path="g.own")
    )
    engine.create_mapping(
        NewMapping(custom_field_id=broken, integration_slug="workday", json_path="abs(g)")
    )
    values = engine.field_values(
        build(ConfigurationRequest, connector_token=acme.token, category=HRIS, model="employee"),
        {"g": {"m": "org", "own": "mine"}},
    )
    assert values["guardian_mobile"] == "mine"
    assert values["badge_id"] is None
    assert isinstance(values["bad"], FieldValueError)
    assert values["bad"].error == "INVALID_JSON_PATH"


def test_organizations_do_not_see_each_other(store):
    mine, theirs = Engine(store, "mine"), Engine(store, "theirs")
    connector = mine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    field_id = _field(mine, "badge_id")
    assert theirs.list_connectors() == [] and theirs.list_fields() == []
    _field(theirs, "badge_id")  # the same name in another organization is fine
    with pytest.raises(NotFoundError):
        theirs.get_field(field_id)
    with pytest.raises(NotFoundError):
        theirs.configuration(
            build(
                ConfigurationRequest,
                connector_token=connector.token,
                category=HRIS,
                model="employee",
            )
        )


def test_synced_rows_come_back_oldest_first_and_stay_fresh(engine):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=[{"n": 1}])
    )
    assert engine.synced_rows(acme.token, HRIS, "employee") == [{"n": 1}]
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=[{"n": 2}])
    )
    assert engine.synced_rows(acme.token, HRIS, "employee") == [{"n": 1}, {"n": 2}]


@pytest.mark.parametrize("count", [1, 2, 5, 6])
def test_every_row_position_reads_that_row_from_either_end(engine, count):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    rows = [{"n": n} for n in range(count)]
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=rows)
    )
    for position in [*range(count), *range(-count, 0)]:
        raw = engine.raw_data(
            build(
                RawDataRequest,
                category=HRIS,
                model="employee",
                connector_token=acme.token,
                row=position,
            )
        )
        assert (raw.data, raw.row_index) == (rows[position], position % count)
    latest = engine.raw_data(
        build(RawDataRequest, category=HRIS, model="employee", connector_token=acme.token)
    )
    assert (latest.data, latest.row_index, latest.row_count) == (rows[-1], count - 1, count)
