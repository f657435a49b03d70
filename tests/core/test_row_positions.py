"""A connector's row by position is found by its position, whatever else was appended."""

import sqlite3

from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, NewConnector, build
from fieldmap.core.operations import NewRows, RawDataRequest
from fieldmap.core.store import DATABASE_FILE, MIGRATIONS, Store


def _append(engine, token, ids):
    rows = [{"id": n} for n in ids]
    engine.append_rows(
        build(NewRows, connector_token=token, category=Category.HRIS, model="employee", rows=rows)
    )


def _row(engine, token, row):
    request = build(
        RawDataRequest, connector_token=token, category=Category.HRIS, model="employee", row=row
    )
    return engine.raw_data(request)


def test_rows_by_position_skip_what_other_connectors_appended_between(store):
    engine = Engine(store)
    first, second = (
        engine.create_connector(NewConnector(integration_slug="workday", name=name)).token
        for name in ("A", "B")
    )
    _append(engine, first, [0, 1])
    _append(engine, second, [100])
    _append(engine, first, [2, 3])
    assert [_row(engine, first, n).data["id"] for n in (0, 1, 2, 3, -1, -4)] == [0, 1, 2, 3, 3, 0]
    assert (_row(engine, second, 0).data, _row(engine, second, 0).row_count) == ({"id": 100}, 1)


def test_a_store_from_before_positions_numbers_its_rows_when_opened(store, tmp_path):
    engine = Engine(store)
    token = engine.create_connector(NewConnector(integration_slug="workday", name="A")).token
    _append(engine, token, [0, 1, 2])
    store.close()
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    positions = next(n for n, step in enumerate(MIGRATIONS) if "synced_rows_by_position" in step)
    db.executescript(
        "DROP INDEX synced_rows_by_position; ALTER TABLE synced_rows DROP COLUMN position;"
        # the later migrations' (typed fields) go too, to be run again
        " ALTER TABLE custom_fields DROP COLUMN type;"
        " ALTER TABLE custom_fields DROP COLUMN options;"
        f" PRAGMA user_version = {positions};"
    )
    db.close()
    engine = Engine(Store.open(tmp_path / "data"))
    assert [_row(engine, token, n).data["id"] for n in (0, 1, 2)] == [0, 1, 2]
    _append(engine, token, [3])
    assert _row(engine, token, -1).data == {"id": 3}
    engine.store.close()
