"""Personio-shaped rows: `{"type", "attributes"}` objects whose every attribute carries its
label, value and type; custom attributes are `dynamic_<id>` and have no `universal_id`.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from fieldmap.core.demo.org import Org
from fieldmap.core.demo.people import Person
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import below, pick

GUARDIAN_MOBILE = "dynamic_1234"
SHIRT_SIZE = "dynamic_5521"
NOTES = "dynamic_7001"
TIME_OFF_TYPES = (
    (1, "Paid vacation", "paid_vacation"),
    (2, "Sick days", "sick_leave"),
    (3, "Homeoffice", "other"),
    (4, "Elternzeit", "parental_leave"),
)
TIME_OFF_STATUSES = ("approved", "approved", "approved", "pending", "rejected")


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    people = tenant.people(rng, org)
    by_number = {person.number: person for person in people}
    return {
        "employee": [_employee(person, org, by_number) for person in people],
        "time_off": _time_off(rng, people, tenant.counts["time_off"]),
    }


def _attribute(key: str, label: str, value: Any, kind: str = "standard") -> dict[str, Any]:
    return {"label": label, "value": value, "type": kind, "universal_id": key}


def _custom(label: str, value: Any, kind: str = "standard") -> dict[str, Any]:
    return {"label": label, "value": value, "type": kind}


def _timestamp(value: date | None) -> str | None:
    return None if value is None else f"{value.isoformat()}T00:00:00+01:00"


def _reference(person: Person) -> dict[str, Any]:
    """An employee as Personio embeds one in another object."""
    return {
        "type": "Employee",
        "attributes": {
            "id": _attribute("id", "ID", person.number, "integer"),
            "first_name": _attribute("first_name", "First name", person.first),
            "last_name": _attribute("last_name", "Last name", person.last),
        },
    }


def _employee(person: Person, org: Org, by_number: dict[int, Person]) -> dict[str, Any]:
    department = person.team.department
    manager = by_number.get(person.manager) if person.manager is not None else None
    hours = 40 if person.number % 5 else 20
    attributes = {
        "id": _attribute("id", "ID", person.number, "integer"),
        "first_name": _attribute("first_name", "First name", person.first),
        "last_name": _attribute("last_name", "Last name", person.last),
        "preferred_name": _attribute("preferred_name", "Preferred name", person.preferred),
        "email": _attribute("email", "Email", person.email(org.domain)),
        "gender": _attribute("gender", "Gender", person.gender.lower()),
        "status": _attribute("status", "Status", "inactive" if person.left else "active"),
        "position": _attribute("position", "Position", person.title),
        # the API has sent this both as a string and as a number over the years
        "weekly_working_hours": _attribute(
            "weekly_working_hours", "Weekly hours", hours if person.number % 2 else str(hours)
        ),
        "hire_date": _attribute("hire_date", "Hire date", _timestamp(person.hired), "date"),
        "termination_date": _attribute(
            "termination_date", "Termination date", _timestamp(person.left), "date"
        ),
        "supervisor": _attribute(
            "supervisor", "Supervisor", _reference(manager) if manager else None
        ),
        "office": _attribute(
            "office",
            "Office",
            {
                "type": "Office",
                "attributes": {"id": org.sites.index(person.site) + 1, "name": person.site.name},
            },
        ),
        "department": _attribute(
            "department",
            "Department",
            {
                "type": "Department",
                "attributes": {"id": org.teams.index(person.team) + 1, "name": department.name},
            },
        ),
        "cost_centers": _attribute(
            "cost_centers",
            "Cost center",
            [
                {
                    "type": "CostCenter",
                    "attributes": {
                        "id": int(department.cost_center[3:]),
                        "name": department.cost_center,
                        "percentage": 100,
                    },
                }
            ],
        ),
        "fix_salary": _attribute("fix_salary", "Fix salary", person.salary, "decimal"),
        GUARDIAN_MOBILE: _custom("Guardian mobile", person.guardian_mobile),
        SHIRT_SIZE: _custom("T-Shirt Größe", person.shirt, "list"),
    }
    if person.note is not None:
        attributes[NOTES] = _custom("Notizen", person.note, "multiline")
    return {"type": "Employee", "attributes": attributes}


def _time_off(rng: Random, people: list[Person], count: int) -> list[dict[str, Any]]:
    """Absence periods of random people, oldest first."""
    rows = []
    for index in range(count):
        person = pick(rng, people)
        start = person.hired + timedelta(days=below(rng, 700, 30))
        days = below(rng, 11, 1)
        type_id, type_name, category = pick(rng, TIME_OFF_TYPES)
        created = start - timedelta(days=below(rng, 60, 1))
        attributes: dict[str, Any] = {
            "id": 4400 + index,
            "status": pick(rng, TIME_OFF_STATUSES),
            "start_date": _timestamp(start),
            "end_date": _timestamp(start + timedelta(days=days - 1)),
            "days_count": days,
            "half_day_start": 0,
            "half_day_end": int(rng.random() < 0.1),
            "time_off_type": {
                "type": "TimeOffType",
                "attributes": {"id": type_id, "name": type_name, "category": category},
            },
            "employee": _reference(person),
            "created_by": person.full_name,
            "created_at": f"{created.isoformat()}T09:00:00+01:00",
        }
        if rng.random() < 0.4:
            attributes["comment"] = pick(
                rng, ("Sommerurlaub 🏖️", "Arzttermin", "Umzug", "Hochzeit 💍", "[red]urgent[/red]")
            )
        rows.append({"type": "TimeOffPeriod", "attributes": attributes})
    rows.sort(key=lambda row: row["attributes"]["created_at"])
    return rows
