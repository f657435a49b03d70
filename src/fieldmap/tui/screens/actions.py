"""The workbench's writing actions: new field, edit field, map, edit, delete, add a token.

Each one checks what it needs, opens its dialog (which does the write and keeps the user's
input on error) and, on success, says what changed and fetches the configuration again.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from uuid import UUID

from textual import work
from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core import jmes
from fieldmap.core.errors import FieldmapError
from fieldmap.core.ids import short_token
from fieldmap.core.models import (
    MAX_JSON_PATH_LENGTH,
    Connector,
    CustomFieldDetail,
    EffectiveField,
    FieldUpdate,
    MappingScope,
    NewMapping,
    build,
)
from fieldmap.core.operations import FieldChange
from fieldmap.tui.dialogs.add_connector_token import AddConnectorTokenDialog
from fieldmap.tui.dialogs.confirm import ConfirmDialog
from fieldmap.tui.dialogs.edit_field import EditFieldDialog
from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.map_field import MapFieldDialog, Mapped, MapTarget
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import organization_mapping

if TYPE_CHECKING:
    from fieldmap.tui.screens.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class MappingActions(_Base):
    """Mixed into `WorkbenchScreen`."""

    def action_new_field(self) -> None:
        if (dialog := self._new_field_dialog()) is not None:
            self.app.push_screen(dialog, self._field_created)

    def _new_field_dialog(self, name: str = "", then: str = "") -> NewFieldDialog | None:
        """The dialog creating a field on the context's model, or None (said) without one."""
        context, catalog = self.context, self.catalog
        if self.backend is None or catalog is None or not context.has_model:
            self.notify("Choose a model first.", severity="warning")
            return None
        assert context.category is not None and context.model is not None
        taken = catalog.field_names(context.category, context.model)
        return NewFieldDialog(
            self.backend, context.category, context.model, taken, name=name, then=then
        )

    def _field_created(self, field_id: UUID | None) -> None:
        if field_id is None:
            return
        self.notify("Custom field created.")
        self.fields_table.select_field(field_id)
        self.load_catalog()
        self.load_configuration()

    def create_field_for_path(self, path: str, name: str) -> None:
        """One step from a discovered path: a new field named `name`, mapped to `path` for
        every connector of the context's integration."""
        target = self._map_target()
        if target is None:
            self.notify("Choose an integration or a connector first.", severity="warning")
            return
        then = (
            f"Then mapped to {escape_controls(path)} for all"
            f" {escape_controls(target.integration_name)} connectors."
        )
        if (dialog := self._new_field_dialog(name, then)) is not None:
            self.app.push_screen(dialog, partial(self._map_created_field, target, path))

    @work(exclusive=True, group="map-created-field")
    async def _map_created_field(self, target: MapTarget, path: str, field_id: UUID | None) -> None:
        if field_id is None or self.backend is None:
            return
        try:
            mapping = build(
                NewMapping,
                custom_field_id=field_id,
                integration_slug=target.integration_slug,
                json_path=path,
            )
            await self.backend.create_mapping(mapping)
        except FieldmapError as error:  # a rule (a one-character path) or the backend
            self.report(error, "The field was created, but cannot be mapped")
        else:
            self.notify(
                f"Created the field and mapped it to {escape_controls(path)} for all "
                f"{escape_controls(target.integration_name)} connectors.",
                markup=False,
            )
        self.fields_table.select_field(field_id)
        self.load_catalog()
        self.load_configuration()

    def action_map_field(self) -> None:
        target = self._map_target()
        fields = self.configuration or []
        expression = self.editor.expression.strip()
        if self.backend is None or target is None:
            self.notify("Choose an integration or a connector first.", severity="warning")
        elif not fields:
            self.notify("No custom field to map: press n to create one.", severity="warning")
        elif not expression:
            self.notify("Type the path to map in the editor first.", severity="warning")
        elif (error := jmes.check(expression)) is not None:
            self.notify(
                f"The expression is invalid: {escape_controls(error.message)}",
                severity="error",
                markup=False,
            )
        elif len(expression) > MAX_JSON_PATH_LENGTH:
            self.notify(
                f"A mapping's path has at most {MAX_JSON_PATH_LENGTH:,} characters; this "
                f"expression has {len(expression):,}.",
                severity="error",
            )
        else:
            dialog = MapFieldDialog(
                self.backend,
                target,
                fields,
                self.fields_table.chosen_field,
                expression,
                self.editor.document,
            )
            self.app.push_screen(dialog, self._mapped)

    def _map_target(self) -> MapTarget | None:
        context, catalog = self.context, self.catalog
        integration = catalog.integration(context.integration_slug) if catalog else None
        if catalog is None or integration is None or not context.has_payload:
            return None
        connector = catalog.connector(context.connector_token)
        return MapTarget(
            integration.slug,
            integration.display_name,
            connector.token if connector else None,
            _connector_label(connector) if connector else None,
        )

    def _mapped(self, mapped: Mapped | None) -> None:
        if mapped is None:
            return
        self.notify(escape_controls(mapped.summary), markup=False)
        self.fields_table.select_field(mapped.field_id)
        self.load_configuration()

    def action_edit_mapping(self) -> None:
        field = self._selected_mapped_field("edit")
        if field is None or self.backend is None:
            return
        dialog = EditMappingDialog(self.backend, field, self._scope_of(field), self.editor.document)
        self.app.push_screen(dialog, self._mapping_edited)

    def _mapping_edited(self, path: str | None) -> None:
        if path is not None:
            self.notify(f"The mapping now reads {escape_controls(path)}", markup=False)
            self.load_configuration()

    @work(exclusive=True, group="confirm")
    async def action_delete_mapping(self) -> None:
        field = self._selected_mapped_field("delete")
        backend = self.backend
        if field is None or backend is None or field.mapping_id is None:
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        after = "It will be unmapped for this connector."
        if field.source is MappingScope.CONNECTOR:
            org = organization_mapping(detail, self.context.integration_slug)
            if org is not None:
                after = f"The organization mapping {org.json_path} will apply again."
        elif self.context.connector_token is None:
            after = "Connectors without an override will have it unmapped."
        mapping_id = field.mapping_id
        body = Content.assemble(
            "Delete the mapping of ",
            (escape_controls(field.name), "bold"),
            f" for {escape_controls(self._scope_of(field))}?\n",
            ("  path  ", "dim"),
            escape_controls(field.json_path or ""),
            "\n\n",
            escape_controls(after),
        )
        dialog = ConfirmDialog(
            "Delete a mapping", body, "Delete", lambda: backend.delete_mapping(mapping_id)
        )
        self.app.push_screen(dialog, partial(self._deleted, f"Mapping deleted. {after}"))

    @work(exclusive=True, group="confirm")
    async def action_delete_field(self) -> None:
        field = self.fields_table.selected_field
        backend = self.backend
        if field is None or backend is None:
            self.notify("Select a field in the configuration pane first.", severity="warning")
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        count = len(detail.mappings)
        body = Content.assemble(
            "Delete the custom field ",
            (escape_controls(detail.name), "bold"),
            "?\n",
            _mappings_going(count),
        )
        dialog = ConfirmDialog(
            "Delete a custom field",
            body,
            "Delete field",
            lambda: backend.delete_field(detail.id),
        )
        self.app.push_screen(
            dialog, partial(self._deleted, f"Deleted {detail.name}.")
        )

    @work(exclusive=True, group="confirm")
    async def action_edit_field(self) -> None:
        field, backend, catalog = self.fields_table.selected_field, self.backend, self.catalog
        if field is None or backend is None or catalog is None:
            self.notify("Select a field in the configuration pane first.", severity="warning")
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        models = [m for m in catalog.models if m.category == detail.category]
        taken = catalog.field_names(detail.category, detail.model) - {detail.name}
        dialog = EditFieldDialog(detail, models, taken)
        self.app.push_screen(dialog, partial(self._save_field, detail.id))

    @work(exclusive=True, group="save-field")
    async def _save_field(self, field_id: UUID, update: FieldUpdate | None) -> None:
        if update is None or self.backend is None:
            return
        try:
            saved = await self.backend.update_field(FieldChange(field_id=field_id, update=update))
        except FieldmapError as error:
            self.report(error, "Cannot save the field")
            return
        self.notify(f"Saved {escape_controls(saved.name)}.", markup=False)
        self.fields_table.select_field(field_id)
        self.load_catalog()
        self.load_configuration()

    def _deleted(self, summary: str, confirmed: bool | None) -> None:
        if confirmed:
            self.notify(escape_controls(summary), markup=False)
            self.load_catalog()
            self.load_configuration()

    def action_add_connector_token(self) -> None:
        context = self.context
        if self.backend is None or not context.has_model:
            self.notify("Choose a model first.", severity="warning")
            return
        assert context.category is not None and context.model is not None
        dialog = AddConnectorTokenDialog(self.backend, context.category, context.model)
        self.app.push_screen(dialog, self._token_added)

    def _token_added(self, connector: Connector | None) -> None:
        if connector is None:
            return
        self.notify(
            f"Connector {escape_controls(short_token(connector.token))} added.", markup=False
        )
        self.choose(self.context.with_connector(connector.token, connector.integration_slug))
        self.load_catalog()

    # -- helpers -----------------------------------------------------------------------------

    async def _field_detail(
        self, backend: Backend, field: EffectiveField
    ) -> CustomFieldDetail | None:
        """The field with all its mappings, or None (and a notification) if it fails."""
        try:
            return await backend.get_field(field.custom_field_id)
        except FieldmapError as error:
            self.report(error, "Cannot read the field")
            return None

    def _selected_mapped_field(self, verb: str) -> EffectiveField | None:
        field = self.fields_table.selected_field
        if field is None:
            self.notify(
                f"Select a field in the configuration pane to {verb} its mapping.",
                severity="warning",
            )
            return None
        if field.mapping_id is None:
            self.notify(
                f"{escape_controls(field.name)} has no mapping here.",
                severity="warning",
                markup=False,
            )
            return None
        return field

    def _scope_of(self, field: EffectiveField) -> str:
        target = self._map_target()
        if target is None:
            return "?"
        if field.source is MappingScope.CONNECTOR:
            return f"connector {target.connector_name} only"
        return f"all {target.integration_name} connectors"


def _connector_label(connector: Connector) -> str:
    if connector.name and connector.name != connector.token:
        return connector.name
    return short_token(connector.token)


def _mappings_going(count: int) -> str:
    """What deleting a field takes with it, in a sentence that agrees with the count."""
    if count == 0:
        return "It has no mapping."
    if count == 1:
        return "Its mapping goes with it."
    return f"Its {count:,} mappings (every scope) go with it."
