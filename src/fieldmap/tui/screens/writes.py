"""The workbench's writing actions (n, m, e, d, r, D, adding a token, a field from a path),
by the two parts that do them: `FieldWrites` (field_writes.py) and `MappingWrites`
(mapping_writes.py). Composed into the workbench, which they know only as a `Host`
(write_parts.py)."""

from __future__ import annotations

from fieldmap.tui.screens.field_writes import FieldWrites
from fieldmap.tui.screens.mapping_writes import MappingWrites
from fieldmap.tui.screens.write_parts import Host

WRITES = frozenset(
    ("new_field", "map_field", "edit_mapping", "delete_mapping", "edit_field", "delete_field")
)
"""The writes a key may ask for by name (`screen.write('…')`)."""


class WriteActions:
    def __init__(self, host: Host) -> None:
        self.fields = FieldWrites(host)
        self.mappings = MappingWrites(host)
        self._by_name = {
            "new_field": self.fields.new_field,
            "edit_field": self.fields.edit_field,
            "delete_field": self.fields.delete_field,
            "map_field": self.mappings.map_field,
            "edit_mapping": self.mappings.edit_mapping,
            "delete_mapping": self.mappings.delete_mapping,
        }
        assert self._by_name.keys() == WRITES

    def run(self, name: str) -> None:
        """The write named `name`; another name is ignored (a keymap cannot run any method)."""
        if (write := self._by_name.get(name)) is not None:
            write()

    def add_connector_token(self) -> None:
        self.fields.add_connector_token()

    def create_field_for_path(self, path: str, name: str, *, map_it: bool = True) -> None:
        self.fields.create_field_for_path(path, name, map_it=map_it)
