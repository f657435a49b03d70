"""The small generators every integration shares: draws, names, phone numbers, ids, notes.

Randomness only ever comes from the caller's seeded `random.Random` (or bits drawn from it),
so a connector's rows are the same on every run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from random import Random
from typing import TypeVar

T = TypeVar("T")


# `Random.choice` and `randrange` cost several times a bare `random()`; with tens of
# thousands of draws per connector, these two plain versions keep generation fast.
def pick(rng: Random, options: Sequence[T]) -> T:
    """One of `options`, uniformly."""
    return options[int(rng.random() * len(options))]


def below(rng: Random, stop: int, start: int = 0) -> int:
    """An integer in [start, stop)."""
    return start + int(rng.random() * (stop - start))


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# fmt: off
FIRST_NAMES = (
    "José", "Zoë", "Ólafur", "Søren", "Łukasz", "Chloé", "Björn", "Anaïs", "François",
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Mateo", "Priya", "Arjun", "Fatima", "Omar",
    "Ingrid", "Sigrún", "Dmitri", "Aylin", "Kwame", "Adaeze", "Mei", "Hiroshi", "Lucía",
    "Nguyễn", "Thandiwe", "Grace", "Jack", "Sofia", "Leon", "Mia", "Finn", "Hannah",
    "Jürgen", "Renée", "Ciarán", "Siobhán", "Đorđe", "Ülkü", "Mónica", "Zoltán", "Amélie",
)
LAST_NAMES = (
    "Müller", "Ødegaard", "García", "O'Brien", "Nakamura", "Kowalski", "Smith", "Dubois",
    "Jónsdóttir", "Nguyen", "Okafor", "Patel", "Schmidt", "Rossi", "Johansson", "Fernández",
    "Yılmaz", "Novák", "Haddad", "Mensah", "Kim", "Brown", "Wilson", "Taylor", "Lefèvre",
    "Van der Berg", "Papadopoulos", "Ó Súilleabháin", "Weiß", "Żółkiewski", "da Silva",
    "Andersen", "Murphy", "Kaur", "Hernández", "Zhang", "Ivanova", "MacDonald", "Sánchez",
)
# Names in scripts with no obvious Latin spelling come whole, with their e-mail local part.
PAIRED_NAMES = (
    ("雷", "李", "li.lei"), ("梅梅", "韩", "han.meimei"), ("太郎", "山田", "taro.yamada"),
    ("지민", "박", "jimin.park"), ("Σοφία", "Παπαδοπούλου", "sofia.papadopoulou"),
    ("Алексей", "Смирнов", "aleksei.smirnov"), ("محمد", "الحسن", "mohammed.alhassan"),
)
PAIRED_SHARE = 0.06

_FOLD = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "đ": "d", "Đ": "D", "ı": "i", "'": "", " ": "",
})
# fmt: on


def ascii_fold(text: str) -> str:
    """`text` lower-cased and reduced to ASCII letters: "Ólafur" -> "olafur"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode().lower()


_FOLDED = {name: ascii_fold(name) for name in FIRST_NAMES + LAST_NAMES}


def name(rng: Random) -> tuple[str, str, str]:
    """(given name, family name, ASCII e-mail local part)."""
    if rng.random() < PAIRED_SHARE:
        return pick(rng, PAIRED_NAMES)
    first, last = pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES)
    return first, last, f"{_FOLDED[first]}.{_FOLDED[last]}"


def phone(rng: Random, dial_code: str) -> str:
    """An international number in the loose format people type into HR systems."""
    if dial_code == "1":
        return f"+1 ({below(rng, 989, 201)}) 555-{below(rng, 10000, 100):04d}"
    return f"+{dial_code} {below(rng, 99, 10)} {below(rng, 10_000_000, 1_000_000)}"


def hex_id(rng: Random, digits: int = 32) -> str:
    """A lowercase hex identifier, like a Workday WID."""
    return f"{rng.getrandbits(digits * 4):0{digits}x}"


def uuid_like(rng: Random) -> str:
    """A random (version 4 layout) UUID string, as Lever and Ashby use for ids."""
    text = hex_id(rng)
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"


# Notes are where people paste anything: markup-looking text, terminal escapes, tabs and
# whole documents. A viewer must show them literally.
SHORT_NOTES = (
    "Prefers async standups.",
    "Relocation package approved; see ticket HR-2231.",
    "[bold red]VIP[/] — executive assistant to the CEO",
    "Badge reissued after loss. [link=https://example.com]details[/link]",
    "Imported from legacy HRIS: \u001b[31mred flag\u001b[0m cleared",
    "Part-time until Q3\tthen full-time",
    "Speaks 🇩🇪 🇫🇷 🇯🇵; happy to mentor.",
    "Nickname \"Jojo\"; say 'hi' on Slack",
    "Line one\nline two\r\nline three",
)
LONG_NOTE_EVERY = 97
_LONG_NOTE_SENTENCE = (
    "Performance review summary: consistently exceeds expectations in cross-team delivery, "
    "mentoring and incident response; development areas include delegation and written "
    "planning. "
)


def long_note(number: int) -> str:
    """A note of a little more than 2,000 characters, distinct per number."""
    return f"Review #{number}. " + _LONG_NOTE_SENTENCE * 12


def note(number: int, bits: int) -> str | None:
    """Mostly nothing; a short note for about a quarter of the `bits`; a long one for every
    LONG_NOTE_EVERY-th `number`."""
    if number % LONG_NOTE_EVERY == 0:
        return long_note(number)
    if bits % 4 == 0:
        return SHORT_NOTES[bits // 4 % len(SHORT_NOTES)]
    return None
