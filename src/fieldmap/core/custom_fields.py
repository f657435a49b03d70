"""The engine's custom fields and mappings: creating, paging, updating and deleting them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson

from fieldmap.core import jmes
from fieldmap.core.cursor import decode_cursor, encode_cursor
from fieldmap.core.engine_base import CATEGORY_ORDER, EngineBase, now
from fieldmap.core.errors import ConflictError, NotFoundError, RuleViolation, Violation
from fieldmap.core.field_types import WITH_OPTIONS, require_sound, spec_of
from fieldmap.core.ids import short_token, uuid7
from fieldmap.core.models import (
    Category,
    CustomField,
    CustomFieldDetail,
    FieldOption,
    FieldPage,
    FieldSource,
    FieldUpdate,
    Mapping,
    MappingCounts,
    NewCustomField,
    NewMapping,
)
from fieldmap.core.operations import (
    EVERY_FIELD,
    FieldChange,
    FieldsQuery,
    MappingChange,
    Scope,
    SetMapping,
    SetMappingOutcome,
    SetMappingResult,
)
from fieldmap.core.revisions import require_absent, require_revision, stored_revision
from fieldmap.core.wording import count_of

FIELD_NAMES = (
    "id",
    "name",
    "description",
    "category",
    "model",
    "source",
    "created_at",
    "updated_at",
    "type",
    "options",
)
FIELD_COLUMNS = ", ".join(FIELD_NAMES)
FIELD_SELECT = f"{FIELD_COLUMNS}, revision"
MAPPING_NAMES = (
    "id",
    "custom_field_id",
    "integration_slug",
    "connector_token",
    "json_path",
    "created_at",
    "updated_at",
)
MAPPING_COLUMNS = ", ".join(f"m.{name}" for name in (*MAPPING_NAMES, "revision"))
FIELD_FILTER = (
    " AND (?2 IS NULL OR category = ?2) AND (?3 IS NULL OR model = ?3)"
    " AND (?4 IS NULL OR source = ?4)"
)


class CustomFieldOperations(EngineBase):
    """Custom fields and their mappings, for the organization `org`."""

    # -- custom fields ---------------------------------------------------------------------

    def list_fields(self, query: FieldsQuery = EVERY_FIELD) -> list[CustomField]:
        with self.store.read() as db:
            rows = db.execute(
                f"SELECT {FIELD_SELECT} FROM custom_fields WHERE org = ?1{FIELD_FILTER}"
                f" ORDER BY {CATEGORY_ORDER}, model, name",
                (self.org, query.category, query.model, query.source),
            ).fetchall()
        return [field_from_row(row) for row in rows]

    def page_fields(
        self,
        category: Category | None = None,
        model: str | None = None,
        source: FieldSource | None = None,
        *,
        page_size: int,
        cursor: str | None = None,
    ) -> FieldPage:
        """One page of fields in id order (ids are time-ordered and never change), after
        `cursor`: fields created while a client pages through never make it list one twice
        or miss one."""
        filters: dict[str, Any] = {"category": category, "model": model, "source": source}
        after = decode_cursor(cursor, filters) if cursor is not None else None
        with self.store.read() as db:
            rows = db.execute(
                f"SELECT {FIELD_SELECT} FROM custom_fields WHERE org = ?1{FIELD_FILTER}"
                " AND (?5 IS NULL OR id > ?5) ORDER BY id LIMIT ?6",
                (self.org, category, model, source, after, page_size + 1),
            ).fetchall()
        items = [field_from_row(row) for row in rows[:page_size]]
        more = len(rows) > page_size
        return FieldPage(
            cursor=encode_cursor(str(items[-1].id), filters) if more else None,
            page_size=len(items),
            items=items,
        )

    def get_field(self, field_id: UUID) -> CustomFieldDetail:
        with self.store.read() as db:
            field = self._field(db, field_id)
            mappings = self._mappings(db, "m.custom_field_id = ?", (str(field_id),))
        return CustomFieldDetail(
            **field.model_dump(), mappings=mappings, mapping_counts=MappingCounts.of(mappings)
        )

    def create_field(self, new: NewCustomField) -> CustomField:
        self._require_model(new.category, new.model)
        require_sound(spec_of(new.type, new.options))
        created = datetime.now(UTC)
        field = CustomField(
            id=uuid7(),
            created_at=created,
            updated_at=created,
            revision=stored_revision(1),
            **new.model_dump(),
        )
        with _unique_name(new.name, new.category, new.model), self.store.write() as db:
            db.execute(
                f"INSERT INTO custom_fields (org, {FIELD_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.org,
                    str(field.id),
                    field.name,
                    field.description,
                    field.category,
                    field.model,
                    field.source,
                    created.isoformat(),
                    created.isoformat(),
                    field.type,
                    _options_json(field.options),
                ),
            )
        return field

    def update_field(self, change: FieldChange) -> CustomFieldDetail:
        """Change the keys `change.update` has; the category and model only while the field
        has no mappings (a `ConflictError` otherwise)."""
        field_id, update = change.field_id, change.update
        with self.store.write() as db:
            field = self._field(db, field_id)
            require_revision(change.expected_revision, field)
            changed = updated_field(field, update)
            if (changed.category, changed.model) != (field.category, field.model):
                (mapping_count,) = db.execute(
                    "SELECT count(*) FROM mappings WHERE custom_field_id = ?", (str(field_id),)
                ).fetchone()
                if mapping_count:
                    raise ConflictError(
                        f"{field.name} has {count_of(mapping_count, 'mapping')}: its category "
                        "and model change only while it has none"
                    )
                self._require_model(changed.category, changed.model)
            with _unique_name(changed.name, changed.category, changed.model):
                db.execute(
                    "UPDATE custom_fields SET name = ?, description = ?, category = ?,"
                    " model = ?, type = ?, options = ?, updated_at = ?, revision = revision + 1"
                    " WHERE id = ?",
                    (
                        changed.name,
                        changed.description,
                        changed.category,
                        changed.model,
                        changed.type,
                        _options_json(changed.options),
                        now(),
                        str(field_id),
                    ),
                )
            return self.get_field(field_id)  # joins this write

    def delete_field(self, field_id: UUID, expected_revision: str | None = None) -> None:
        """Delete a field and its mappings (if still at `expected_revision`, when given)."""
        with self.store.write() as db:
            require_revision(expected_revision, self._field(db, field_id))
            db.execute("DELETE FROM custom_fields WHERE id = ?", (str(field_id),))

    # -- mappings --------------------------------------------------------------------------

    def list_mappings(self, scope: Scope) -> list[Mapping]:
        """The mappings of one scope: an integration's organization mappings, or the
        overrides of one connector."""
        with self.store.read() as db:
            return self._mappings_at(db, scope)

    def create_mapping(self, new: NewMapping) -> Mapping:
        jmes.compile_path(new.json_path)
        with self.store.write() as db:
            field = self._field(db, new.custom_field_id)
            self._check_scope(field, new)
            return self._insert_mapping(db, field, new)

    def set_mapping(self, request: SetMapping) -> SetMappingResult:
        """Map a field at a scope: create the mapping, or replace the one the field has
        there (a field has one mapping per scope at most), or leave it when it is the same."""
        jmes.compile_path(request.json_path)
        scope = request.scope
        new = NewMapping(
            custom_field_id=request.field_id,
            integration_slug=scope.integration_slug,
            connector_token=scope.connector_token,
            json_path=request.json_path,
        )
        with self.store.write() as db:
            field = self._field(db, request.field_id)
            self._check_scope(field, new)
            existing = next(
                (m for m in self._mappings_at(db, scope) if m.custom_field_id == field.id), None
            )
            if existing is None:
                return SetMappingResult(
                    outcome=SetMappingOutcome.CREATED, mapping=self._insert_mapping(db, field, new)
                )
            if request.expected_absent:  # in the write's transaction: one create wins
                require_absent(existing)
            require_revision(request.expected_revision, existing)
            if existing.json_path == request.json_path:
                return SetMappingResult(outcome=SetMappingOutcome.UNCHANGED, mapping=existing)
            replaced = self._replace_path(db, existing.id, request.json_path)
            return SetMappingResult(outcome=SetMappingOutcome.REPLACED, mapping=replaced)

    def update_mapping(self, change: MappingChange) -> Mapping:
        """Change a mapping's json_path, the only part of a mapping that can change."""
        jmes.compile_path(change.json_path)
        with self.store.write() as db:
            require_revision(change.expected_revision, self._mapping(db, change.mapping_id))
            return self._replace_path(db, change.mapping_id, change.json_path)

    def delete_mapping(self, mapping_id: UUID, expected_revision: str | None = None) -> None:
        """Delete a mapping (if still at `expected_revision`, when given)."""
        with self.store.write() as db:
            require_revision(expected_revision, self._mapping(db, mapping_id))
            db.execute("DELETE FROM mappings WHERE id = ?", (str(mapping_id),))

    # -- helpers ---------------------------------------------------------------------------

    def _mappings_at(self, db: sqlite3.Connection, scope: Scope) -> list[Mapping]:
        if scope.connector_token is not None:
            self.connector(scope.connector_token)
            return self._mappings(db, "m.connector_token = ?", (scope.connector_token,))
        assert scope.integration_slug is not None
        self._integration(scope.integration_slug)
        return self._mappings(db, "m.integration_slug = ?", (scope.integration_slug,))

    def _insert_mapping(
        self, db: sqlite3.Connection, field: CustomField, new: NewMapping
    ) -> Mapping:
        created = datetime.now(UTC)
        mapping = Mapping(
            id=uuid7(),
            created_at=created,
            updated_at=created,
            revision=stored_revision(1),
            **new.model_dump(),
        )
        try:
            db.execute(
                f"INSERT INTO mappings ({', '.join(MAPPING_NAMES)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    str(mapping.id),
                    str(field.id),
                    new.integration_slug,
                    new.connector_token,
                    new.json_path,
                    created.isoformat(),
                    created.isoformat(),
                ),
            )
        except sqlite3.IntegrityError:
            scope = new.integration_slug or f"connector {short_token(new.connector_token)}"
            raise ConflictError(
                f"{field.name} already has a mapping for {scope}; update that one instead"
            ) from None
        return mapping

    def _replace_path(self, db: sqlite3.Connection, mapping_id: UUID, json_path: str) -> Mapping:
        db.execute(
            "UPDATE mappings SET json_path = ?, updated_at = ?, revision = revision + 1"
            " WHERE id = ?",
            (json_path, now(), str(mapping_id)),
        )
        return self._mapping(db, mapping_id)

    def _field(self, db: sqlite3.Connection, field_id: UUID) -> CustomField:
        row = db.execute(
            f"SELECT {FIELD_SELECT} FROM custom_fields WHERE id = ? AND org = ?",
            (str(field_id), self.org),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no custom field {field_id}")
        return field_from_row(row)

    def _mapping(self, db: sqlite3.Connection, mapping_id: UUID) -> Mapping:
        found = self._mappings(db, "m.id = ?", (str(mapping_id),))
        if not found:
            raise NotFoundError(f"no mapping {mapping_id}")
        return found[0]

    def _mappings(self, db: sqlite3.Connection, where: str, args: tuple) -> list[Mapping]:
        rows = db.execute(
            f"SELECT {MAPPING_COLUMNS} FROM mappings m"
            " JOIN custom_fields f ON f.id = m.custom_field_id"
            f" WHERE f.org = ? AND {where} ORDER BY m.created_at, m.id",
            (self.org, *args),
        ).fetchall()
        return [
            Mapping.model_validate(
                {
                    **dict(zip(MAPPING_NAMES, row, strict=False)),
                    "revision": stored_revision(row[-1]),
                }
            )
            for row in rows
        ]

    def _check_scope(self, field: CustomField, new: NewMapping) -> None:
        if new.connector_token is not None:
            connector = self.connector(new.connector_token)
            categories, what = connector.categories, f"connector {short_token(connector.token)}"
            loc = ("body", "connector_token")
        else:
            assert new.integration_slug is not None
            integration = self._integration(new.integration_slug)
            categories, what = integration.categories, integration.display_name
            loc = ("body", "integration_slug")
        if field.category not in categories:
            raise RuleViolation(
                Violation(loc, f"{what} does not serve {field.category}, the field's category")
            )


@contextmanager
def _unique_name(name: str, category: Category, model: str) -> Iterator[None]:
    """Turns the store's uniqueness error on (org, category, model, name) into a conflict."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise ConflictError(
            f"a custom field named {name!r} already exists on {category}/{model}"
        ) from None


def field_from_row(row: tuple) -> CustomField:
    """A field from the columns of `FIELD_SELECT` (its revision last)."""
    values = dict(zip(FIELD_NAMES, row, strict=False))
    values["options"] = orjson.loads(values["options"])
    return CustomField.model_validate({**values, "revision": stored_revision(row[-1])})


def updated_field(field: CustomField, update: FieldUpdate) -> CustomField:
    """`field` with the keys `update` sets: `description` and `type` null clear them (a
    field that is no select keeps no options), the other keys null leave them. Raises `RuleViolation`
    when the type and options that result do not go together."""
    changes = {
        key: getattr(update, key)
        for key in update.model_fields_set
        if key in ("description", "type") or getattr(update, key) is not None
    }
    if "options" not in changes and changes.get("type", field.type) not in WITH_OPTIONS:
        changes["options"] = []  # options belong to a select or multiselect only
    changed = field.model_copy(update=changes)
    require_sound(spec_of(changed.type, changed.options))
    return changed


def _options_json(options: list[FieldOption]) -> str:
    return orjson.dumps([option.model_dump() for option in options]).decode()
