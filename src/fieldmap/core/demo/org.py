"""Demo organizations: the sites, departments and teams their people and openings belong to."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from fieldmap.core.demo.toolkit import pick


@dataclass(frozen=True, slots=True)
class Site:
    code: str
    name: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str  # ISO 3166-1 alpha-2
    time_zone: str
    dial_code: str
    currency: str


# fmt: off
SITES = (
    Site("LOC-SF", "San Francisco HQ", "415 Mission Street", "San Francisco", "CA", "94105",
         "US", "America/Los_Angeles", "1", "USD"),
    Site("LOC-NYC", "New York", "200 Park Avenue South", "New York", "NY", "10003", "US",
         "America/New_York", "1", "USD"),
    Site("LOC-AUS", "Austin", "1200 Barton Springs Rd", "Austin", "TX", "78704", "US",
         "America/Chicago", "1", "USD"),
    Site("LOC-TOR", "Toronto", "100 King St W", "Toronto", "ON", "M5X 1A9", "CA",
         "America/Toronto", "1", "CAD"),
    Site("LOC-MUC", "München", "Leopoldstraße 28", "München", "BY", "80802", "DE",
         "Europe/Berlin", "49", "EUR"),
    Site("LOC-BER", "Berlin", "Friedrichstraße 68", "Berlin", "BE", "10117", "DE",
         "Europe/Berlin", "49", "EUR"),
    Site("LOC-ZRH", "Zürich", "Bahnhofstrasse 3", "Zürich", "ZH", "8001", "CH",
         "Europe/Zurich", "41", "CHF"),
    Site("LOC-REK", "Reykjavík", "Laugavegur 77", "Reykjavík", "", "101", "IS",
         "Atlantic/Reykjavik", "354", "ISK"),
    Site("LOC-KRK", "Kraków", "ul. Floriańska 15", "Kraków", "MA", "31-019", "PL",
         "Europe/Warsaw", "48", "PLN"),
    Site("LOC-SAO", "São Paulo", "Av. Paulista 1578", "São Paulo", "SP", "01310-200", "BR",
         "America/Sao_Paulo", "55", "BRL"),
    Site("LOC-TYO", "東京", "丸の内 2-7-2", "Tokyo", "13", "100-7090", "JP", "Asia/Tokyo",
         "81", "JPY"),
    Site("LOC-SYD", "Sydney", "1 Martin Place", "Sydney", "NSW", "2000", "AU",
         "Australia/Sydney", "61", "AUD"),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    cost_center: str
    titles: tuple[str, ...]


# fmt: off
DEPARTMENTS = (
    Department("Engineering", "CC-4100", (
        "Software Engineer", "Senior Software Engineer", "Staff Software Engineer",
        "Engineering Manager", "Site Reliability Engineer", "QA Engineer")),
    Department("Product", "CC-4200", ("Product Manager", "Product Designer", "UX Researcher")),
    Department("Sales", "CC-5100", (
        "Account Executive", "Sales Development Representative", "Sales Engineer",
        "Regional Sales Director")),
    Department("Customer Success", "CC-5200", (
        "Customer Success Manager", "Support Specialist", "Implementation Consultant")),
    Department("Finance", "CC-2100", (
        "Accountant", "Senior Accountant", "Financial Analyst", "Payroll Specialist")),
    Department("People", "CC-2200", (
        "HR Business Partner", "Recruiter", "People Operations Specialist")),
    Department("Operations", "CC-3100", (
        "Office Manager", "Facilities Coordinator", "Logistics Analyst", "Warehouse Associate")),
    Department("Research & Development", "CC-4300", (
        "Research Scientist", "Lab Technician", "Data Scientist")),
)

TEAM_NAMES = (
    "Platform", "Payments", "Growth", "Identity", "Mobile", "Data", "Search", "Billing",
    "Onboarding", "EMEA", "APAC", "Enterprise", "Tooling", "Security", "Integrations",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Team:
    code: str
    name: str
    department: Department
    parent: str | None  # the code of the team above, None at the top


@dataclass(frozen=True, slots=True)
class Org:
    """One customer: its legal entities, mail domain, and the sites and teams of its people."""

    companies: tuple[str, ...]
    domain: str
    sites: tuple[Site, ...]
    teams: tuple[Team, ...]


def make_org(rng: Random, companies: tuple[str, ...], domain: str, sites: int, teams: int) -> Org:
    """An organization with `sites` sites and `teams` teams: one top-level team per
    department first, then sub-teams under them."""
    chosen_sites = tuple(rng.sample(SITES, sites))
    made: list[Team] = []
    for index in range(teams):
        department = DEPARTMENTS[index % len(DEPARTMENTS)]
        if index < len(DEPARTMENTS):
            made.append(Team(f"SUP-{100 + index}", department.name, department, None))
        else:
            name = f"{department.name} — {pick(rng, TEAM_NAMES)}"
            parent = made[index % len(DEPARTMENTS)].code
            made.append(Team(f"SUP-{100 + index}", name, department, parent))
    return Org(companies, domain, chosen_sites, tuple(made))
