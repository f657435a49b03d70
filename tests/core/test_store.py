"""The store on disk: migrations, and two processes sharing one data dir."""

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest

from fieldmap.core.engine import Engine
from fieldmap.core.errors import StoreBusyError, StoreError
from fieldmap.core.models import Category, NewConnector, NewCustomField, build
from fieldmap.core.operations import NewRows, RawDataRequest
from fieldmap.core.row_models import SyncedRows
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import DATABASE_FILE, SCHEMA_VERSION, Store

from ..conftest import SMALL_CATALOG

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fieldmap.core.engine import Engine
    from fieldmap.core.models import Category, NewConnector, NewCustomField
    from fieldmap.core.row_models import SyncedRows
    from fieldmap.core.store import Store

    engine = Engine(Store.open(Path(sys.argv[1])))
    for n in range(int(sys.argv[3])):
        engine.create_field(NewCustomField(
            name=f"{sys.argv[2]}_{n}", category=Category.HRIS, model="employee"))
    """
)


def test_a_new_store_is_at_the_latest_schema_version_in_wal_mode(store, tmp_path):
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_schema_2_store_gets_its_row_counts_from_its_rows(store, tmp_path):
    engine = Engine(store)
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    rows = SyncedRows(category=Category.HRIS, model="employee", rows=[{"n": n} for n in range(3)])
    engine.append_rows(NewRows(connector_token=acme.token, **dict(rows)))
    store.close()
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    db.execute("DROP TABLE synced_row_counts")  # as schema 2 had it
    for table in ("custom_fields", "mappings"):  # nor had it revisions
        db.execute(f"ALTER TABLE {table} DROP COLUMN revision")
    db.execute("DROP INDEX synced_rows_by_position")
    db.execute("ALTER TABLE synced_rows DROP COLUMN position")
    for column in ("type", "options"):  # nor typed fields
        db.execute(f"ALTER TABLE custom_fields DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    engine = Engine(Store.open(tmp_path / "data"))
    assert (
        engine.raw_data(
            build(
                RawDataRequest, category=Category.HRIS, model="employee", connector_token=acme.token
            )
        ).row_count
        == 3
    )
    assert engine.append_rows(NewRows(connector_token=acme.token, **dict(rows))).row_count == 6


def test_fields_made_before_typed_fields_come_back_untyped(store, tmp_path):
    engine = Engine(store)
    made = engine.create_field(
        NewCustomField(name="level", category=Category.HRIS, model="employee")
    )
    store.close()
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for column in ("type", "options"):  # as the schema before typed fields had it
        db.execute(f"ALTER TABLE custom_fields DROP COLUMN {column}")
    db.execute(f"PRAGMA user_version = {version - 1}")
    db.commit()
    db.close()
    (field,) = Engine(Store.open(tmp_path / "data")).list_fields()
    assert (field.id, field.type, field.options) == (made.id, None, [])


def test_a_store_newer_than_this_fieldmap_is_refused(store, tmp_path):
    store.close()
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="upgrade fieldmap"):
        Store.open(tmp_path / "data")


def test_reopening_does_not_seed_again(store, tmp_path):
    seeded = []
    Store.open(tmp_path / "data", on_create=seeded.append).close()
    assert seeded == []


def test_a_failed_write_leaves_nothing_behind(engine):
    with pytest.raises(RuntimeError), engine.store.write() as db:
        db.execute("INSERT INTO models (category, slug, display_name) VALUES ('HRIS', 'x', 'X')")
        raise RuntimeError("half-way")
    assert "x" not in {m.slug for m in engine.list_models()}


def test_two_processes_writing_at_once_lose_nothing(engine, tmp_path):
    data_dir = str(tmp_path / "data")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, data_dir, name, "40"])
        for name in ("alpha", "beta")
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    names = {f.name for f in engine.list_fields()}
    assert len(names) == 80
    assert {"alpha_39", "beta_39"} <= names
    (result,) = (
        sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
        .execute("PRAGMA integrity_check")
        .fetchone()
    )
    assert result == "ok"


def test_another_connection_sees_committed_changes(engine, tmp_path):
    other = Engine(Store.open(tmp_path / "data"))
    engine.create_field(NewCustomField(name="badge_id", category=Category.HRIS, model="employee"))
    assert [f.name for f in other.list_fields()] == ["badge_id"]


def test_an_in_memory_store_works_for_throwaway_use():
    store = Store.open(None, on_create=lambda s: insert_catalogue(Engine(s), SMALL_CATALOG))
    assert len(Engine(store).list_models()) == 3


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(tmp_path / "file")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / DATABASE_FILE).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store.open(tmp_path)


def test_a_lock_held_too_long_is_a_busy_error(engine, tmp_path):
    other = Store.open(tmp_path / "data", busy_timeout=0.05)
    holder = sqlite3.connect(tmp_path / "data" / DATABASE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError, match="try again"):
            Engine(other).create_field(
                NewCustomField(name="badge_id", category=Category.HRIS, model="employee")
            )
    finally:
        holder.execute("ROLLBACK")


def test_a_new_data_dir_and_database_are_private_under_the_default_umask(tmp_path):
    data_dir = tmp_path / "data"
    previous = os.umask(0o022)
    try:
        store = Store.open(data_dir)
    finally:
        os.umask(previous)
    try:
        files = {file.name: stat.S_IMODE(file.stat().st_mode) for file in data_dir.iterdir()}
    finally:
        store.close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert DATABASE_FILE in files
    assert set(files.values()) == {0o600}, files  # the database, its -wal and -shm
