"""A demo customer's account on one integration: who they are and what they synced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from fieldmap.core.demo.candidates import Candidate, Opening, make_candidates, make_openings
from fieldmap.core.demo.org import Org, make_org
from fieldmap.core.demo.people import Person, Shares, make_people


@dataclass(frozen=True)
class Tenant:
    """`counts` gives the rows to make per model slug; `quirks` names tenant-specific ways of
    storing things that a generator understands (the reason for a connector override)."""

    companies: tuple[str, ...]
    domain: str
    counts: dict[str, int]
    sites: int = 4
    teams: int = 12
    first_number: int = 1000
    first_date: date = date(2012, 1, 9)
    shares: Shares = field(default_factory=Shares)
    quirks: frozenset[str] = field(default_factory=frozenset)

    def org(self, rng: Random) -> Org:
        return make_org(rng, self.companies, self.domain, self.sites, self.teams)

    def people(self, rng: Random, org: Org) -> list[Person]:
        """As many people as `counts["employee"]`, hired from `first_date` on."""
        return make_people(
            rng, self.counts["employee"], org, self.first_date, self.first_number, self.shares
        )

    def openings(self, rng: Random, org: Org) -> list[Opening]:
        return make_openings(rng, self.counts["job"], org, self.first_date, self.first_number)

    def candidates(self, rng: Random, org: Org, openings: list[Opening]) -> list[Candidate]:
        return make_candidates(
            rng, self.counts["candidate"], org, openings, self.first_date, self.first_number
        )
