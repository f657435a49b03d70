"""Fields' types for a server that does not keep them (one with only the published routes):
kept per server URL in the config file (`Config.field_types`), sent nowhere, and put back
on the fields the server answers. `where` says where they live, for the UI."""

from __future__ import annotations

import asyncio
from typing import TypeVar
from uuid import UUID

from fieldmap.core.config import ConfigFile, DeclaredType
from fieldmap.core.custom_fields import updated_field
from fieldmap.core.models import (
    CustomField,
    EffectiveConfiguration,
    EffectiveField,
    FieldUpdate,
    NewCustomField,
)

TYPE_KEYS = frozenset({"type", "options"})

Typed = TypeVar("Typed", CustomField, EffectiveField)


class KeptTypes:
    """The types kept for `base_url`; `config_file` None keeps them for the session."""

    def __init__(self, base_url: str, config_file: ConfigFile | None) -> None:
        self.base_url = base_url
        self._config_file = config_file
        self._kept: dict[str, DeclaredType] | None = None

    @property
    def where(self) -> str:
        if self._config_file is None:
            return "in this session only (no config file)"
        return f"in {self._config_file.path}"

    async def keep(self, field_id: UUID, field: CustomField) -> None:
        """Keep `field`'s type and options (an untyped field: forget them)."""
        declared = DeclaredType(type=field.type, options=field.options) if field.type else None
        kept = await self._loaded()
        if kept.get(str(field_id)) == declared:
            return
        if self._config_file is not None:
            await asyncio.to_thread(
                self._config_file.declare_type, self.base_url, str(field_id), declared
            )
        kept.pop(str(field_id), None)
        if declared is not None:
            kept[str(field_id)] = declared

    async def forget(self, field_id: UUID) -> None:
        if str(field_id) in await self._loaded():
            await self.keep(field_id, _UNTYPED)

    async def typed(self, field: Typed, field_id: UUID) -> Typed:
        """`field` with the type kept for it (as it is when none is)."""
        declared = (await self._loaded()).get(str(field_id))
        if declared is None:
            return field
        return field.model_copy(update={"type": declared.type, "options": declared.options})

    async def typed_fields(self, fields: list[CustomField]) -> list[CustomField]:
        return [await self.typed(field, field.id) for field in fields]

    async def typed_configuration(
        self, effective: EffectiveConfiguration
    ) -> EffectiveConfiguration:
        fields = [await self.typed(field, field.custom_field_id) for field in effective.fields]
        return effective.model_copy(update={"fields": fields})

    async def _loaded(self) -> dict[str, DeclaredType]:
        if self._kept is None:
            stored: dict[str, DeclaredType] = {}
            if self._config_file is not None:
                config = await asyncio.to_thread(self._config_file.load)
                stored = config.field_types.get(self.base_url, {})
            self._kept = dict(stored)
        return self._kept


def published_new_field(new: NewCustomField) -> tuple[dict, CustomField | None]:
    """The body of a new field without its type, and (when it has one) a field holding
    the type to keep, checked first so that nothing is created with a type refused."""
    body = new.model_dump(mode="json", exclude_unset=True, exclude=TYPE_KEYS)
    if new.type is None:
        return body, None
    return body, updated_field(_UNTYPED, FieldUpdate(type=new.type, options=new.options))


def published_update(update: FieldUpdate) -> tuple[FieldUpdate, FieldUpdate | None]:
    """The update without the type keys, and the update of the type (None: none)."""
    typing = update.model_fields_set & TYPE_KEYS
    others = update.model_fields_set - TYPE_KEYS
    untyped = FieldUpdate(**{key: getattr(update, key) for key in others})
    if not typing:
        return untyped, None
    return untyped, FieldUpdate(**{key: getattr(update, key) for key in typing})


_UNTYPED = CustomField.model_construct(type=None, options=[])
