"""The JMESPath editor: live evaluation, errors with a caret, bounded rendering, completion."""

from __future__ import annotations

from textual.app import App, ComposeResult

from fieldmap.core import jmes
from fieldmap.tui.app import STYLESHEET
from fieldmap.tui.widgets.path_editor import DEBOUNCE_SECONDS, MAX_RENDERED_CHARS, PathEditor

from .driving import until

DOC = {
    "Personal_Data": {"Name_Data": {"First_Name": "Zoë"}},
    "Phones": [{"Type": "Mobile", "Number": "1"}, {"Type": "Work", "Number": "2"}],
    "Markup": "[bold red]x[/]\x1b[2J",
}


class EditorApp(App[None]):
    CSS_PATH = STYLESHEET

    def __init__(self, document: object) -> None:
        super().__init__()
        self.document = document
        self.evaluated: list[str] = []

    def compose(self) -> ComposeResult:
        yield PathEditor()

    def on_mount(self) -> None:
        editor = self.query_one(PathEditor)
        editor.source = "inline"
        editor.load(self.document)
        editor.path_input.focus()

    def on_path_editor_evaluated(self, event: PathEditor.Evaluated) -> None:
        self.evaluated.append(event.evaluation.expression)


async def settled(pilot) -> PathEditor:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one(PathEditor)


async def test_the_expression_is_evaluated_as_the_user_types():
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        await settled(pilot)
        await pilot.press(*"Phones[*].Number")
        await pilot.pause(DEBOUNCE_SECONDS * 3)  # let the debounce timer fire
        editor = await settled(pilot)
        assert editor.evaluation.value == ["1", "2"]
        assert editor.result_view.text == '[\n  "1",\n  "2"\n]'
        assert str(editor.status.render()) == "✓ array · inline"
        assert app.evaluated[-1] == "Phones[*].Number"


async def test_keys_wait_for_the_debounce_after_an_expensive_evaluation(monkeypatch):
    from fieldmap.tui.widgets import path_editor

    monkeypatch.setattr(path_editor, "CHEAP_EVALUATION_SECONDS", 0.0)  # none is cheap
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        await settled(pilot)
        await pilot.press(*"Phones[*].Number")
        await pilot.pause(DEBOUNCE_SECONDS * 3)  # let the debounce timer fire
        editor = await settled(pilot)
        assert editor.evaluation.value == ["1", "2"]
        # Typing faster than the debounce evaluates once, with the last expression.
        assert app.evaluated[-1] == "Phones[*].Number"
        assert "Phones[*].Numbe" not in app.evaluated


async def test_keys_are_evaluated_at_once_after_a_cheap_evaluation(monkeypatch):
    from fieldmap.tui.widgets import path_editor

    monkeypatch.setattr(path_editor, "DEBOUNCE_SECONDS", 3600.0)  # a debounce never fires
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        editor = await settled(pilot)
        editor.set_expression("Phones")  # evaluated (cheaply) at once
        await settled(pilot)
        await pilot.press("end", *"[*].Number")
        await until(pilot, lambda: editor.evaluation.value == ["1", "2"])
        assert app.evaluated[-1] == "Phones[*].Number"


async def test_a_syntax_error_shows_the_message_and_a_caret_under_its_column():
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        await settled(pilot)
        await pilot.press(*"Phones[?Type=='Mobile'.Number", "enter")
        editor = await settled(pilot)
        outcome = editor.evaluation.outcome
        assert isinstance(outcome, jmes.PathError) and outcome.column is not None
        assert str(editor.status.render()).startswith(
            f"✗ syntax error at column {outcome.column + 1}"
        )
        assert str(editor.caret.render()) == "─" * outcome.column + "^"
        assert editor.caret.display and editor.has_class("-error")
        # The caret sits under the column of the input (both have the same left padding).
        caret_x = editor.caret.content_region.x + outcome.column
        assert caret_x == editor.path_input.content_region.x + outcome.column
        await pilot.press("ctrl+u", *"Phones[0].Type", "enter")
        editor = await settled(pilot)
        assert not editor.caret.display and not editor.has_class("-error")
        assert editor.evaluation.value == "Mobile"


async def test_the_caret_follows_a_long_expression_scrolled_in_the_input():
    app = EditorApp(DOC)
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        expression = "Personal_Data.Name_Data.First_Name || Phones[?Type=='Mobile'.Number"
        await pilot.press(*expression, "enter")
        editor = await settled(pilot)
        outcome = editor.evaluation.outcome
        assert isinstance(outcome, jmes.PathError) and outcome.column is not None
        text_input = editor.path_input
        assert text_input.scroll_x > 0  # the input scrolled to show the end
        line = str(editor.caret.render())
        assert line.endswith("^")
        # The caret's cell is the error column's cell on screen, scrolling and padding included.
        caret_x = editor.caret.content_region.x + len(line) - 1
        assert caret_x == text_input.content_region.x + outcome.column - text_input.scroll_x
        await pilot.press("home")  # the input scrolls back: the caret follows
        editor = await settled(pilot)
        assert text_input.scroll_x == 0
        assert str(editor.caret.render()).endswith(f"column {outcome.column + 1} ▸")


async def test_a_runtime_error_is_a_message_not_a_crash():
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        await pilot.press(*"length(`1`)", "enter")
        editor = await settled(pilot)
        assert str(editor.status.render()).startswith("✗ runtime error: ")


async def test_values_render_literally_and_huge_values_are_cut():
    app = EditorApp({"Markup": DOC["Markup"], "Big": ["x" * 100] * 5000})
    async with app.run_test() as pilot:
        await pilot.press(*"Markup", "enter")
        editor = await settled(pilot)
        assert editor.result_view.text == r'"[bold red]x[/]\u001b[2J"'
        editor.set_expression("Big")
        editor = await settled(pilot)
        assert len(editor.result_view.text) <= MAX_RENDERED_CHARS
        assert f"showing the first {MAX_RENDERED_CHARS:,} characters" in str(editor.status.render())


async def test_keys_of_the_document_are_offered_at_the_cursor():
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        await pilot.press(*"Personal_Data.Na")
        await settled(pilot)
        await pilot.press("right")  # accepts the suggestion
        editor = await settled(pilot)
        assert editor.expression == "Personal_Data.Name_Data"


async def test_without_a_document_the_editor_says_so():
    app = EditorApp(DOC)
    async with app.run_test() as pilot:
        editor = await settled(pilot)
        editor.unload()
        editor = await settled(pilot)
        assert str(editor.status.render()).startswith("No payload")
