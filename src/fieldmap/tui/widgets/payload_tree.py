"""A JSON document as a tree that opens instantly, however large the document.

Children are built when a node is expanded, a page at a time ("… 400 more" loads the next
page); long strings are cut and their length shown. Labels are built from plain strings
(`literal`), so a payload never styles or moves the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from fieldmap.core import jmes
from fieldmap.core.lazy_json import ARRAY_TYPES
from fieldmap.core.locate import Steps
from fieldmap.core.wording import count_of
from fieldmap.tui.literal import json_literal, key_literal, string_literal
from fieldmap.tui.styling import component_style

PAGE_SIZE = 100
STRING_LIMIT = 200
MAX_OPENED_LEVELS = 8  # a first look opens levels while they fit the pane, this deep at most


@dataclass(frozen=True, slots=True)
class Entry:
    """A node of the document: the steps that reach it and its value."""

    steps: Steps
    value: Any

    @property
    def path(self) -> str:
        return jmes.path_of(self.steps)


@dataclass(frozen=True, slots=True)
class MoreEntries:
    """Stands for the children of `parent` from position `start` to `end`, not built yet."""

    parent: Entry
    start: int
    end: int

    @property
    def remaining(self) -> int:
        return self.end - self.start


NodeData = Entry | MoreEntries


def _lines_when_open(data: NodeData | None) -> int:
    """The lines a node's children take when it opens: a page, and "… more" for the rest."""
    size = len(data.value) if isinstance(data, Entry) else 0
    return min(size, PAGE_SIZE) + (size > PAGE_SIZE)


class PayloadTree(Tree[NodeData]):
    """Shows one JSON document; Enter picks the node under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "Use path",
            id="tree.pick",
            tooltip="Put the JMESPath of this node into the editor",
        ),
        Binding(
            "space",
            "toggle_node",
            "Open/close",
            show=False,
            id="tree.toggle",
            tooltip="Expand or collapse this node",
        ),
        Binding(
            "right",
            "expand_node",
            "Expand",
            show=False,
            id="tree.expand",
            tooltip="Expand this node",
        ),
        Binding(
            "left",
            "collapse_or_parent",
            "Collapse",
            show=False,
            id="tree.collapse",
            tooltip="Collapse this node, or go to its parent",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "payload-tree--key",
        "payload-tree--string",
        "payload-tree--number",
        "payload-tree--boolean",
        "payload-tree--null",
        "payload-tree--summary",
        "payload-tree--selected",
        "payload-tree--more",
    }

    ICON_SELECTED = "◆ "
    ICON_HOLDS_SELECTED = "◇ "

    @dataclass
    class PathHighlighted(Message):
        """The cursor moved to the node at `steps`."""

        steps: Steps

    @dataclass
    class PathPicked(Message):
        """The user chose the node at `path` (Enter or click)."""

        path: str

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, label: str = "row"
    ) -> None:
        super().__init__(label, id=id, classes=classes)
        self.auto_expand = False
        self.guide_depth = 3
        self.root_label = label
        self._node_at_steps: dict[Steps, TreeNode[NodeData]] = {}
        self._built_steps: set[Steps] = set()
        self._selected_steps: frozenset[Steps] = frozenset()
        self._holding_steps: frozenset[Steps] = frozenset()
        self._shape: object = None
        self._opened_by_shape: dict[object, set[Steps]] = {}
        """The nodes open in the last document of each shape (rows that look alike)."""

    # -- the document ------------------------------------------------------------------------

    def show(self, document: Any, shape: object = None) -> None:
        """Show `document`; the cursor stays on the same path when the new one has it. The
        nodes open are those open in the last document of the same `shape` (the rows of one
        integration and model look alike), or at first as many levels as fit the pane."""
        previous = self.cursor_entry
        if isinstance(self.root.data, Entry):
            self._opened_by_shape[self._shape] = {
                steps for steps, node in self._node_at_steps.items() if node.is_expanded
            }
        self.clear()
        self._node_at_steps = {(): self.root}
        self._built_steps = set()
        self._shape = shape
        self.root.data = Entry((), document)
        self.root.allow_expand = isinstance(document, dict | ARRAY_TYPES)
        self._build_children(self.root)
        self.root.expand()
        if (opened := self._opened_by_shape.get(shape)) is not None:
            self._open_again(opened)
        else:
            self._open_levels_that_fit()
        self.reveal(previous.steps if previous else ())

    def _open_again(self, opened: set[Steps]) -> None:
        for steps in sorted(opened, key=len):
            parent = self._node_at_steps.get(steps[:-1]) if steps else None
            if parent is None or not parent.is_expanded:
                continue  # the root, or under a node closed since
            child = self._find_child(parent, steps)
            if child is not None and child.allow_expand:
                self._build_children(child)
                child.expand()

    def _open_levels_that_fit(self) -> None:
        """Open the document level by level while every line fits the pane (a first look
        shows the shape of the row, not three lines and empty space)."""
        room = self.size.height or self.app.size.height // 2  # a hidden pane has no size
        lines, level = 1 + len(self.root.children), [self.root]
        for _ in range(MAX_OPENED_LEVELS):
            below = [child for node in level for child in node.children if child.allow_expand]
            added = sum(_lines_when_open(child.data) for child in below)
            if not below or lines + added > room:
                return
            for child in below:
                self._build_children(child)
                child.expand()
            lines, level = lines + added, below

    @property
    def document(self) -> Any:
        data = self.root.data
        return data.value if isinstance(data, Entry) else None

    @property
    def cursor_entry(self) -> Entry | None:
        node = self.cursor_node
        return node.data if node is not None and isinstance(node.data, Entry) else None

    def reveal(self, steps: Steps) -> bool:
        """Move the cursor to the node at `steps`, building what leads to it."""
        node = self.root
        for depth in range(len(steps)):
            self._build_children(node)
            node.expand()
            child = self._find_child(node, steps[: depth + 1])
            if child is None:
                return False
            node = child
        self._place_cursor(node)
        return True

    def _place_cursor(self, node: TreeNode[NodeData]) -> None:
        # Reading `last_line` lays out the lines, so nodes just added know their line.
        if self.last_line >= 0:
            self.move_cursor(node)
            # The lines just opened may not count in the scrollable height yet (the scroll
            # stops short of a deep node): scroll again once they do.
            self.call_after_refresh(self._scroll_to_cursor)

    @on(events.Resize)
    def _keep_cursor_in_view(self) -> None:
        # The pane shrinks when the editor below grows (its coverage shows): the cursor's
        # node (a search hit's, say) must not end up below the pane's bottom.
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        if self.cursor_node is not None:
            self.scroll_to_node(self.cursor_node, animate=False)

    # -- what the current expression selects -------------------------------------------------

    def mark_selected(self, located: Iterable[Steps] | None) -> None:
        """Mark the nodes an expression selects (and, collapsed, the nodes holding them)."""
        selected = frozenset(located or ())
        holding = frozenset(steps[:depth] for steps in selected for depth in range(len(steps)))
        changed = (selected ^ self._selected_steps) | (holding ^ self._holding_steps)
        self._selected_steps, self._holding_steps = selected, holding
        for steps in changed:
            if (node := self._node_at_steps.get(steps)) is not None:
                node.refresh()

    # -- building ----------------------------------------------------------------------------

    def _build_children(self, node: TreeNode[NodeData]) -> None:
        entry = node.data
        if not isinstance(entry, Entry) or entry.steps in self._built_steps:
            return
        self._built_steps.add(entry.steps)
        if isinstance(entry.value, dict | ARRAY_TYPES) and entry.value:
            gap = node.add_leaf("", data=MoreEntries(entry, 0, len(entry.value)))
            self._open_gap(gap, 0)

    def _open_gap(self, gap_node: TreeNode[NodeData], position: int) -> TreeNode[NodeData]:
        """Build the page of a "… more" node holding child `position`, keeping the rest of
        the gap as "… more" nodes before and after it; returns the page's first node."""
        gap, parent = gap_node.data, gap_node.parent
        assert isinstance(gap, MoreEntries) and parent is not None
        page_start = gap.start + (position - gap.start) // PAGE_SIZE * PAGE_SIZE
        page_end = min(page_start + PAGE_SIZE, gap.end)
        anchor = gap_node
        if page_start > gap.start:
            anchor = parent.add_leaf(
                "", MoreEntries(gap.parent, gap.start, page_start), after=anchor
            )
        value = gap.parent.value
        if isinstance(value, dict):
            pairs: Iterable[tuple[str | int, Any]] = islice(value.items(), page_start, page_end)
        else:  # straight to the page: a lazy array's elements before it are never read
            pairs = ((index, value[index]) for index in range(page_start, page_end))
        first: TreeNode[NodeData] | None = None
        for key, child_value in pairs:
            child = Entry((*gap.parent.steps, key), child_value)
            expandable = isinstance(child_value, dict | ARRAY_TYPES) and len(child_value) > 0
            anchor = parent.add("", data=child, after=anchor, allow_expand=expandable)
            self._node_at_steps[child.steps] = anchor
            first = first or anchor
        if page_end < gap.end:
            parent.add_leaf("", MoreEntries(gap.parent, page_end, gap.end), after=anchor)
        gap_node.remove()
        assert first is not None
        return first

    def _find_child(self, node: TreeNode[NodeData], steps: Steps) -> TreeNode[NodeData] | None:
        """The child at `steps` (one step below `node`), building its page if need be."""
        if (child := self._node_at_steps.get(steps)) is not None:
            return child
        value, step = node.data.value if isinstance(node.data, Entry) else None, steps[-1]
        if isinstance(value, ARRAY_TYPES) and isinstance(step, int) and 0 <= step < len(value):
            position = step
        elif isinstance(value, dict) and step in value:
            position = next(i for i, key in enumerate(value) if key == step)
        else:
            return None
        for gap_node in node.children:
            gap = gap_node.data
            if isinstance(gap, MoreEntries) and gap.start <= position < gap.end:
                self._open_gap(gap_node, position)
                return self._node_at_steps.get(steps)
        return None

    # -- labels ------------------------------------------------------------------------------

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        label = self._label_of(node.data)
        label.stylize(style)
        prefix = ""
        if node.allow_expand:
            prefix = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        marker = ""
        if isinstance(node.data, Entry):
            if node.data.steps in self._selected_steps:
                marker = self.ICON_SELECTED
                label.stylize(self._style("selected"))
            elif node.data.steps in self._holding_steps and not node.is_expanded:
                marker = self.ICON_HOLDS_SELECTED
        return Text.assemble((prefix, base_style), marker, label)

    def _label_of(self, data: NodeData | None) -> Text:
        if isinstance(data, MoreEntries):
            return Text(f"… {data.remaining:,} more", self._style("more"))
        if data is None:
            return Text("")
        text = Text()
        if data.steps:
            step = data.steps[-1]
            name = f"[{step}]" if isinstance(step, int) else key_literal(step)
            text.append(name, self._style("key"))
            text.append(" " if isinstance(data.value, dict | ARRAY_TYPES) else ": ")
        else:
            text.append(self.root_label, self._style("key"))
            text.append(" ")
        text.append_text(self._value_text(data.value))
        return text

    def _value_text(self, value: Any) -> Text:
        if isinstance(value, dict):
            return Text(f"{{{count_of(len(value), 'key')}}}", self._style("summary"))
        if isinstance(value, ARRAY_TYPES):
            return Text(f"[{count_of(len(value), 'item')}]", self._style("summary"))
        if isinstance(value, str):
            literal, cut = string_literal(value, STRING_LIMIT)
            text = Text(literal, self._style("string"))
            if cut:
                text.append(f" ({len(value):,} chars)", self._style("summary"))
            return text
        return Text(json_literal(value), self._style(jmes.json_type(value)))

    def _style(self, part: str) -> Style:
        return component_style(self, f"payload-tree--{part}")

    # -- events and actions ------------------------------------------------------------------

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._build_children(event.node)

    def _on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        event.stop()
        if isinstance(event.node.data, Entry):
            self.post_message(self.PathHighlighted(event.node.data.steps))

    def _on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if isinstance(data, MoreEntries):
            self._place_cursor(self._open_gap(event.node, data.start))
        elif isinstance(data, Entry):
            self.post_message(self.PathPicked(data.path))

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and isinstance(node.data, MoreEntries):
            self._place_cursor(self._open_gap(node, node.data.start))
        elif node is not None and node.allow_expand:
            node.expand()

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)
