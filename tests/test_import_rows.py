"""`fieldmap import-rows` appends a file's rows to a connector of the local engine."""

import pytest

from fieldmap.cli import main
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import RawDataRequest
from fieldmap.core.store import Store


@pytest.fixture
def connector_token(store):
    engine = Engine(store)
    return engine.create_connector(NewConnector(integration_slug="workday", name="Acme")).token


def test_ndjson_rows_become_the_connectors_latest(store, tmp_path, connector_token, capsys):
    data = tmp_path / "rows.ndjson"
    data.write_text('{"id": 1}\n{"id": 2}\n', encoding="utf-8")
    args = ["--data-dir", str(tmp_path / "data"), "import-rows", "--connector", connector_token]
    assert main([*args, "--category", "HRIS", "--model", "employee", str(data)]) == 0
    assert "appended 2 rows (NDJSON)" in capsys.readouterr().out
    other = Engine(Store.open(tmp_path / "data"))
    latest = other.raw_data(
        build(
            RawDataRequest,
            category=Category.HRIS,
            model="employee",
            connector_token=connector_token,
        )
    )
    assert (latest.data, latest.row_count) == ({"id": 2}, 2)


def test_a_row_that_is_not_an_object_is_refused_and_nothing_is_added(
    store, tmp_path, connector_token, capsys
):
    data = tmp_path / "rows.ndjson"
    data.write_text('{"id": 1}\n[1, 2]\n', encoding="utf-8")
    args = ["--data-dir", str(tmp_path / "data"), "import-rows", "--connector", connector_token]
    assert main([*args, "--category", "HRIS", "--model", "employee", str(data)]) == 2
    assert "row 2 of" in capsys.readouterr().err
    assert Engine(store).synced_rows(connector_token, Category.HRIS, "employee") == []
