"""Greenhouse-shaped rows (Harvest API): candidates with embedded applications, applications,
and jobs. Custom fields come twice: `custom_fields` by key, `keyed_custom_fields` with their
name and type.
"""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from fieldmap.core.demo.candidates import Application, Candidate, Opening
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import below

SOURCE_IDS = {
    "Employee referral": 2,
    "LinkedIn": 7,
    "Company website": 11,
    "Indeed": 12,
    "Agency: Hays": 31,
    "Meetup": 40,
    "GitHub": 41,
}


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    openings = tenant.openings(rng, org)
    candidates = tenant.candidates(rng, org, openings)
    applications = sorted(
        (
            (candidate, application)
            for candidate in candidates
            for application in candidate.applications
        ),
        key=lambda pair: pair[1].applied,
    )[: tenant.counts["application"]]
    return {
        "candidate": [_candidate(rng, candidate) for candidate in candidates],
        "application": [_application(candidate, app) for candidate, app in applications],
        "job": [_job(opening) for opening in openings],
    }


def _timestamp(value: date, spread: int = 0) -> str:
    """An ISO timestamp on `value`, its time of day varying with `spread`."""
    hour, minute, second = 9 + spread % 9, spread % 60, spread % 47
    return f"{value.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}.{spread % 1000:03d}Z"


def _user(full_name: str, user_id: int) -> dict[str, Any]:
    first, _, last = full_name.partition(" ")
    return {"id": user_id, "first_name": first, "last_name": last, "name": full_name}


def _custom(name: str, kind: str, value: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value}


def _application(candidate: Candidate, application: Application) -> dict[str, Any]:
    opening = application.opening
    row: dict[str, Any] = {
        "id": application.number,
        "candidate_id": candidate.number,
        "prospect": False,
        "applied_at": _timestamp(application.applied, application.number),
        "rejected_at": (
            _timestamp(application.applied, application.number + 7)
            if application.status == "rejected"
            else None
        ),
        "source": {"id": SOURCE_IDS[candidate.source], "public_name": candidate.source},
        "rejection_reason": (
            {"id": 1000 + len(application.rejection_reason), "name": application.rejection_reason}
            if application.rejection_reason
            else None
        ),
        "jobs": [{"id": opening.number, "name": opening.title}],
        "status": application.status,
        "current_stage": {"id": 767000 + len(application.stage), "name": application.stage},
    }
    if candidate.referrer:
        row["credited_to"] = _user(candidate.referrer, 4000 + len(candidate.referrer))
    return row


def _candidate(rng: Random, candidate: Candidate) -> dict[str, Any]:
    latest, site = candidate.applications[-1], candidate.site
    salary = f"{candidate.desired_salary:,} {candidate.site.currency}"
    social = [{"value": candidate.linkedin}]
    if candidate.github:
        social.append({"value": candidate.github})
    keyed: dict[str, Any] = {"desired_salary": _custom("Desired Salary", "short_text", salary)}
    custom: dict[str, Any] = {"desired_salary": salary}
    if candidate.number % 4:
        weeks = below(rng, 13)
        custom["notice_period_weeks"] = weeks
        keyed["notice_period_weeks"] = _custom("Notice period (weeks)", "number", weeks)
    if candidate.note:
        keyed["recruiter_notes"] = _custom("Recruiter notes", "long_text", candidate.note)
    return {
        "id": candidate.number,
        "first_name": candidate.first,
        "last_name": candidate.last,
        "company": candidate.employer,
        "title": candidate.title,
        "created_at": _timestamp(candidate.created, candidate.number),
        "last_activity": _timestamp(latest.applied, latest.number),
        "is_private": candidate.number % 50 == 0,
        "photo_url": None,
        "application_ids": [application.number for application in candidate.applications],
        "phone_numbers": [{"value": candidate.phone, "type": "mobile"}] if candidate.phone else [],
        "addresses": [{"value": f"{site.city}, {site.country}", "type": "home"}],
        "email_addresses": [{"value": candidate.email, "type": "personal"}],
        "social_media_addresses": social,
        "recruiter": _user(latest.opening.recruiter, 92000 + len(latest.opening.recruiter)),
        "coordinator": None,
        "can_email": candidate.number % 13 != 0,
        "tags": list(candidate.tags),
        "applications": [_application(candidate, app) for app in candidate.applications],
        "custom_fields": custom,
        "keyed_custom_fields": keyed,
    }


def _job(opening: Opening) -> dict[str, Any]:
    salary = {
        "min_value": str(opening.salary_min),
        "max_value": str(opening.salary_max),
        "unit": opening.site.currency,
    }
    return {
        "id": opening.number,
        "name": opening.title,
        "requisition_id": opening.code,
        "confidential": opening.number % 11 == 0,
        "status": opening.status,
        "created_at": _timestamp(opening.opened, opening.number),
        "opened_at": _timestamp(opening.opened, opening.number + 1),
        "closed_at": _timestamp(opening.closed, opening.number) if opening.closed else None,
        "departments": [
            {
                "id": 4000 + len(opening.department.name),
                "name": opening.department.name,
                "parent_id": None,
                "external_id": opening.department.cost_center,
            }
        ],
        "offices": [
            {
                "id": 1500 + len(opening.site.code),
                "name": opening.site.name,
                "location": {"name": f"{opening.site.city}, {opening.site.country}"},
            }
        ],
        "hiring_team": {
            "hiring_managers": [_user(opening.hiring_manager, 84000 + opening.number % 997)],
            "recruiters": [_user(opening.recruiter, 92000 + len(opening.recruiter))],
        },
        "custom_fields": {"employment_type": "Full-time", "salary_range": salary},
        "keyed_custom_fields": {
            "employment_type": _custom("Employment type", "single_select", "Full-time"),
            "salary_range": _custom("Salary range", "currency_range", salary),
        },
    }
