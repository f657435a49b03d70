"""What the workbench's writing parts share: the `Host` they know the workbench by, and a
`Writer` base with what each write does around its dialog (say what changed, fetch again,
read a field with its mappings)."""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from textual.app import App

from fieldmap.backends.protocol import Backend
from fieldmap.core.errors import FieldmapError
from fieldmap.core.models import CustomFieldDetail, EffectiveField
from fieldmap.tui.literal import escape_controls
from fieldmap.tui.state import WorkbenchState
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


class Writer:
    """The base of each writing part: its host, and what its writes do around the dialog."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.state = host.state

    def _notify(self, message: str, severity: str = "information") -> None:
        self.host.notify(message, severity=severity, markup=False)

    def _after_write(self, field_id: UUID | None = None, *, catalog: bool = True) -> None:
        if field_id is not None:
            self.host.fields_table.select_field(field_id)
        self.host.reload(catalog=catalog)

    def _written(self, summary: str, title: str, error: FieldmapError | None) -> None:
        if error is not None:
            self.host.report(error, title)
            return
        self._notify(escape_controls(summary))
        self._after_write()

    async def _field_detail(
        self, backend: Backend, field: EffectiveField
    ) -> CustomFieldDetail | None:
        """The field with all its mappings, or None (and a notification) if it fails."""
        try:
            return await backend.get_field(field.custom_field_id)
        except FieldmapError as error:
            self.host.report(error, "Cannot read the field")
            return None
