"""JSON renderings for the screen: safe, and cut without encoding what does not show."""

import json

from fieldmap.tui.literal import cut, json_literal, json_preview, pretty_json


def test_a_preview_is_the_literal_when_it_fits():
    value = {"a": [1, "x"]}
    assert json_preview(value, 40) == json_literal(value) == '{"a": [1, "x"]}'


def test_a_preview_of_a_huge_value_is_its_start_cut():
    huge = {"rows": [{"n": n, "text": "y" * 50} for n in range(100_000)]}
    preview = json_preview(huge, 20)
    assert preview == cut(json.dumps(huge), 20) and len(preview) == 20


def test_control_characters_show_escaped_in_every_rendering():
    value = "\x1b[31mred\x1b[0m"
    assert "\x1b" not in json_preview(value, 80) + json_literal(value) + pretty_json(value, 80)[0]
    assert json_preview(value, 80).startswith('"\\u001b[31m')


def test_every_format_character_shows_escaped():
    import sys
    import unicodedata

    from fieldmap.tui.literal import escape_controls

    formats = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert {"\u200b", "\u200d", "\ufeff", "\u202e", "\U000e0041"} <= set(formats)
    shown = escape_controls("".join(formats))
    assert shown.isascii()
    assert json.loads(f'"{shown}"') == "".join(formats)  # the escapes name the same text


def test_a_stack_of_combining_marks_is_capped_and_ordinary_accents_are_kept():
    from fieldmap.tui.literal import MAX_STACKED_MARKS, escape_controls

    assert escape_controls("Cafe\u0301 Vie\u0323\u0302t 日本語テキスト") == (
        "Cafe\u0301 Vie\u0323\u0302t 日本語テキスト"
    )
    shown = escape_controls("z" + "\u0301" * 200 + "!")
    assert shown == "z" + "\u0301" * MAX_STACKED_MARKS + "\\u0301" * 197 + "!"
