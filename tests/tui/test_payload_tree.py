"""The payload tree: literal text, lazy children, paging, reveal, marks and picking."""

from __future__ import annotations

from rich.style import Style
from textual.app import App, ComposeResult

from fieldmap.tui.app import STYLESHEET
from fieldmap.tui.widgets.payload_tree import PAGE_SIZE, MoreEntries, PayloadTree

DOC = {
    "markup": "[bold red]x[/]",
    "escape": "\x1b[31mred\x07\x9b2J",
    "bad\x1bkey": 1,
    "long": "y" * 1000,
    "nested": {"inner": {"deep": True}},
    "many": list(range(250)),
    "empty": [],
}


class TreeApp(App[None]):
    CSS_PATH = STYLESHEET

    def __init__(self, document: object) -> None:
        super().__init__()
        self.document = document
        self.picked: list[str] = []

    def compose(self) -> ComposeResult:
        yield PayloadTree()

    def on_mount(self) -> None:
        self.query_one(PayloadTree).show(self.document)

    def on_payload_tree_path_picked(self, event: PayloadTree.PathPicked) -> None:
        self.picked.append(event.path)


def lines(tree: PayloadTree) -> list[str]:
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


def line_of(tree: PayloadTree, key: str) -> str:
    return next(line for line in lines(tree) if f" {key}" in line)


async def test_markup_and_control_characters_in_the_payload_show_literally():
    app = TreeApp(DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        assert line_of(tree, "markup").endswith('markup: "[bold red]x[/]"')
        assert line_of(tree, "escape").endswith(r'escape: "\u001b[31mred\u0007\u009b2J"')
        assert r'"bad\u001bkey": 1' in line_of(tree, '"bad')
        rendered = "".join(lines(tree))
        assert not any(ch in rendered for ch in "\x1b\x07\x9b")
        # No markup was applied: the value's segment is one plain run of its literal text.
        strip = next(s for y in range(30) if "markup" in (s := tree.render_line(y)).text)
        assert any(segment.text == '"[bold red]x[/]"' for segment in strip)


async def test_long_strings_are_cut_with_their_length():
    app = TreeApp(DOC)
    async with app.run_test(size=(300, 30)) as pilot:
        await pilot.pause()
        line = line_of(app.query_one(PayloadTree), "long")
        assert '"' + "y" * 200 + '…" (1,000 chars)' in line


async def test_children_are_built_when_a_node_is_expanded():
    app = TreeApp(DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        nested = next(n for n in tree.root.children if n.data.steps == ("nested",))
        assert nested.allow_expand and not nested.children
        nested.expand()
        await pilot.pause()
        assert [child.data.steps for child in nested.children] == [("nested", "inner")]
        empty = next(n for n in tree.root.children if n.data.steps == ("empty",))
        assert not empty.allow_expand
        assert "empty [0 items]" in line_of(tree, "empty")


async def test_long_arrays_come_a_page_at_a_time():
    app = TreeApp(DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        many = next(n for n in tree.root.children if n.data.steps == ("many",))
        many.expand()
        await pilot.pause()
        assert len(many.children) == PAGE_SIZE + 1
        more = many.children[-1]
        assert isinstance(more.data, MoreEntries) and more.data.remaining == 150
        tree.focus()
        tree.move_cursor(more)
        await pilot.press("enter")
        await pilot.pause()
        assert len(many.children) == 2 * PAGE_SIZE + 1
        assert tree.cursor_entry.steps == ("many", PAGE_SIZE)
        assert many.children[-1].data.remaining == 50
        assert "… 50 more" in str(tree.render_label(many.children[-1], Style(), Style()))


async def test_reveal_builds_only_the_page_of_the_node_and_enter_picks_the_path():
    app = TreeApp({"a-b": DOC})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        tree.focus()
        assert tree.reveal(("a-b", "many", 240))
        await pilot.pause()
        assert tree.cursor_entry.steps == ("a-b", "many", 240)
        many = tree.cursor_node.parent
        gaps = [
            (n.data.start, n.data.end) for n in many.children if isinstance(n.data, MoreEntries)
        ]
        assert gaps == [(100, 200)]  # the page in between is still a "… 100 more" node
        assert len(many.children) == PAGE_SIZE + 1 + 50
        await pilot.press("enter")
        assert app.picked == ['"a-b".many[240]']
        assert not tree.reveal(("a-b", "missing"))


async def test_selected_nodes_and_collapsed_nodes_holding_them_are_marked():
    app = TreeApp(DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        tree.mark_selected([("markup",), ("nested", "inner", "deep")])
        await pilot.pause()
        assert "◆ markup" in line_of(tree, "markup")
        assert "◇ nested" in line_of(tree, "nested")
        tree.mark_selected(None)
        await pilot.pause()
        assert "◆" not in "".join(lines(tree)) and "◇" not in "".join(lines(tree))


async def test_the_cursor_keeps_its_path_when_the_document_changes():
    app = TreeApp(DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        tree.reveal(("nested", "inner", "deep"))
        await pilot.pause()
        tree.show({"nested": {"inner": {"deep": False}}})
        await pilot.pause()
        assert tree.cursor_entry.steps == ("nested", "inner", "deep")
        assert tree.cursor_entry.value is False


ZALGO = "z" + "\u0301" * 200


async def test_zero_width_characters_and_stacked_marks_show_escaped():
    document = {"id": 1, "i\u200bd": 2, "\ufeffid": 3, "name": "a\u200db", "zalgo": ZALGO}
    app = TreeApp(document)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(PayloadTree)
        assert r'"i\u200bd": 2' in line_of(tree, '"i')
        assert r'"\ufeffid": 3' in line_of(tree, '"\\ufeff')
        assert line_of(tree, "name").endswith(r'name: "a\u200db"')
        zalgo = line_of(tree, "zalgo")
        assert zalgo.count("\u0301") == 3 and r"\u0301" in zalgo
        rendered = "".join(lines(tree))
        assert not any(ch in rendered for ch in "\u200b\u200d\ufeff")
