"""No lost updates in the engine: revisions bumped by every write, a write based on an
older one refused in its transaction, also between two engines on one data dir."""

from __future__ import annotations

import threading

import pytest

from fieldmap.core.engine import Engine
from fieldmap.core.errors import StaleRevisionError
from fieldmap.core.models import Category, FieldUpdate, NewCustomField, NewMapping
from fieldmap.core.operations import (
    FieldChange,
    MappingChange,
    Scope,
    SetMapping,
    SetMappingOutcome,
)
from fieldmap.core.store import Store

ROUNDS = 100


def mapped_field(engine: Engine) -> tuple:
    field = engine.create_field(
        NewCustomField(name="badge", category=Category.HRIS, model="employee")
    )
    mapping = engine.create_mapping(
        NewMapping(custom_field_id=field.id, integration_slug="workday", json_path="badge.id")
    )
    return field, mapping


def test_every_write_bumps_the_revision_and_reads_carry_it(engine):
    field, mapping = mapped_field(engine)
    assert (field.revision, mapping.revision) == ("1", "1")
    updated = engine.update_mapping(MappingChange(mapping_id=mapping.id, json_path="badge.no"))
    assert updated.revision == "2"
    renamed = engine.update_field(FieldChange(field_id=field.id, update=FieldUpdate(name="bdg")))
    assert renamed.revision == "2"
    assert renamed.mappings[0].revision == "2"
    assert engine.list_mappings(Scope(integration_slug="workday"))[0].revision == "2"


def test_a_write_based_on_an_older_revision_is_refused_with_the_current_version(engine):
    field, mapping = mapped_field(engine)
    engine.update_mapping(MappingChange(mapping_id=mapping.id, json_path="theirs"))
    with pytest.raises(StaleRevisionError) as raised:
        engine.update_mapping(
            MappingChange(mapping_id=mapping.id, json_path="mine", expected_revision="1")
        )
    assert raised.value.current.json_path == "theirs"
    assert raised.value.current.revision == "2"
    with pytest.raises(StaleRevisionError):
        engine.delete_mapping(mapping.id, "1")
    with pytest.raises(StaleRevisionError):
        engine.set_mapping(
            SetMapping(
                field_id=field.id,
                scope=Scope(integration_slug="workday"),
                json_path="mine",
                expected_revision="1",
            )
        )
    assert engine.get_field(field.id).mappings[0].json_path == "theirs"


def test_a_field_write_based_on_an_older_revision_is_refused(engine):
    field, _ = mapped_field(engine)
    engine.update_field(FieldChange(field_id=field.id, update=FieldUpdate(description="x")))
    stale = FieldChange(field_id=field.id, update=FieldUpdate(name="other"), expected_revision="1")
    with pytest.raises(StaleRevisionError) as raised:
        engine.update_field(stale)
    assert raised.value.current.description == "x"
    with pytest.raises(StaleRevisionError):
        engine.delete_field(field.id, "1")
    engine.delete_field(field.id, "2")
    assert engine.list_fields() == []


def test_without_an_expected_revision_a_write_goes_through_as_before(engine):
    _, mapping = mapped_field(engine)
    engine.update_mapping(MappingChange(mapping_id=mapping.id, json_path="a.b"))
    last = engine.update_mapping(MappingChange(mapping_id=mapping.id, json_path="c.d"))
    assert (last.json_path, last.revision) == ("c.d", "3")


def racing(engines: list[Engine], write) -> list:
    """`write(engine, slot)` by every engine at once; what each got (a result or the
    `StaleRevisionError`)."""
    barrier = threading.Barrier(len(engines))
    outcomes: list = [None] * len(engines)

    def run(slot: int) -> None:
        barrier.wait()
        try:
            outcomes[slot] = write(engines[slot], slot)
        except StaleRevisionError as stale:
            outcomes[slot] = stale

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(len(engines))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def racing_round(engines: list[Engine], mapping_id, based_on: str, round_: int) -> list:
    """Both engines write on `based_on` at once; what each got (a Mapping or an error)."""

    def write(engine: Engine, slot: int):
        change = MappingChange(
            mapping_id=mapping_id, json_path=f"path_{slot}_{round_}", expected_revision=based_on
        )
        return engine.update_mapping(change)

    return racing(engines, write)


def test_two_engines_on_one_data_dir_racing_lose_no_update(store, tmp_path):
    """Both read the mapping, then both write on what they read, at once: each round
    exactly one wins, the other is told (with the winner's version), and the mapping
    holds the winner's path."""
    first = Engine(store)
    second = Engine(Store.open(tmp_path / "data"))
    _, mapping = mapped_field(first)
    try:
        for round_ in range(ROUNDS):
            based_on = second.list_mappings(Scope(integration_slug="workday"))[0].revision
            outcomes = racing_round([first, second], mapping.id, based_on, round_)
            won = [o for o in outcomes if not isinstance(o, StaleRevisionError)]
            stale = [o for o in outcomes if isinstance(o, StaleRevisionError)]
            assert (len(won), len(stale)) == (1, 1), (round_, outcomes)
            assert stale[0].current.json_path == won[0].json_path
            stored = first.get_field(mapping.custom_field_id).mappings[0]
            assert (stored.json_path, stored.revision) == (won[0].json_path, won[0].revision)
    finally:
        second.store.close()


def test_two_engines_creating_one_mapping_at_once_lose_no_update(store, tmp_path):
    """Both saw no mapping at the scope and both create one at once: each round exactly
    one is created, the other is told (with the winner's), and nothing is replaced."""
    first = Engine(store)
    second = Engine(Store.open(tmp_path / "data"))
    field = first.create_field(
        NewCustomField(name="badge", category=Category.HRIS, model="employee")
    )
    try:
        for round_ in range(ROUNDS):

            def create(engine: Engine, slot: int, round_: int = round_):
                request = SetMapping(
                    field_id=field.id,
                    scope=Scope(integration_slug="workday"),
                    json_path=f"path_{slot}_{round_}",
                    expected_absent=True,
                )
                return engine.set_mapping(request)

            outcomes = racing([first, second], create)
            won = [o for o in outcomes if not isinstance(o, StaleRevisionError)]
            stale = [o for o in outcomes if isinstance(o, StaleRevisionError)]
            assert (len(won), len(stale)) == (1, 1), (round_, outcomes)
            assert won[0].outcome is SetMappingOutcome.CREATED
            assert stale[0].current.json_path == won[0].mapping.json_path
            (stored,) = first.get_field(field.id).mappings
            assert (stored.json_path, stored.revision) == (won[0].mapping.json_path, "1")
            first.delete_mapping(stored.id)
    finally:
        second.store.close()


def test_a_store_from_before_revisions_starts_every_field_and_mapping_at_one(store, tmp_path):
    import sqlite3

    from fieldmap.core.store import DATABASE_FILE, MIGRATIONS

    field, mapping = mapped_field(Engine(store))
    store.close()
    before = next(n for n, script in enumerate(MIGRATIONS) if "ADD COLUMN revision" in script)
    db = sqlite3.connect(tmp_path / "data" / DATABASE_FILE)
    for table in ("custom_fields", "mappings"):
        db.execute(f"ALTER TABLE {table} DROP COLUMN revision")
    db.execute("DROP INDEX synced_rows_by_position")  # nor rows' positions, added later
    db.execute("ALTER TABLE synced_rows DROP COLUMN position")
    for column in ("type", "options"):  # a later migration's (typed fields)
        db.execute(f"ALTER TABLE custom_fields DROP COLUMN {column}")
    db.execute(f"PRAGMA user_version = {before}")
    db.commit()
    db.close()
    reopened = Store.open(tmp_path / "data")
    try:
        detail = Engine(reopened).get_field(field.id)
        assert (detail.revision, detail.mappings[0].revision) == ("1", "1")
        with pytest.raises(StaleRevisionError):
            Engine(reopened).delete_mapping(mapping.id, "0")
    finally:
        reopened.close()
