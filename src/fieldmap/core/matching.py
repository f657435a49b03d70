"""What a search text matches: plain text (case-insensitive), or `/regex/`.

Python's `re` has no timeout, and `(a|aa)+$` takes exponential time on a few dozen
characters; regular expressions run on the `regex` package instead, whose matching stops
after `REGEX_SECONDS_PER_MATCH`. Each key or value is matched on its first
`MAX_MATCHED_CHARACTERS` only, and past `MAX_REGEX_TIMEOUTS` timeouts a search is refused
as too slow, so that the total work stays bounded whatever the pattern.
"""

from __future__ import annotations

from typing import Any

import orjson
import regex

from fieldmap.core.errors import RuleViolation, Violation

MAX_QUERY_LENGTH = 1_024
MAX_MATCHED_CHARACTERS = 1_000
REGEX_SECONDS_PER_MATCH = 0.01
MAX_REGEX_TIMEOUTS = 20
# Characters JSON text writes escaped: a needle holding one cannot be looked for in it.
_ESCAPED_IN_JSON = frozenset('"\\') | frozenset(chr(c) for c in range(0x20))
# The only characters beyond ASCII whose lower case holds ASCII letters (İ, and the Kelvin
# sign K), as UTF-8: a row holding neither can be lowered as bytes for an ASCII needle.
_LOWERED_TO_ASCII = ("İ".encode(), "\u212a".encode())


class Matcher:
    """Tells whether a key or a scalar value matches the search text."""

    def __init__(self, query: str) -> None:
        if not query or len(query) > MAX_QUERY_LENGTH:
            raise _refused(f"give a search text of 1 to {MAX_QUERY_LENGTH:,} characters")
        self.query = query
        self.is_regex = len(query) > 2 and query.startswith("/") and query.endswith("/")
        self.timeouts = 0
        if self.is_regex:
            try:
                self._pattern = regex.compile(query[1:-1], regex.IGNORECASE | regex.V0)
            except (regex.error, OverflowError, RecursionError) as error:
                raise _refused(f"not a regular expression: {error}") from None
            self._needle = ""
        else:
            self._needle = query.lower()
        self._prefilter = not self.is_regex and _ESCAPED_IN_JSON.isdisjoint(self._needle)
        self._ascii_needle = self._needle.encode() if self._needle.isascii() else None

    def matches(self, text: str) -> bool:
        if not self.is_regex:
            return self._needle in text.lower()
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
        needle = self._ascii_needle
        if needle is not None and not any(c in data for c in _LOWERED_TO_ASCII):
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
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return repr(value)


def _refused(message: str) -> RuleViolation:
    return RuleViolation(Violation(("query",), message))
