"""A regex that every match holds a literal text of is looked for in the row's JSON text
before the row is parsed: it may let through a row without a match, never hide one."""

from __future__ import annotations

import orjson
import pytest

from fieldmap.core.matching import Matcher, value_text
from fieldmap.core.models import RawDataSource
from fieldmap.core.row_sources import JsonTexts
from fieldmap.core.search import RowSource, search_rows

SOURCE = RowSource("workday", RawDataSource.CONNECTOR_SYNC, "tok", "Acme")

MATCHES = [
    # (a row, a regex matching one of its keys or values)
    ({"phone": "+33 6 00001234"}, r"/^\+33 6 0000\d{4}$/"),  # anchors: the value alone
    ({"badge": "b-01234"}, r"/^B-0\d{4}$/"),  # letters in either case
    ({"v": "\u212aelvin"}, r"/^kelvin$/"),  # the Kelvin sign is a k to IGNORECASE
    ({"v": "ſtreet"}, r"/street/"),  # the long s is an s
    ({"v": "İd-1"}, r"/id-1/"),  # the dotted capital I is an i
    ({"v": "ıd-1"}, r"/ID-1/"),  # and so is the dotless small i
    ({"v": 'say "hi" now'}, r'/y "hi" n/'),  # a quote is escaped in JSON: not looked for
    ({"v": "back\\slash"}, r"/k\\sl/"),
    ({"v": "line\nbreak"}, r"/e\nb/"),
    ({"v": "tab\there"}, r"/b\th/"),
    ({"v": "Zoë Müller"}, r"/zoË mü/"),  # beyond ASCII: the ASCII around it is looked for
    ({"Guardian Mobile": 1}, r"/^guardian mob/"),  # a key
    ({"n": 25999}, r"/^259\d9$/"),  # a number, by its JSON text
    ({"n": 1e16}, r"/^1e\+16$/"),
    ({"b": True}, r"/^TRUE$/"),
    ({"v": "abd"}, r"/abc|abd/"),  # alternatives sharing a start
    ({"v": "a b"}, r"/(?x) a \  b /"),  # verbose: the pattern's spaces are not text
    ({"v": "xyz"}, r"/x(?:y)z/"),  # a group breaks the run, the literals stay
]


@pytest.mark.parametrize(("row", "query"), MATCHES)
def test_a_row_holding_a_match_is_never_filtered_out(row, query):
    matcher = Matcher(query)
    assert matcher.may_match_text(orjson.dumps(row))
    assert matcher.may_match_row(row)
    texts = JsonTexts([orjson.dumps(row)])
    hits = search_rows(query, SOURCE, texts).hits
    assert [hit.rows_matching for hit in hits] == [1]
    assert hits == search_rows(query, SOURCE, [row]).hits


@pytest.mark.parametrize(
    ("row", "query"),
    [
        ({"phone": "+33 7 00001234"}, r"/^\+33 6 0000\d{4}$/"),
        ({"badge": "B-11234"}, r"/^B-0\d{4}$/"),
        ({"v": "Zoe Muller"}, r"/zoË mü/"),  # "zo" is held, "mü" is not… but "zo" is enough
        ({"v": "kelvin"}, r"/^kelvins$/"),
    ],
)
def test_what_the_text_cannot_hold_is_not_parsed(row, query):
    expected = query != r"/zoË mü/"
    assert Matcher(query).may_match_text(orjson.dumps(row)) is not expected


def test_a_regex_with_no_literal_text_or_run_with_a_timeout_is_not_prefiltered():
    # A risky pattern runs on the `regex` package, whose reading of a pattern is not `re`'s.
    for query in (r"/\d{3}/", r"/a|b/", r"/x*/", r"/(ab|aab)+c$/", r"/(\w)\1-x/"):
        assert Matcher(query).may_match_text(b'{"v":"-"}')


def test_rows_left_out_still_count_in_the_share_of_rows_with_the_path():
    rows = [{"phone": "+33 6 00001234"}, {"phone": "+44 7 1"}, {"other": 1}]
    texts = JsonTexts([orjson.dumps(row) for row in rows])
    (hit,) = search_rows(r"/^\+33 6/", SOURCE, texts).hits
    assert (hit.rows_matching, hit.rows_with_path, hit.rows) == (1, 2, 3)


@pytest.mark.parametrize("query", ["e", "E-7", "+16", "1e", "0.5", "-", "12"])
def test_numbers_are_left_unmatched_only_where_their_text_cannot_hold_the_search(query):
    # An `e` or a `+` is in a float's text only when it is written with an exponent.
    row = {"x": 1e-7, "y": 0.5, "z": 1e16, "w": 12, "v": 1e-5, "u": -0.0, "t": 2.5e300}
    matcher = Matcher(query)
    expected = sorted(key for key, value in row.items() if matcher.matches(value_text(value)))
    assert sorted(hit.path for hit in search_rows(query, SOURCE, [row]).hits) == expected
    assert expected  # every search here has a match to lose
