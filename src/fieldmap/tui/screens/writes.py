"""The workbench's writing actions: new field, edit field, map, edit, delete, add a token.

Each one checks what it needs in the `WorkbenchState`, opens its dialog (which collects the
input and keeps it on error) with the write to run on submit, and on success says what
changed and has the workbench fetch again. Composed into the workbench, which it knows
only as a `Host`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, Protocol
from uuid import UUID

from textual.app import App
from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core import jmes
from fieldmap.core.conversions import propose_from_coverage
from fieldmap.core.errors import FieldmapError, StaleRevisionError
from fieldmap.core.field_types import ANY, TypeSpec
from fieldmap.core.ids import short_token
from fieldmap.core.models import (
    MAX_JSON_PATH_LENGTH,
    Connector,
    CustomFieldDetail,
    EffectiveField,
    FieldUpdate,
    Mapping,
    MappingScope,
    NewCustomField,
    NewMapping,
    build,
)
from fieldmap.core.operations import ConfigurationRequest, FieldChange, MappingChange
from fieldmap.core.operations_impact import FieldDeletion
from fieldmap.tui.actions.impact import mapping_change, scope_of
from fieldmap.tui.actions.mapping import MapRequest, NotSaved, ReplaceAsked, Saved, save_mapping
from fieldmap.tui.dialogs.add_connector_token import AddConnectorTokenDialog
from fieldmap.tui.dialogs.conflict import ConflictDialog, Resolution
from fieldmap.tui.dialogs.edit_field import EditFieldDialog
from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.form import StayOpen
from fieldmap.tui.dialogs.map_field import MapFieldDialog, Mapped
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import organization_mapping
from fieldmap.tui.screens.impact_gate import confirm_then_write, impact_gate
from fieldmap.tui.state import MapTarget, WorkbenchState
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor


class Host(Protocol):
    """What the actions need of the workbench."""

    state: WorkbenchState
    fields_table: ConfigurationTable
    editor: PathEditor

    @property
    def app(self) -> App[Any]: ...

    def notify(
        self, message: str, *, title: str = ..., severity: Any = ..., markup: bool = ...
    ) -> None: ...

    def report(self, error: FieldmapError, title: str) -> None: ...

    def reload(self, *, catalog: bool, configuration: bool = True) -> None:
        """Fetch the configuration and the catalogue again."""

    def choose(self, context: Any) -> None: ...

    def run_worker(self, work: Any, *, group: str = ..., exclusive: bool = ...) -> Any: ...


class WriteActions:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.state = host.state

    def _notify(self, message: str, severity: str = "information") -> None:
        self.host.notify(message, severity=severity, markup=False)

    def _after_write(self, field_id: UUID | None = None, *, catalog: bool = True) -> None:
        if field_id is not None:
            self.host.fields_table.select_field(field_id)
        self.host.reload(catalog=catalog)

    # -- fields ------------------------------------------------------------------------------

    def new_field(self) -> None:
        if (dialog := self._new_field_dialog()) is not None:
            self.host.app.push_screen(dialog, self._field_created)

    def _new_field_dialog(
        self, name: str = "", then: str = "", proposed: TypeSpec | None = None
    ) -> NewFieldDialog | None:
        """The dialog creating a field on the context's model, or None (said) without one."""
        context, catalog, backend = self.state.context, self.state.catalog, self.state.backend
        if backend is None or catalog is None or not context.has_model:
            self._notify("Choose a model first.", "warning")
            return None
        assert context.category is not None and context.model is not None
        taken = catalog.field_names(context.category, context.model)

        async def create(request: NewCustomField) -> UUID:
            return (await backend.create_field(request)).id

        return NewFieldDialog(
            create,
            context.category,
            context.model,
            taken,
            name=name,
            then=then,
            proposed=proposed,
            types_kept_in=backend.types_kept_in,
        )

    def _field_created(self, field_id: UUID | None) -> None:
        if field_id is not None:
            self._notify("Custom field created.")
            self._after_write(field_id)

    def create_field_for_path(self, path: str, name: str, *, map_it: bool = True) -> None:
        """One step from a discovered path: a new field named `name`, of the type the
        path's values propose, and with `map_it` mapped to `path` for every connector of
        the context's integration."""
        target = self.state.map_target()
        if target is None:
            self._notify("Choose an integration or a connector first.", "warning")
            return
        self.host.run_worker(
            self._create_field_for_path(target, path, name, map_it),
            group="create-field-for-path",
            exclusive=True,
        )

    async def _create_field_for_path(
        self, target: MapTarget, path: str, name: str, map_it: bool
    ) -> None:
        try:
            proposed = propose_from_coverage(await self.state.coverage(self.state.context, path))
        except FieldmapError as error:  # proposing is a help: the dialog opens untyped
            self.host.report(error, "Cannot propose a type")
            proposed = ANY
        then = (
            f"Then mapped to {escape_controls(path)} for all"
            f" {escape_controls(target.integration_name)} connectors."
        )
        dialog = self._new_field_dialog(name, then if map_it else "", proposed)
        if dialog is None:
            return
        done = partial(self._map_created_field, target, path) if map_it else self._field_created
        self.host.app.push_screen(dialog, done)

    def _map_created_field(self, target: MapTarget, path: str, field_id: UUID | None) -> None:
        backend = self.state.backend
        if field_id is None or backend is None:
            return

        async def map_it() -> None:
            try:
                mapping = build(
                    NewMapping,
                    custom_field_id=field_id,
                    integration_slug=target.integration_slug,
                    json_path=path,
                )
                await backend.create_mapping(mapping)
            except FieldmapError as error:  # a rule (a one-character path) or the backend
                self.host.report(error, "The field was created, but cannot be mapped")
            else:
                self._notify(
                    f"Created the field and mapped it to {escape_controls(path)} for all "
                    f"{escape_controls(target.integration_name)} connectors."
                )
            self._after_write(field_id)

        self.host.run_worker(map_it(), group="map-created-field", exclusive=True)

    def edit_field(self) -> None:
        self.host.run_worker(self._edit_field(), group="confirm", exclusive=True)

    async def _edit_field(self) -> None:
        field = self.host.fields_table.selected_field
        backend, catalog = self.state.backend, self.state.catalog
        if field is None or backend is None or catalog is None:
            self._notify("Select a field in the configuration pane first.", "warning")
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        models = [m for m in catalog.models if m.category == detail.category]
        taken = catalog.field_names(detail.category, detail.model) - {detail.name}
        dialog = EditFieldDialog(detail, models, taken, backend.types_kept_in)
        self.host.app.push_screen(dialog, partial(self._save_field, detail.id, detail.revision))

    def _save_field(self, field_id: UUID, revision: str | None, update: FieldUpdate | None) -> None:
        backend = self.state.backend
        if update is None or backend is None:
            return

        async def save() -> None:
            try:
                change = FieldChange(field_id=field_id, update=update, expected_revision=revision)
                saved = await backend.update_field(change)
            except FieldmapError as error:
                self.host.report(error, "Cannot save the field")
                return
            self._notify(f"Saved {escape_controls(saved.name)}.")
            self._after_write(field_id)

        self.host.run_worker(save(), group="save-field", exclusive=True)

    def delete_field(self) -> None:
        self.host.run_worker(self._delete_field(), group="confirm", exclusive=True)

    async def _delete_field(self) -> None:
        field, backend = self.host.fields_table.selected_field, self.state.backend
        if field is None or backend is None:
            self._notify("Select a field in the configuration pane first.", "warning")
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        body = Content.assemble(
            "Delete the custom field ",
            (escape_controls(detail.name), "bold"),
            "?\n",
            _mappings_going(len(detail.mappings)),
        )
        confirm_then_write(
            self.host.app,
            backend,
            FieldDeletion(field_id=detail.id),
            "Delete a custom field",
            body,
            lambda: backend.delete_field(detail.id, detail.revision),
            partial(self._written, f"Deleted {detail.name}.", "Cannot delete the field"),
        )

    # -- mappings ----------------------------------------------------------------------------

    def map_field(self) -> None:
        target, backend = self.state.map_target(), self.state.backend
        fields = self.state.configuration or []
        expression = self.host.editor.expression.strip()
        if backend is None or target is None:
            self._notify("Choose an integration or a connector first.", "warning")
        elif not fields:
            self._notify("No custom field to map: press n to create one.", "warning")
        elif not expression:
            self._notify("Type the path to map in the editor first.", "warning")
        elif (error := jmes.check(expression)) is not None:
            self._notify(f"The expression is invalid: {escape_controls(error.message)}", "error")
        elif len(expression) > MAX_JSON_PATH_LENGTH:
            self._notify(
                f"A mapping's path has at most {MAX_JSON_PATH_LENGTH:,} characters; this "
                f"expression has {len(expression):,}.",
                "error",
            )
        else:
            dialog = MapFieldDialog(
                partial(self._save_mapping, backend, target),
                target,
                fields,
                self.host.fields_table.chosen_field,
                expression,
                self.host.editor.document,
            )
            self.host.app.push_screen(dialog, self._mapped)

    async def _save_mapping(
        self, backend: Backend, target: MapTarget, request: MapRequest
    ) -> Saved | ReplaceAsked | NotSaved:
        """`save_mapping`; when someone else saved first, the conflict dialog decides."""
        try:
            return await save_mapping(
                backend, target, request, confirm=impact_gate(self.host.app, backend)
            )
        except StaleRevisionError as stale:
            theirs = stale.current
            if not isinstance(theirs, Mapping):
                raise
            fields = self.state.configuration or []
            name = next((f.name for f in fields if f.custom_field_id == request.field_id), "")
            where = target.where(request.scope)
            resolution = await self._resolve(name, where, request.json_path, theirs.json_path)
        if resolution is Resolution.OVERWRITE:
            overwrite = replace(
                request, confirmed_replace=theirs.id, confirmed_revision=theirs.revision
            )
            return await self._save_mapping(backend, target, overwrite)
        kept = "kept" if resolution is Resolution.KEEP_THEIRS else "editing"
        return Saved(request.field_id, name, kept)

    def _mapped(self, mapped: Mapped | None) -> None:
        if mapped is not None:
            self._notify(escape_controls(mapped.summary))
            self._after_write(mapped.field_id, catalog=False)

    def edit_mapping(self) -> None:
        field, backend = self._selected_mapped_field("edit"), self.state.backend
        if field is None or backend is None or field.mapping_id is None:
            return
        mapping_id, scope = field.mapping_id, scope_of(field, self.state.context)
        confirm = impact_gate(self.host.app, backend)

        where = self.state.scope_of(field)

        async def update(path: str, revision: str | None = field.mapping_revision) -> str:
            """The path saved: yours, or theirs kept after a conflict (edit: stay open)."""
            change = mapping_change(field.custom_field_id, scope, path)
            note = Content.assemble("Change the path of ", (escape_controls(field.name), "bold"))
            if not await confirm(change, "The impact of a mapping", note):
                raise StayOpen
            try:
                edit = MappingChange(
                    mapping_id=mapping_id, json_path=path, expected_revision=revision
                )
                return (await backend.update_mapping(edit)).json_path
            except StaleRevisionError as stale:
                if not isinstance(theirs := stale.current, Mapping):
                    raise
                resolution = await self._resolve(field.name, where, path, theirs.json_path)
            if resolution is Resolution.OVERWRITE:
                return await update(path, theirs.revision)
            if resolution is Resolution.EDIT:
                raise StayOpen
            return theirs.json_path

        dialog = EditMappingDialog(update, field, where, self.host.editor.document)
        self.host.app.push_screen(dialog, self._mapping_edited)

    def _mapping_edited(self, path: str | None) -> None:
        if path is not None:
            self._notify(f"The mapping now reads {escape_controls(path)}")
            self._after_write(catalog=False)

    def delete_mapping(self) -> None:
        self.host.run_worker(self._delete_mapping(), group="confirm", exclusive=True)

    async def _delete_mapping(self) -> None:
        field, backend = self._selected_mapped_field("delete"), self.state.backend
        if field is None or backend is None or field.mapping_id is None:
            return
        if (detail := await self._field_detail(backend, field)) is None:
            return
        after = "It will be unmapped for this connector."
        if field.source is MappingScope.CONNECTOR:
            org = organization_mapping(detail, self.state.context.integration_slug)
            if org is not None:
                after = f"The organization mapping {org.json_path} will apply again."
        elif self.state.context.connector_token is None:
            after = "Connectors without an override will have it unmapped."
        mapping_id = field.mapping_id
        # Deleted only as shown: a change meanwhile is refused, with its message.
        revision = next((m.revision for m in detail.mappings if m.id == mapping_id), None)
        body = Content.assemble(
            "Delete the mapping of ",
            (escape_controls(field.name), "bold"),
            f" for {escape_controls(self.state.scope_of(field))}?\n",
            ("  path  ", "dim"),
            escape_controls(field.json_path or ""),
            "\n\n",
            escape_controls(after),
        )
        change = mapping_change(field.custom_field_id, scope_of(field, self.state.context), None)
        confirm_then_write(
            self.host.app,
            backend,
            change,
            "Delete a mapping",
            body,
            lambda: backend.delete_mapping(mapping_id, revision),
            partial(self._written, f"Mapping deleted. {after}", "Cannot delete the mapping"),
        )

    def _written(self, summary: str, title: str, error: FieldmapError | None) -> None:
        if error is not None:
            self.host.report(error, title)
            return
        self._notify(escape_controls(summary))
        self._after_write()

    # -- connectors --------------------------------------------------------------------------

    def add_connector_token(self) -> None:
        context, backend = self.state.context, self.state.backend
        if backend is None or not context.has_model:
            self._notify("Choose a model first.", "warning")
            return
        category, model = context.category, context.model
        assert category is not None and model is not None

        async def remember(token: str) -> Connector:
            request = ConfigurationRequest(connector_token=token, category=category, model=model)
            return await backend.remember_connector(request)

        self.host.app.push_screen(AddConnectorTokenDialog(remember), self._token_added)

    def _token_added(self, connector: Connector | None) -> None:
        if connector is None:
            return
        self._notify(f"Connector {escape_controls(short_token(connector.token))} added.")
        context = self.state.context
        self.host.choose(context.with_connector(connector.token, connector.integration_slug))
        self.host.reload(catalog=True, configuration=False)

    # -- helpers -----------------------------------------------------------------------------

    async def _resolve(self, name: str, where: str, yours: str, theirs: str) -> Resolution:
        """What the user chose when a mapping was saved by someone else meanwhile."""
        dialog = ConflictDialog(name, where, yours, theirs, self.host.editor.document)
        return await self.host.app.push_screen_wait(dialog)

    async def _field_detail(
        self, backend: Backend, field: EffectiveField
    ) -> CustomFieldDetail | None:
        """The field with all its mappings, or None (and a notification) if it fails."""
        try:
            return await backend.get_field(field.custom_field_id)
        except FieldmapError as error:
            self.host.report(error, "Cannot read the field")
            return None

    def _selected_mapped_field(self, verb: str) -> EffectiveField | None:
        field = self.host.fields_table.selected_field
        if field is None:
            self._notify(
                f"Select a field in the configuration pane to {verb} its mapping.", "warning"
            )
            return None
        if field.mapping_id is None:
            self._notify(f"{escape_controls(field.name)} has no mapping here.", "warning")
            return None
        return field


def _mappings_going(count: int) -> str:
    """What deleting a field takes with it, in a sentence that agrees with the count."""
    if count == 0:
        return "It has no mapping."
    if count == 1:
        return "Its mapping goes with it."
    return f"Its {count:,} mappings (every scope) go with it."
