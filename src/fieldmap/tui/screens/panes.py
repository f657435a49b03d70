"""The panes of the editor screens, written once: their ids, number keys, tabs, the order
tab walks their widgets in, and their sections of the help all derive from `Pane`."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Tab

from fieldmap.tui.widgets.browser import Browser
from fieldmap.tui.widgets.configuration_table import ConfigurationTable
from fieldmap.tui.widgets.path_editor import PathEditor
from fieldmap.tui.widgets.path_list import PathList
from fieldmap.tui.widgets.payload_pane import PayloadPane
from fieldmap.tui.widgets.payload_tree import PayloadTree


@dataclass(frozen=True)
class Pane:
    name: str
    """`browse`: the pane's id is `browse-pane`, its tab's `tab-browse`."""
    key: str
    """The number key that goes to it."""
    tab: str | None
    """The tab's label (narrow terminals), or None for the editor, which is always shown."""
    heading: str
    """Its border title (after the key) and its section of the help."""
    tooltip: str
    """What its number key does, in the help."""
    focus: tuple[str, ...]
    """Its widgets that tab walks, in order; the first takes the focus when it is chosen."""
    bindings: tuple[type[Widget], ...] = ()
    """The widgets whose bindings its help section lists."""
    built_in: tuple[tuple[str, str], ...] = field(default=())
    """Keys Textual's own widgets handle in it, which no binding of ours describes."""
    section: str | None = None
    """Its section's title in the help, when not its heading."""

    @property
    def id(self) -> str:
        return f"{self.name}-pane"

    @property
    def tab_id(self) -> str:
        return f"tab-{self.name}"

    @property
    def title(self) -> str:
        return f"{self.key} {self.heading}"

    @property
    def action(self) -> str:
        return "focus_editor" if self.tab is None else f"show_pane('{self.name}')"

    @property
    def help_title(self) -> str:
        return self.section or self.heading

    def help_bindings(self) -> list[BindingType]:
        return [b for widget in self.bindings for b in widget.BINDINGS]


BROWSE = Pane(
    "browse",
    "1",
    "Browse",
    "Browse",
    "Go to the browse pane",
    ("#browse-models", "#browse-integrations", "#browse-connectors"),
    (Browser,),
    (("↑ ↓", "move in a list"), ("enter", "choose (sets the context of the other panes)")),
)
PAYLOAD = Pane(
    "payload",
    "2",
    "Payload",
    "Raw payload",
    "Go to the raw payload tree",
    ("#payload-tree", "#payload-search"),
    (PayloadPane, PayloadTree),
    (("↑ ↓", "move; the path of the node shows under the tree"),),
)
EDITOR = Pane(
    "editor",
    "4",
    None,
    "JMESPath",
    "Go to the JMESPath editor",
    ("#path-input", "#path-result", "#why-null-suggestions"),
    (PathEditor,),
    (
        ("enter", "evaluate now (it also runs as you type)"),
        ("→ at the end", "accept the completion shown in grey"),
    ),
    section="JMESPath editor",
)
CONFIGURATION = Pane(
    "configuration",
    "3",
    "Configuration",
    "Configuration",
    "Go to the configuration pane",
    ("#configuration-table",),
    (ConfigurationTable,),
    (("enter", "load the field's path into the editor"),),
)
PATHS = Pane(
    "paths",
    "5",
    "Paths",
    "Paths",
    "Go to the paths found across the rows (their filter: type to filter)",
    ("#paths-filter", "#paths-table"),
    (PathList,),
    (("type", "filter the paths"), ("enter", "put the path into the editor")),
)


def tabs(panes: tuple[Pane, ...]) -> list[Tab]:
    """The tabs of the panes that have one, in key order."""
    tabbed = sorted((p for p in panes if p.tab is not None), key=lambda p: p.key)
    return [Tab(f"{p.key} {p.tab}", id=p.tab_id) for p in tabbed]


def pane_keys(panes: tuple[Pane, ...], screen: str) -> list[BindingType]:
    """A number key per pane, with the id `{screen}.pane_{name}` user keymaps rebind."""
    return [
        Binding(
            p.key,
            p.action,
            p.tab or p.heading,
            show=False,
            id=f"{screen}.pane_{p.name}",
            tooltip=p.tooltip,
        )
        for p in sorted(panes, key=lambda p: p.key)
    ]


def focus_order(panes: tuple[Pane, ...]) -> list[str]:
    return [selector for pane in panes for selector in pane.focus]


def pane_of(panes: tuple[Pane, ...], widget: Widget | None) -> Pane | None:
    """The pane a widget lives in."""
    ids = {pane.id: pane for pane in panes}
    for node in widget.ancestors_with_self if widget is not None else ():
        if node.id in ids:
            return ids[node.id]
    return None
