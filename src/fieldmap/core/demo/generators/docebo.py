"""Docebo-shaped rows: the course catalogue, and enrollments of the tenant's people in it.

Docebo keeps dates as "YYYY-MM-DD hh:mm:ss" strings, course custom fields as a list of
`additional_fields` (looked up by title), user fields as `field_<id>` keys, and leaves
`completion_date` and `score` null until a learner finishes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from random import Random
from typing import Any

from fieldmap.core.demo.people import Person
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import below, hex_id, pick

COURSE_TITLES = (
    ("SEC", "Security Awareness", "Compliance"),
    ("PRV", "Data Privacy Essentials", "Compliance"),
    ("HAR", "Respect at Work", "Compliance"),
    ("LDR", "First-Time Manager", "Leadership"),
    ("FBK", "Giving Feedback", "Leadership"),
    ("PYT", "Python for Analysts", "Technical"),
    ("SQL", "SQL Fundamentals", "Technical"),
    ("XLS", "Spreadsheets Beyond the Basics", "Productivity"),
    ("ONB", "Welcome Onboarding", "Onboarding"),
    ("SAF", "Workplace Safety", "Compliance"),
)
CATEGORY_IDS = {
    "Compliance": 7,
    "Leadership": 12,
    "Technical": 15,
    "Productivity": 18,
    "Onboarding": 2,
}
COURSE_TYPES = ("elearning", "elearning", "classroom", "webinar")
LANGUAGES = (("english", "en"), ("german", "de"), ("french", "fr"))
STATUSES = ("completed", "completed", "in_progress", "subscribed", "waiting")
ENROLLMENT_REASONS = ("Manager request", "Self-enrolled", "Mandatory plan")


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    people = tenant.people(rng, org)
    courses = [_course(rng, n, tenant) for n in range(tenant.counts["course"])]
    enrollments = [
        _enrollment(rng, pick(rng, courses), pick(rng, people), org.domain)
        for _ in range(tenant.counts["enrollment"])
    ]
    return {"course": courses, "enrollment": _unique(enrollments)}


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def _course(rng: Random, n: int, tenant: Tenant) -> dict[str, Any]:
    prefix, title, category = COURSE_TITLES[n % len(COURSE_TITLES)]
    edition = 2024 + n // len(COURSE_TITLES)
    created = datetime.combine(tenant.first_date, time(9)) + timedelta(days=below(rng, 900))
    language, browser_code = pick(rng, LANGUAGES)
    fields = [
        {"id": 3, "title": "Cost Center", "type": "dropdown", "value": f"CC-{4100 + n % 7 * 100}"}
    ]
    if n % 3 == 0:
        fields.append(
            {"id": 9, "title": "Mandatory for", "type": "textfield", "value": "all staff"}
        )
    return {
        "id_course": 400 + n,
        "uidCourse": "E-" + hex_id(rng, 6).upper(),
        "code": f"{prefix}-{101 + n // len(COURSE_TITLES)}",
        "name": f"{title} {edition}",
        "description": f"<p>{title}, {edition} edition.</p>",
        "type": pick(rng, COURSE_TYPES),
        "status": "published" if n % 9 else "under_maintenance",
        "language": {"code": language, "browser_code": browser_code},
        "category": {"id": CATEGORY_IDS[category], "name": category},
        "credits": round(0.5 + below(rng, 6) * 0.5, 1),
        "duration": 15 * (1 + below(rng, 12)),
        "can_subscribe": n % 5 != 4,
        "date_creation": _stamp(created),
        "date_published": _stamp(created + timedelta(days=7)),
        "additional_fields": fields,
        "thumbnail": {"url": f"https://{tenant.domain}/files/thumb/{400 + n}.png"},
    }


def _enrollment(rng: Random, course: dict[str, Any], person: Person, domain: str) -> dict[str, Any]:
    enrolled = datetime.combine(person.hired, time(10)) + timedelta(
        days=below(rng, 400), minutes=below(rng, 600)
    )
    status = pick(rng, STATUSES)
    done = status == "completed"
    user_id = 13000 + person.number % 10_000
    return {
        "id": f"{course['id_course']}-{user_id}",
        "course_id": course["id_course"],
        "course_code": course["code"],
        "course_name": course["name"],
        "user_id": user_id,
        "username": person.email_local,
        "level": "student" if below(rng, 20) else "tutor",
        "status": status,
        "enrollment_date": _stamp(enrolled),
        "completion_date": _stamp(enrolled + timedelta(days=1 + below(rng, 30))) if done else None,
        "expiration_date": None,
        "score": 50 + below(rng, 51) if done else None,
        "time_spent": below(rng, 4000) if status != "subscribed" else 0,
        "enrollment_fields": {"enrollment_field_2": pick(rng, ENROLLMENT_REASONS)},
        "user": {
            "email": person.email(domain),
            "first_name": person.first,
            "last_name": person.last,
            "fields": {"field_4": person.team.name, "field_11": str(person.number)},
        },
    }


def _unique(enrollments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One enrollment per (course, user), as Docebo has it: later duplicates dropped."""
    by_id: dict[str, dict[str, Any]] = {}
    for enrollment in enrollments:
        by_id.setdefault(enrollment["id"], enrollment)
    return list(by_id.values())
