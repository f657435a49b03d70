"""Demo employees as every HRIS would know them, before any vendor's shape.

Making 5,000 of them must take milliseconds, so the facts only some vendors show (shirt
size, guardian's mobile, emergency contact, notes) are not drawn one by one: each person
gets 64 random `traits` bits once, and those facts are read from them when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from fieldmap.core.demo.org import Org, Site, Team
from fieldmap.core.demo.toolkit import FIRST_NAMES, below, name, note, phone, pick

SHIRT_SIZES = ("XS", "S", "M", "M", "L", "L", "XL", "XXL")
GENDERS = ("Female", "Male", "Female", "Male", "Non-binary", "Not declared")
PRONOUNS = {"Female": "she/her", "Male": "he/him", "Non-binary": "they/them"}
RELATIONSHIPS = ("Spouse", "Partner", "Parent", "Sibling", "Friend", "Child")
LAST_HIRE = date(2025, 6, 30)
EARLIEST_BIRTH = date(1960, 1, 1)


@dataclass(frozen=True, slots=True)
class Shares:
    """How often optional facts are present or missing, per connector."""

    middle_name: float = 0.3
    preferred_name: float = 0.15
    mobile_missing: float = 0.15
    birth_missing: float = 0.05
    badge_missing: float = 0.2
    terminated: float = 0.08


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ is several times slower
class Person:
    number: int  # the employee number, increasing with the hire date
    first: str
    last: str
    email_local: str
    middle: str | None
    preferred: str | None
    gender: str
    birth: date | None
    hired: date
    left: date | None
    site: Site
    team: Team
    title: str
    manager: int | None  # the manager's `number`, None at the top
    work_phone: str
    mobile: str | None
    salary: int
    badge: str | None
    traits: int  # 64 random bits, read by the properties below

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def pronouns(self) -> str | None:
        return PRONOUNS.get(self.gender)

    def email(self, domain: str) -> str:
        return f"{self.email_local}@{domain}"

    @property
    def shirt(self) -> str:
        return SHIRT_SIZES[self.traits % 8]

    @property
    def emergency_relation(self) -> str:
        return RELATIONSHIPS[(self.traits >> 3) % len(RELATIONSHIPS)]

    @property
    def emergency_name(self) -> str:
        """A relative's name: often with the person's family name, like a spouse or parent."""
        first = FIRST_NAMES[(self.traits >> 6) % len(FIRST_NAMES)]
        return f"{first} {self.last}"

    @property
    def guardian_mobile(self) -> str:
        area, number = (self.traits >> 12) % 89 + 10, (self.traits >> 20) % 9_000_000 + 1_000_000
        return f"+{self.site.dial_code} {area} {number}"

    @property
    def note(self) -> str | None:
        return note(self.number, self.traits >> 44)


def make_people(
    rng: Random, count: int, org: Org, first_hire: date, first_number: int, shares: Shares
) -> list[Person]:
    """`count` people hired in order from `first_hire` to mid-2025, oldest first.

    The first person of each team manages it and reports to the head of the team above;
    everyone else reports to the head of their team.
    """
    span = (LAST_HIRE - first_hire).days
    heads: dict[str | None, int] = {}
    people = []
    draw = rng.random
    for index in range(count):
        number = first_number + index
        first, last, local = name(rng)
        team = org.teams[index] if index < len(org.teams) else pick(rng, org.teams)
        site = pick(rng, org.sites)
        hired = first_hire + timedelta(days=span * index // count)
        left = hired + timedelta(days=below(rng, 900, 90)) if draw() < shares.terminated else None
        manager = heads.get(team.code) or heads.get(team.parent) or heads.get(None)
        heads.setdefault(team.code, number)
        heads.setdefault(None, number)
        people.append(
            Person(
                number=number,
                first=first,
                last=last,
                email_local=local,
                middle=pick(rng, FIRST_NAMES) if draw() < shares.middle_name else None,
                preferred=first[:3] if draw() < shares.preferred_name and len(first) > 4 else None,
                gender=pick(rng, GENDERS),
                birth=(
                    None
                    if draw() < shares.birth_missing
                    else EARLIEST_BIRTH + timedelta(days=below(rng, 15_000))
                ),
                hired=hired,
                left=left if left is not None and left < LAST_HIRE else None,
                site=site,
                team=team,
                title=pick(rng, team.department.titles),
                manager=manager,
                work_phone=phone(rng, site.dial_code),
                mobile=None if draw() < shares.mobile_missing else phone(rng, site.dial_code),
                salary=below(rng, 220, 40) * 1000,
                badge=None if draw() < shares.badge_missing else f"B-{below(rng, 100_000):05d}",
                traits=rng.getrandbits(64),
            )
        )
    return people
