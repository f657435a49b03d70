"""Lever-shaped rows: opportunities (the candidate model), applications and postings.

Lever ids are UUIDs, timestamps are epoch milliseconds, and profile-form answers sit in
`customQuestions[].fields[]` and, keyed by their label, in `fieldValues`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from random import Random
from typing import Any

from fieldmap.core.demo.candidates import REFERRAL, Application, Candidate, Opening
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import pick, uuid_like

ORIGINS = {REFERRAL: "referred", "Agency: Hays": "agency", "LinkedIn": "sourced"}
STAGE_IDS = (
    "lead-new",
    "lead-reached-out",
    "applicant-new",
    "00922a60-7c15-422b-b086-f62000824fd7",
    "offer",
    "hired",
)
LANGUAGES = ("English", "Deutsch", "Español", "Íslenska", "日本語", "Polski")


@dataclass(frozen=True)
class _Ids:
    """A candidate's Lever ids: their opportunity, contact, owner and applications."""

    opportunity: str
    contact: str
    owner: str
    applications: tuple[str, ...]


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    openings = tenant.openings(rng, org)
    posting_ids = {opening.number: uuid_like(rng) for opening in openings}
    users = [uuid_like(rng) for _ in range(5)]
    opportunities, applications = [], []
    for candidate in tenant.candidates(rng, org, openings):
        ids = _Ids(
            opportunity=uuid_like(rng),
            contact=uuid_like(rng),
            owner=pick(rng, users),
            applications=tuple(uuid_like(rng) for _ in candidate.applications),
        )
        opportunities.append(_opportunity(candidate, ids))
        for application, application_id in zip(
            candidate.applications, ids.applications, strict=True
        ):
            posting_id = posting_ids[application.opening.number]
            applications.append(
                _application(candidate, application, application_id, posting_id, ids)
            )
    applications.sort(key=lambda row: row["createdAt"])
    postings = [
        _posting(opening, posting_ids[opening.number], pick(rng, users)) for opening in openings
    ]
    return {
        "candidate": opportunities,
        "application": applications[: tenant.counts["application"]],
        "job": postings,
    }


def _millis(value: date, offset: int = 0) -> int:
    moment = datetime.combine(value, time(9), tzinfo=UTC)
    return int(moment.timestamp()) * 1000 + offset % 86_400_000


def _source(candidate: Candidate) -> str:
    return "Referral" if candidate.source == REFERRAL else candidate.source


def _opportunity(candidate: Candidate, ids: _Ids) -> dict[str, Any]:
    created = _millis(candidate.created, candidate.number * 7919)
    latest = candidate.applications[-1]
    salary = f"{candidate.desired_salary:,} {candidate.site.currency}"
    links = [candidate.linkedin] + ([candidate.github] if candidate.github else [])
    row: dict[str, Any] = {
        "id": ids.opportunity,
        "name": candidate.full_name,
        "headline": candidate.employer,
        "contact": ids.contact,
        "emails": [candidate.email],
        "phones": [{"type": "mobile", "value": candidate.phone}] if candidate.phone else [],
        "location": candidate.site.city,
        "links": links,
        "createdAt": created,
        "updatedAt": _millis(latest.applied, latest.number),
        "archivedAt": (
            None if latest.status == "active" else _millis(latest.applied, latest.number + 1)
        ),
        "stage": STAGE_IDS[len(latest.stage) % len(STAGE_IDS)],
        "owner": ids.owner,
        "tags": list(candidate.tags),
        "sources": [_source(candidate)],
        "origin": ORIGINS.get(candidate.source, "applied"),
        "applications": list(ids.applications),
        "followers": [ids.owner],
        "isAnonymized": False,
        "customQuestions": [
            {
                "id": "a3e7c2a1-54d4-4b0f-9f7e-1b9c8d7e6f5a",
                "text": "Candidate profile",
                "fields": [{"type": "text", "text": "Desired salary", "value": salary}],
            }
        ],
        "fieldValues": {'Salary expectation ("gross")': salary},
    }
    if candidate.number % 3 == 0:
        row["fieldValues"]["2nd language"] = LANGUAGES[candidate.number % len(LANGUAGES)]
    return row


def _application(
    candidate: Candidate, application: Application, application_id: str, posting_id: str, ids: _Ids
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": application_id,
        "opportunityId": ids.opportunity,
        "candidateId": ids.opportunity,
        "createdAt": _millis(application.applied, application.number * 104_729),
        "type": "referral" if candidate.referrer else "posting",
        "posting": posting_id,
        "postingOwner": ids.owner,
        "name": candidate.full_name,
        "email": candidate.email,
        "phone": {"type": "mobile", "value": candidate.phone} if candidate.phone else None,
        "company": candidate.employer,
        "links": [candidate.linkedin],
    }
    if candidate.note:
        row["comments"] = candidate.note
    if candidate.referrer:
        row["referralInfo"] = {"referrerName": candidate.referrer}
    return row


def _posting(opening: Opening, posting_id: str, owner: str) -> dict[str, Any]:
    return {
        "id": posting_id,
        "text": opening.title,
        "state": "closed" if opening.closed else "published",
        "distributionChannels": ["public", "internal"],
        "owner": owner,
        "hiringManager": owner,
        "categories": {
            "team": opening.department.name,
            "location": opening.site.city,
            "commitment": "Full-time",
            "allLocations": [opening.site.city],
        },
        "content": {
            "description": f"Join {opening.department.name} as a {opening.title}.",
            "descriptionHtml": (
                f"<div>Join <b>{opening.department.name}</b> as a {opening.title}.</div>"
            ),
        },
        "country": opening.site.country,
        "reqCode": opening.code,
        "requisitionCodes": [opening.code],
        "createdAt": _millis(opening.opened, opening.number),
        "workplaceType": opening.workplace,
        "salaryRange": {
            "min": opening.salary_min,
            "max": opening.salary_max,
            "currency": opening.site.currency,
            "interval": "per-year-salary",
        },
    }
