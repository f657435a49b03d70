"""Demo job openings, candidates and their applications, before any ATS vendor's shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from fieldmap.core.demo.org import Department, Org, Site
from fieldmap.core.demo.toolkit import below, name, note, phone, pick

# fmt: off
EMPLOYERS = ("Globex", "Initech", "Hooli", "Stark Industries", "Wayne Enterprises", "Umbrella",
             "Soylent", "Massive Dynamic", "Cyberdyne", "Wonka Industries", "Aperture Science")
SOURCES = ("Employee referral", "LinkedIn", "Company website", "Indeed", "Agency: Hays",
           "Meetup", "GitHub", "Employee referral", "LinkedIn")
REFERRAL = "Employee referral"
TAGS = ("Python", "Go", "Kubernetes", "Remote", "Relocation", "Silver medalist",
        "[bold red]VIP[/]", "Boomerang", "Needs visa", "Fast track")
STAGES = ("Application Review", "Recruiter Screen", "Technical Interview", "Onsite",
          "Reference Check", "Offer")
REJECTION_REASONS = ("Lacking skill(s)/qualification(s)", "Hired another candidate",
                     "Candidate withdrew", "Compensation expectations")
WORKPLACES = ("on-site", "hybrid", "remote")
PERSONAL_DOMAINS = ("example.com", "mail.example", "posteo.example", "proton.example")
# fmt: on


@dataclass(frozen=True, slots=True)
class Opening:
    number: int
    code: str  # the requisition code, e.g. "ENG-104"
    title: str
    department: Department
    site: Site
    opened: date
    closed: date | None
    hiring_manager: str
    recruiter: str
    salary_min: int
    workplace: str

    @property
    def salary_max(self) -> int:
        return self.salary_min * 13 // 10

    @property
    def status(self) -> str:
        return "closed" if self.closed else "open"


@dataclass(frozen=True, slots=True)
class Application:
    number: int
    opening: Opening
    applied: date
    stage: str
    status: str  # active, rejected or hired
    rejection_reason: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    number: int
    first: str
    last: str
    email: str
    phone: str | None
    site: Site
    employer: str
    title: str
    linkedin: str  # the profile URL
    github: str | None
    desired_salary: int
    source: str
    referrer: str | None
    tags: tuple[str, ...]
    created: date
    note: str | None
    applications: tuple[Application, ...]  # oldest first, never empty

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


def _person_name(rng: Random) -> str:
    first, last, _ = name(rng)
    return f"{first} {last}"


def make_openings(
    rng: Random, count: int, org: Org, first_opened: date, first_number: int
) -> list[Opening]:
    """`count` openings opened over about two years from `first_opened`, oldest first."""
    recruiters = [_person_name(rng) for _ in range(3)]
    openings = []
    for index in range(count):
        team = pick(rng, org.teams)
        opened = first_opened + timedelta(days=index * 700 // count)
        openings.append(
            Opening(
                number=first_number * 100 + index,
                code=f"{team.department.name[:3].upper()}-{100 + index}",
                title=pick(rng, team.department.titles),
                department=team.department,
                site=pick(rng, org.sites),
                opened=opened,
                closed=opened + timedelta(days=below(rng, 120, 20)) if rng.random() < 0.3 else None,
                hiring_manager=_person_name(rng),
                recruiter=pick(rng, recruiters),
                salary_min=below(rng, 160, 50) * 1000,
                workplace=pick(rng, WORKPLACES),
            )
        )
    return openings


def make_candidates(
    rng: Random,
    count: int,
    org: Org,
    openings: list[Opening],
    first_created: date,
    first_number: int,
) -> list[Candidate]:
    """`count` candidates created over about two years, oldest first, each with one to three
    applications to openings that were open by then."""
    candidates = []
    application_number = first_number * 1000
    for index in range(count):
        first, last, local = name(rng)
        site = pick(rng, org.sites)
        created = first_created + timedelta(days=30 + index * 700 // count)
        open_by_then = [o for o in openings if o.opened <= created] or openings[:1]
        applications = []
        for step in range(1 + (index % 5 == 0) + (index % 17 == 0)):
            status = pick(rng, ("active", "active", "rejected", "rejected", "hired"))
            applications.append(
                Application(
                    number=application_number,
                    opening=pick(rng, open_by_then),
                    applied=created + timedelta(days=step * 45),
                    stage=pick(rng, STAGES),
                    status=status,
                    rejection_reason=pick(rng, REJECTION_REASONS) if status == "rejected" else None,
                )
            )
            application_number += 1
        source = pick(rng, SOURCES)
        slug = f"{local.replace('.', '-')}-{index % 1000}"
        candidates.append(
            Candidate(
                number=first_number * 10 + index,
                first=first,
                last=last,
                email=f"{local}@{pick(rng, PERSONAL_DOMAINS)}",
                phone=phone(rng, site.dial_code) if rng.random() < 0.8 else None,
                site=site,
                employer=pick(rng, EMPLOYERS),
                title=pick(rng, applications[0].opening.department.titles),
                linkedin=f"https://www.linkedin.com/in/{slug}",
                github=f"https://github.com/{slug}" if rng.random() < 0.3 else None,
                desired_salary=applications[0].opening.salary_min + below(rng, 40) * 1000,
                source=source,
                referrer=_person_name(rng) if source == REFERRAL else None,
                tags=tuple(pick(rng, TAGS) for _ in range(below(rng, 3))),
                created=created,
                note=note(index + 1, rng.getrandbits(16)),
                applications=tuple(applications),
            )
        )
    return candidates
