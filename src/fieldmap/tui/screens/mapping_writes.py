"""The workbench's writes of mappings: map the editor's expression to a field (create or
replace, with the impact shown first and a conflict resolved when someone saved first),
edit a mapping's path, delete a mapping. Each opens its dialog with the write to run on
submit, and on success says what changed and has the workbench fetch again."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.content import Content

from fieldmap.backends.protocol import Backend
from fieldmap.core import jmes
from fieldmap.core.errors import StaleRevisionError
from fieldmap.core.models import MAX_JSON_PATH_LENGTH, EffectiveField, Mapping, MappingScope
from fieldmap.core.operations import MappingChange
from fieldmap.tui.actions.impact import mapping_change, scope_of
from fieldmap.tui.actions.mapping import MapRequest, NotSaved, ReplaceAsked, Saved, save_mapping
from fieldmap.tui.dialogs.conflict import ConflictDialog, Resolution
from fieldmap.tui.dialogs.edit_mapping import EditMappingDialog
from fieldmap.tui.dialogs.form import StayOpen
from fieldmap.tui.dialogs.map_field import MapFieldDialog, Mapped
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.queries import organization_mapping
from fieldmap.tui.screens.impact_gate import confirm_then_write, impact_gate
from fieldmap.tui.screens.write_parts import Writer
from fieldmap.tui.state import MapTarget


class MappingWrites(Writer):
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

    async def _resolve(self, name: str, where: str, yours: str, theirs: str) -> Resolution:
        """What the user chose when a mapping was saved by someone else meanwhile."""
        dialog = ConflictDialog(name, where, yours, theirs, self.host.editor.document)
        return await self.host.app.push_screen_wait(dialog)

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
