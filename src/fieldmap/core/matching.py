r"""What a search text matches: plain text (case-insensitive), or `/regex/`.

Python's `re` has no timeout, and `(a|aa)+$` takes exponential time on a few dozen
characters. A pattern runs on `re` only when its shape cannot backtrack more than
quadratically: no repetition or alternation inside a repetition, no back-reference, and one
wide repetition (more than 10) at most. Any other runs on the `regex` package, whose
matching stops after `REGEX_SECONDS_PER_MATCH` (a timeout costs about 3 µs a call, which is
why `re` is used where it is safe); past `MAX_REGEX_TIMEOUTS` timeouts a search is refused
as too slow. Each key or value is matched on its first `MAX_MATCHED_CHARACTERS` only,
which bounds a quadratic pattern's work on one value, and a search stops at its deadline.

A row's JSON text is looked at before the row is parsed: for plain text, whether it holds
the text; for a regex run on `re`, whether it holds the longest literal run every match
holds (`+33 6 0000` of `^\+33 6 0000\d{4}$`).
"""

from __future__ import annotations

import re
from re import _parser as re_parser  # the parse tree tells a pattern's shape
from typing import Any

import orjson

from fieldmap.core.errors import RuleViolation, Violation

MAX_QUERY_LENGTH = 1_024
MAX_MATCHED_CHARACTERS = 1_000
REGEX_SECONDS_PER_MATCH = 0.01
MAX_REGEX_TIMEOUTS = 20
WIDE_REPETITION = 10
# Characters JSON text writes escaped: a needle holding one cannot be looked for in it.
_ESCAPED_IN_JSON = frozenset('"\\') | frozenset(chr(c) for c in range(0x20))
# The only characters beyond ASCII whose lower case holds ASCII letters (İ, and the Kelvin
# sign K), as UTF-8: a row holding neither can be lowered as bytes for an ASCII needle.
_LOWERED_TO_ASCII = ("İ".encode(), "\u212a".encode())
# The only characters beyond ASCII that `re`'s IGNORECASE matches to ASCII letters (İ and ı
# to i, ſ to s, the Kelvin sign to k), as UTF-8: see `_required_text`.
_FOLDED_TO_ASCII = tuple(c.encode() for c in ("İ", "ı", "ſ", "\u212a"))


class Matcher:
    """Tells whether a key or a scalar value matches the search text."""

    def __init__(self, query: str) -> None:
        if not query or len(query) > MAX_QUERY_LENGTH:
            raise _refused(f"give a search text of 1 to {MAX_QUERY_LENGTH:,} characters")
        self.query = query
        self.is_regex = len(query) > 2 and query.startswith("/") and query.endswith("/")
        self.timeouts = 0
        if self.is_regex:
            import regex  # here: its import costs a start that searches nothing

            try:
                self._pattern = regex.compile(query[1:-1], regex.IGNORECASE | regex.V0)
            except (regex.error, OverflowError, RecursionError) as error:
                raise _refused(f"not a regular expression: {error}") from None
            self._fast = _compiled_if_safe(query[1:-1])
            self._needle = ""
        else:
            self._needle = query.lower()
            self._fast = None
        # What plain text cannot find in a number or a boolean is not looked for there.
        self.may_match_numbers = self.is_regex or set(self._needle) <= set("0123456789.-+e")
        self.may_match_integers = self.is_regex or set(self._needle) <= set("0123456789-")
        # An `e` or a `+` is only in a float written with an exponent.
        self.may_match_exponents_only = not self.is_regex and not set(self._needle).isdisjoint("e+")
        self.may_match_booleans = self.is_regex or self._needle in "true" or self._needle in "false"
        self._prefilter = not self.is_regex and _ESCAPED_IN_JSON.isdisjoint(self._needle)
        # A regex that `re` runs is prefiltered by the text every match holds, if any.
        self._regex_text = (
            _required_text(query[1:-1]) if self.is_regex and self._fast is not None else None
        )
        self._prefilter = self._prefilter or self._regex_text is not None
        self._ascii_needle = self._needle.encode() if self._needle.isascii() else None

    @property
    def runs_with_timeout(self) -> bool:
        """A regex whose shape could backtrack without bound: run on `regex`, timed."""
        return self.is_regex and self._fast is None

    def matches(self, text: str) -> bool:
        if not self.is_regex:
            return self._needle in text.lower()
        if self._fast is not None:
            return self._fast.search(text[:MAX_MATCHED_CHARACTERS]) is not None
        try:
            return (
                self._pattern.search(text[:MAX_MATCHED_CHARACTERS], timeout=REGEX_SECONDS_PER_MATCH)
                is not None
            )
        except TimeoutError:
            self.timeouts += 1
            if self.timeouts > MAX_REGEX_TIMEOUTS:
                raise _refused(
                    f"the regular expression took over {REGEX_SECONDS_PER_MATCH * 1000:g} ms "
                    f"on {MAX_REGEX_TIMEOUTS} values: it is too slow to search with"
                ) from None
            return False

    def may_match_row(self, row: Any) -> bool:
        """False only when `row` certainly holds no match: plain text looked for in the
        row's JSON text (keys and values at once), which is far cheaper than a walk."""
        if not self._prefilter:
            return True
        try:
            data = orjson.dumps(row)
        except orjson.JSONEncodeError:  # past what orjson writes: walk it
            return True
        return self.may_match_text(data)

    def may_match_text(self, data: bytes) -> bool:
        """`may_match_row` on a row's JSON text. A text with escapes (a row stored as it was
        imported may write `\u0041` for `A`) is walked: its characters are not all there."""
        if not self._prefilter or b"\\" in data:
            return True
        if self._regex_text is not None:
            required, has_letters = self._regex_text
            if not has_letters:
                return required in data
            if not data.isascii():  # four `in` tests, not a generator: this runs per row
                dotted, dotless, long_s, kelvin = _FOLDED_TO_ASCII
                if dotted in data or dotless in data or long_s in data or kelvin in data:
                    return True
            return required in data.lower()
        needle = self._ascii_needle
        dotted_i, kelvin = _LOWERED_TO_ASCII
        if needle is not None and dotted_i not in data and kelvin not in data:
            return needle in data.lower()
        return self._needle in data.decode().lower()


def value_text(value: Any) -> str | None:
    """A scalar's text as searched, None for null: numbers as JSON writes them, so that a
    match in the row's JSON text is a match of the value."""
    if isinstance(value, str):
        return value
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # past Python's 4,300 digits
            return None
    text = repr(value)  # as orjson writes it, but for exponents (1e-07 is 1e-7 there)
    if "e" not in text and "n" not in text:  # nan and inf are no JSON: orjson writes null
        return text
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return text


def _compiled_if_safe(pattern: str) -> re.Pattern[str] | None:
    """`pattern` compiled by `re` when its shape is safe (see the module's docstring)."""
    try:
        tree = re_parser.parse(pattern)
        compiled = re.compile(pattern, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    wide: list[int] = []
    if _safe(list(tree), inside_repetition=False, wide=wide) and len(wide) <= 1:
        return compiled
    return None


def _required_text(pattern: str) -> tuple[bytes, bool] | None:
    """The longest run of literal characters at the top level of `pattern` (which every
    match holds), lowered, as UTF-8, and whether it has letters; None when there is none.

    Only printable ASCII is kept in a run, and none of the characters JSON escapes, so that
    a key or value holding the run holds it as it is in the row's JSON text, and the run's
    letters match the text's in either case (besides the `_FOLDED_TO_ASCII` characters,
    which the caller looks for first)."""
    try:
        tree = re_parser.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    best, run = "", ""
    for op, argument in list(tree) + [(None, None)]:
        character = chr(argument) if str(op) == "LITERAL" else None
        if character is not None and " " <= character <= "~" and character not in '"\\':
            run += character
            continue
        best, run = max(best, run, key=len), ""
    if not best:
        return None
    return best.lower().encode(), any(c.isalpha() for c in best)


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _safe(items: list, inside_repetition: bool, wide: list[int]) -> bool:
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            _, high, inner = argument
            if inside_repetition:
                return False
            if high > WIDE_REPETITION:
                wide.append(high)
            if not _safe(list(inner), True, wide):
                return False
        elif name == "BRANCH":
            if inside_repetition:
                return False
            if not all(_safe(list(alternative), False, wide) for alternative in argument[1]):
                return False
        elif name == "SUBPATTERN":
            if not _safe(list(argument[3]), inside_repetition, wide):
                return False
        elif name in ("ASSERT", "ASSERT_NOT"):
            if not _safe(list(argument[1]), inside_repetition, wide):
                return False
        elif name in ("GROUPREF", "GROUPREF_EXISTS", "ATOMIC_GROUP", "GROUPREF_IGNORE"):
            return False
    return True


def _refused(message: str) -> RuleViolation:
    return RuleViolation(Violation(("query",), message))
