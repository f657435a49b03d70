"""The SQLite store: schema, migrations and transactions. No rules live here, only storage.

WAL lets a TUI and a server on the same data dir read while the other writes; every write
runs in `BEGIN IMMEDIATE` so two writers queue up (for `BUSY_TIMEOUT` at most, then
`StoreBusyError`) instead of failing half-way. sqlite3's errors become `StoreError`s here.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from fieldmap.core.errors import StoreBusyError, StoreError

DATABASE_FILE = "fieldmap.sqlite3"
BUSY_TIMEOUT = 10.0  # seconds a write waits for another process's transaction

# Migration N (1-based) takes the schema from version N-1 to N. Append only: a release's
# migrations never change once shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE models (
        category     TEXT NOT NULL,
        slug         TEXT NOT NULL,
        display_name TEXT NOT NULL,
        PRIMARY KEY (category, slug)
    );
    CREATE TABLE integrations (
        slug         TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        categories   TEXT NOT NULL  -- JSON array of category names
    );
    CREATE TABLE integration_samples (
        integration_slug TEXT NOT NULL REFERENCES integrations(slug) ON DELETE CASCADE,
        category         TEXT NOT NULL,
        model            TEXT NOT NULL,
        data             TEXT NOT NULL,
        PRIMARY KEY (integration_slug, category, model),
        FOREIGN KEY (category, model) REFERENCES models(category, slug)
    );
    CREATE TABLE connectors (
        token            TEXT PRIMARY KEY,
        org              TEXT NOT NULL,
        integration_slug TEXT NOT NULL REFERENCES integrations(slug),
        name             TEXT NOT NULL,
        created_at       TEXT NOT NULL
    );
    CREATE INDEX connectors_by_org ON connectors(org, created_at);
    CREATE TABLE synced_rows (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        connector_token TEXT NOT NULL REFERENCES connectors(token) ON DELETE CASCADE,
        category        TEXT NOT NULL,
        model           TEXT NOT NULL,
        data            TEXT NOT NULL
    );
    CREATE INDEX synced_rows_by_model ON synced_rows(connector_token, category, model, id);
    CREATE TABLE custom_fields (
        id          TEXT PRIMARY KEY,
        org         TEXT NOT NULL,
        name        TEXT NOT NULL,
        description TEXT,
        category    TEXT NOT NULL,
        model       TEXT NOT NULL,
        source      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (org, category, model, name),
        FOREIGN KEY (category, model) REFERENCES models(category, slug)
    );
    CREATE TABLE mappings (
        id               TEXT PRIMARY KEY,
        custom_field_id  TEXT NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
        integration_slug TEXT REFERENCES integrations(slug),
        connector_token  TEXT REFERENCES connectors(token) ON DELETE CASCADE,
        json_path        TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK ((integration_slug IS NULL) <> (connector_token IS NULL)),
        UNIQUE (custom_field_id, integration_slug),
        UNIQUE (custom_field_id, connector_token)
    );
    """,
    # 2: the custom-fields listing pages through an organization's fields in id order.
    """
    CREATE INDEX custom_fields_by_org_id ON custom_fields(org, id);
    """,
    # 3: a connector's row count is kept, not counted: count(*) walks the rows' index, 12 ms
    # at 100,000 rows, on every read of the latest row.
    """
    CREATE TABLE synced_row_counts (
        connector_token TEXT NOT NULL REFERENCES connectors(token) ON DELETE CASCADE,
        category        TEXT NOT NULL,
        model           TEXT NOT NULL,
        count           INTEGER NOT NULL,
        PRIMARY KEY (connector_token, category, model)
    );
    INSERT INTO synced_row_counts
        SELECT connector_token, category, model, count(*) FROM synced_rows
        GROUP BY connector_token, category, model;
    """,
    # 4: a revision per field and per mapping, bumped by every write of it, so that a write
    # based on an older one is refused (no lost updates).
    """
    ALTER TABLE custom_fields ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE mappings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    """,
    # 5: a row by position is found by its index entry, not by an OFFSET walking the rows
    # before it (ids interleave across connectors, so they cannot be counted on).
    """
    ALTER TABLE synced_rows ADD COLUMN position INTEGER;
    UPDATE synced_rows SET position = numbered.position FROM (
        SELECT id, row_number() OVER (
            PARTITION BY connector_token, category, model ORDER BY id
        ) - 1 AS position FROM synced_rows
    ) AS numbered WHERE synced_rows.id = numbered.id;
    CREATE UNIQUE INDEX synced_rows_by_position
        ON synced_rows(connector_token, category, model, position);
    """,
    # 6: typed fields: a field may declare what it holds (NULL: any value), and a select or
    # multiselect its options (a JSON array of {"value", "label"}).
    """
    ALTER TABLE custom_fields ADD COLUMN type TEXT;
    ALTER TABLE custom_fields ADD COLUMN options TEXT NOT NULL DEFAULT '[]';
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
MEMO_SIZE = 4

T = TypeVar("T")


class Store:
    """One SQLite database file; safe to share between the threads of one process."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path | None, busy_timeout: float
    ) -> None:
        self._connection = connection
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._depth = 0  # open transactions: nested blocks join the outermost one
        self._memo: dict[Hashable, tuple[Hashable, object]] = {}
        self.path = path

    @classmethod
    def open(
        cls,
        data_dir: Path | None,
        on_create: Callable[[Store], None] | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> Store:
        """Open (creating and migrating) the store in `data_dir`; None keeps it in memory.

        `on_create` runs inside the transaction that creates the schema, so a second process
        opening the same new data dir waits for it and never sees a half-seeded database.
        """
        path = None
        try:
            if data_dir is not None:
                # The database holds every organization's connector tokens and rows: only
                # its owner reads it, whatever the umask (SQLite gives the -wal and -shm
                # files the database's mode).
                data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
                path = data_dir / DATABASE_FILE
                os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
            connection = sqlite3.connect(
                path or ":memory:",
                isolation_level=None,  # transactions are explicit: see `write`
                check_same_thread=False,  # guarded by the store's lock
                timeout=busy_timeout,
            )
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = NORMAL")
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the database in {data_dir}: {_reason(error)}") from None
        store = cls(connection, path, busy_timeout)
        store._migrate(on_create)
        return store

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def memo(self, key: Hashable, version: Hashable, load: Callable[[], T]) -> T:
        """`load()`, done again only when `version` changes; the last few results are kept.
        For what is costly to rebuild and read often, like parsed synced rows. The result is
        shared between callers: they must not change it."""
        with self._lock:
            kept = self._memo.get(key)
            if kept is not None and kept[0] == version:
                return kept[1]  # type: ignore[return-value]
        value = load()
        with self._lock:
            self._memo.pop(key, None)
            if len(self._memo) >= MEMO_SIZE:
                del self._memo[next(iter(self._memo))]
            self._memo[key] = (version, value)
        return value

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        with self._transaction("BEGIN IMMEDIATE") as db:
            yield db

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several queries."""
        with self._transaction("BEGIN") as db:
            yield db

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._connection
                finally:
                    self._depth -= 1
                return
            self._execute(begin)
            self._depth = 1
            try:
                yield self._connection
            except BaseException as error:
                self._connection.rollback()
                # IntegrityError goes on as it is: the engine makes it a ConflictError.
                if isinstance(error, sqlite3.Error) and not isinstance(
                    error, sqlite3.IntegrityError
                ):
                    raise self._translated(error) from None
                raise
            else:
                self._execute("COMMIT")
            finally:
                self._depth = 0

    def _execute(self, statement: str) -> None:
        try:
            self._connection.execute(statement)
        except sqlite3.Error as error:
            raise self._translated(error) from None

    def _translated(self, error: sqlite3.Error) -> StoreError:
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            return StoreBusyError(
                f"the database {self.path} stayed locked by another process for "
                f"{self._busy_timeout:g} s; try again"
            )
        return StoreError(f"the database {self.path or 'in memory'} failed: {_reason(error)}")

    def _migrate(self, on_create: Callable[[Store], None] | None) -> None:
        with self.write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the database {self.path} has schema version {version}; this fieldmap "
                    f"knows up to {SCHEMA_VERSION}: upgrade fieldmap"
                )
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if version == 0 and on_create is not None:
                on_create(self)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def _statements(script: str) -> Iterator[str]:
    """Split a migration script, since `executescript` would commit our transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
