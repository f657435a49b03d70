"""The workbench's writes of fields and connectors: new field (also from a discovered path,
typed and mapped in one step), edit field, delete field, add a connector token. Each checks
what it needs in the `WorkbenchState`, opens its dialog (which collects the input and keeps
it on error) with the write to run on submit, and on success says what changed and has the
workbench fetch again."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from textual.content import Content

from fieldmap.core.conversions import propose_from_coverage
from fieldmap.core.errors import FieldmapError
from fieldmap.core.field_types import ANY, TypeSpec
from fieldmap.core.ids import short_token
from fieldmap.core.models import Connector, FieldUpdate, NewCustomField, NewMapping, build
from fieldmap.core.operations import ConfigurationRequest, FieldChange
from fieldmap.core.operations_impact import FieldDeletion
from fieldmap.tui.dialogs.add_connector_token import AddConnectorTokenDialog
from fieldmap.tui.dialogs.edit_field import EditFieldDialog
from fieldmap.tui.dialogs.new_field import NewFieldDialog
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.screens.impact_gate import confirm_then_write
from fieldmap.tui.screens.write_parts import Writer
from fieldmap.tui.state import MapTarget


class FieldWrites(Writer):
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


def _mappings_going(count: int) -> str:
    """What deleting a field takes with it, in a sentence that agrees with the count."""
    if count == 0:
        return "It has no mapping."
    if count == 1:
        return "Its mapping goes with it."
    return f"Its {count:,} mappings (every scope) go with it."
