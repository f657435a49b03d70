"""BambooHR-shaped rows: flat string-valued employee records, job-info history, time off.

BambooHR sends almost everything as strings, "0000-00-00" for an empty date, custom fields
as `custom…` aliases or `customField<id>`, and employee numbers as whatever was typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from fieldmap.core.demo.org import Org
from fieldmap.core.demo.people import Person
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import below, pick

EMPTY_DATE = "0000-00-00"
COUNTRY_NAMES = {
    "US": "United States",
    "CA": "Canada",
    "DE": "Germany",
    "CH": "Switzerland",
    "IS": "Iceland",
    "PL": "Poland",
    "BR": "Brazil",
    "JP": "Japan",
    "AU": "Australia",
}
DIVISIONS = ("North America", "Europe", "APAC", "LATAM")
TIME_OFF_TYPES = (
    ("78", "Vacation", "palm-trees"),
    ("79", "Sick", "medical"),
    ("80", "Parental Leave", "baby-carriage"),
    ("81", "Bereavement", "heart"),
)
TIME_OFF_STATUSES = ("approved", "approved", "approved", "requested", "denied", "canceled")
CHANGE_REASONS = ("Promotion", "Transfer", "Reorganization")


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    people = tenant.people(rng, org)
    by_number = {person.number: person for person in people}
    return {
        "employee": [_employee(rng, person, org, by_number) for person in people],
        "employment": _job_history(rng, people, tenant.counts["employment"], by_number),
        "time_off": _time_off(rng, people, tenant.counts["time_off"]),
    }


def _bamboo_date(value: date | None) -> str:
    return EMPTY_DATE if value is None else value.isoformat()


def _employee_id(person: Person) -> str:
    return str(person.number + 39_000)


def _employee(
    rng: Random, person: Person, org: Org, by_number: dict[int, Person]
) -> dict[str, Any]:
    site = person.site
    manager = by_number.get(person.manager) if person.manager is not None else None
    row: dict[str, Any] = {
        "id": _employee_id(person),
        # typed by hand over the years: a number for some, a string (maybe padded) for others
        "employeeNumber": person.number if person.number % 3 == 0 else f"{person.number:06d}",
        "firstName": person.first,
        "middleName": person.middle or "",
        "lastName": person.last,
        "preferredName": person.preferred,
        "displayName": f"{person.preferred or person.first} {person.last}",
        "workEmail": person.email(org.domain),
        "workPhone": person.work_phone,
        "mobilePhone": person.mobile,
        "dateOfBirth": _bamboo_date(person.birth),
        "gender": person.gender,
        "pronouns": person.pronouns,
        "hireDate": person.hired.isoformat(),
        "terminationDate": _bamboo_date(person.left),
        "status": "Inactive" if person.left else "Active",
        "employmentHistoryStatus": "Full-Time" if person.number % 7 else "Part-Time",
        "jobTitle": person.title,
        "department": person.team.department.name,
        "division": DIVISIONS[person.number % len(DIVISIONS)],
        "location": site.name,
        "supervisor": manager.full_name if manager else None,
        "supervisorEId": _employee_id(manager) if manager else None,
        "city": site.city,
        "state": site.region,
        "zipcode": site.postal_code,
        "country": COUNTRY_NAMES.get(site.country, site.country),
        "payRate": f"{person.salary}.00 {site.currency}",
        "customShirtSize": person.shirt,
        "customField4012": person.guardian_mobile,
        "customCostCenter": person.team.department.cost_center,
        "customEmergencyContactName": person.emergency_name,
        "customEmergencyContactRelationship": person.emergency_relation,
        "2fa_enabled": "true" if rng.random() < 0.7 else "false",
    }
    if rng.random() < 0.1:  # an address only for some; BambooHR leaves the key out
        row["address1"] = site.street
    if person.note is not None:
        row["notes"] = person.note
    return row


def _job_history(
    rng: Random, people: list[Person], count: int, by_number: dict[int, Person]
) -> list[dict[str, Any]]:
    """Job-information rows, one per change, oldest first."""
    rows = []
    for person in people:
        changes = 1 + person.number % 3
        manager = by_number.get(person.manager) if person.manager is not None else None
        titles = person.team.department.titles
        for step in range(changes):
            rows.append(
                {
                    "id": str(7000 + len(rows)),
                    "employeeId": _employee_id(person),
                    "date": (person.hired + timedelta(days=365 * step)).isoformat(),
                    "location": person.site.name,
                    "department": person.team.department.name,
                    "division": DIVISIONS[person.number % len(DIVISIONS)],
                    "jobTitle": person.title if step == changes - 1 else pick(rng, titles),
                    "reportsTo": manager.full_name if manager else None,
                    "reason": "Hire" if step == 0 else pick(rng, CHANGE_REASONS),
                }
            )
        if len(rows) >= count:
            break
    rows.sort(key=lambda row: row["date"])
    return rows[:count]


def _time_off(rng: Random, people: list[Person], count: int) -> list[dict[str, Any]]:
    """Time-off requests of random people, oldest first."""
    rows = []
    for index in range(count):
        person = pick(rng, people)
        start = person.hired + timedelta(days=below(rng, 700, 30))
        days = below(rng, 6, 1)
        type_id, type_name, icon = pick(rng, TIME_OFF_TYPES)
        created = start - timedelta(days=below(rng, 40, 1))
        rows.append(
            {
                "id": str(1800 + index),
                "employeeId": _employee_id(person),
                "name": person.full_name,
                "status": {
                    "lastChanged": created.isoformat(),
                    "status": pick(rng, TIME_OFF_STATUSES),
                },
                "start": start.isoformat(),
                "end": (start + timedelta(days=days - 1)).isoformat(),
                "created": created.isoformat(),
                "type": {"id": type_id, "name": type_name, "icon": icon},
                "amount": {"unit": "days", "amount": str(days)},
                "dates": {(start + timedelta(days=d)).isoformat(): "1" for d in range(days)},
                "notes": {"employee": person.note or "", "manager": ""},
            }
        )
    rows.sort(key=lambda row: row["created"])
    return rows
