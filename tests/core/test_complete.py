"""Completion offers the keys the document has where the cursor is, and function names."""

from __future__ import annotations

import pytest

from fieldmap.core.complete import complete

DOC = {
    "Personal_Data": {"Name_Data": {"First_Name": "Logan"}, "Nickname": "Lo"},
    "Phones": [{"Type": "Mobile", "Number": "1"}, {"Type": "Work", "Extension": "2"}],
    "first-name": "Logan",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pers", "Personal_Data"),
        ("Personal_Data.Na", "Personal_Data.Name_Data"),
        ("Personal_Data.Ni", "Personal_Data.Nickname"),
        ("Personal_Data.Name_Data.", "Personal_Data.Name_Data.First_Name"),
        ("Phones[*].Ex", "Phones[*].Extension"),
        ("Phones[?Ty", "Phones[?Type"),
        ("len", "length("),
        ("length(Ph", "length(Phones"),
        ("Phones | len", "Phones | length("),
    ],
)
def test_completion(text, expected):
    assert complete(text, DOC) == expected


def test_a_key_that_needs_quotes_is_offered_quoted_after_a_dot():
    assert complete("@.", {"first-name": 1}) == '@."first-name"'


@pytest.mark.parametrize("text", ["", "Personal_Data.Zz", "Personal_Data", "Phones[0", "x.y."])
def test_no_completion(text):
    assert complete(text, DOC) is None
