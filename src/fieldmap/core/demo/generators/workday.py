"""Workday-shaped rows: Get_Workers-style workers, positions and organizations.

Workday wraps every reference in `{"ID": [{"type", "value"}]}`; the quirk
`cost_center_override` is a tenant that keeps cost centers in an integration field
override (`cost.center`) instead of a Cost_Center organization.
"""

from __future__ import annotations

from datetime import timedelta
from random import Random
from typing import Any

from fieldmap.core.demo.org import Org, Site, Team
from fieldmap.core.demo.people import Person
from fieldmap.core.demo.tenant import Tenant
from fieldmap.core.demo.toolkit import hex_id, iso, pick

COST_CENTER_OVERRIDE = "cost_center_override"
JOB_COUNTS = (1, 1, 2, 1, 1, 3, 1, 2)  # positions held, by employee number
POSITION_LENGTH = timedelta(days=400)


def generate(rng: Random, tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    org = tenant.org(rng)
    people = tenant.people(rng, org)
    override = COST_CENTER_OVERRIDE in tenant.quirks
    recent = people[max(0, len(people) - tenant.counts["employment"]) :]  # the latest hires
    return {
        "employee": [_worker(rng, person, org, override) for person in people],
        "employment": [_employment(person) for person in recent],
        "company": [_company(rng, org, index) for index in range(len(org.companies))],
        "location": [_location(site) for site in org.sites],
        "team": [_team(rng, team, people) for team in org.teams],
    }


def _ref(kind: str, value: str) -> dict[str, Any]:
    return {"ID": [{"type": kind, "value": value}]}


def _phone(number: str, usage: str) -> dict[str, Any]:
    return {
        "Formatted_Phone": number,
        "Usage_Data": {"Type_Data": {"Type_Reference": _ref("Communication_Usage_Type_ID", usage)}},
    }


def _organization(code: str, name: str, kind: str) -> dict[str, Any]:
    return {
        "Organization_Data": {
            "Organization_Code": code,
            "Organization_Name": name,
            "Organization_Type_Reference": _ref("Organization_Type_ID", kind),
        }
    }


def _worker(rng: Random, person: Person, org: Org, cost_center_override: bool) -> dict[str, Any]:
    worker_id = str(person.number)
    name_detail = {
        "Formatted_Name": person.full_name,
        "First_Name": person.first,
        "Last_Name": person.last,
    }
    if person.middle:
        name_detail["Middle_Name"] = person.middle
    name_data: dict[str, Any] = {"Legal_Name_Data": {"Name_Detail_Data": name_detail}}
    if person.preferred:
        name_data["Preferred_Name_Data"] = {"Name_Detail_Data": {"First_Name": person.preferred}}
    phones = [_phone(person.work_phone, "WORK")]
    if person.mobile:
        phones.append(_phone(person.mobile, "HOME"))
    personal: dict[str, Any] = {
        "Name_Data": name_data,
        "Birth_Date": iso(person.birth),
        "Contact_Data": {
            "Address_Data": [
                {"Municipality": person.site.city, "Postal_Code": person.site.postal_code}
            ],
            "Phone_Data": phones,
            "Email_Address_Data": [{"Email_Address": person.email(org.domain)}],
        },
    }
    if person.badge:
        personal["Identification_Data"] = {
            "Custom_ID": [
                {
                    "Custom_ID_Data": {
                        "ID": person.badge,
                        "ID_Type_Reference": _ref("Custom_ID_Type_ID", "BADGE_ID"),
                    }
                }
            ]
        }
    elif person.number % 2:  # some workers come with an empty list, others with nothing
        personal["Identification_Data"] = {"Custom_ID": []}
    department = person.team.department
    organizations = [_organization(person.team.code, person.team.name, "Supervisory")]
    if not cost_center_override:  # in either order: a path needs a filter, not an index
        cost_center = _organization(department.cost_center, department.name, "Cost_Center")
        organizations.insert(person.number % 2, cost_center)
    data: dict[str, Any] = {
        "Worker_ID": worker_id,
        "User_ID": person.email_local,
        "Personal_Data": personal,
        "Employment_Data": {
            "Worker_Job_Data": _job_history(rng, person),
            "Worker_Status_Data": {
                "Hire_Date": iso(person.hired),
                "Terminated": person.left is not None,
                "Termination_Date": iso(person.left),
            },
        },
        "Organization_Data": {"Worker_Organization_Data": organizations},
        "Related_Person_Data": [
            {
                "Emergency_Contact": True,
                "Name_Detail_Data": {"Formatted_Name": person.emergency_name},
            }
        ],
    }
    if cost_center_override:
        data["Integration_Field_Override_Data"] = [
            {
                "Field_Reference": _ref("Integration_Document_Field_Name", "cost.center"),
                "Value": f"{department.cost_center[3:]}-{department.name[:3].upper()}",
            }
        ]
    return {
        "Worker_Reference": {
            "ID": [
                {"type": "WID", "value": hex_id(rng)},
                {"type": "Employee_ID", "value": worker_id},
            ]
        },
        "Worker_Descriptor": person.full_name,
        "Worker_Data": data,
    }


def _job_history(rng: Random, person: Person) -> list[dict[str, Any]]:
    """The current position first, then up to two earlier ones of a year or so each."""
    earlier = JOB_COUNTS[person.number % len(JOB_COUNTS)] - 1
    current: dict[str, Any] = {
        "Position_ID": f"P-{person.number:05d}-0",
        "Business_Title": person.title,
        "Start_Date": iso(person.hired + POSITION_LENGTH * earlier),
        "End_Date": iso(person.left),
    }
    if person.manager is not None:
        current["Manager_as_of_last_detected_manager_change_Reference"] = _ref(
            "Employee_ID", str(person.manager)
        )
    jobs = [{"Position_Data": current}]
    for step in range(1, earlier + 1):
        jobs.append(
            {
                "Position_Data": {
                    "Position_ID": f"P-{person.number:05d}-{step}",
                    "Business_Title": pick(rng, person.team.department.titles),
                    "Start_Date": iso(person.hired + POSITION_LENGTH * (earlier - step)),
                    "End_Date": jobs[-1]["Position_Data"]["Start_Date"],
                }
            }
        )
    return jobs


def _employment(person: Person) -> dict[str, Any]:
    return {
        "Worker_Reference": _ref("Employee_ID", str(person.number)),
        "Effective_Date": person.hired.isoformat(),
        "Position_Data": {
            "Position_Reference": _ref("Position_ID", f"P-{person.number:05d}-0"),
            "Business_Title": person.title,
            "Start_Date": person.hired.isoformat(),
            "End_Employment_Date": iso(person.left),
            "Worker_Type_Reference": _ref("Employee_Type_ID", "Regular"),
            "Business_Site_Summary_Data": {
                "Location_Reference": _ref("Location_ID", person.site.code),
                "Name": person.site.name,
            },
            "Full_Time_Equivalent_Percentage": 100 if person.number % 9 else 80,
        },
        "Compensation_Data": {
            "Employee_Base_Pay_Plan_Assignment_Data": [
                {
                    "Amount": person.salary,
                    "Currency_Reference": _ref("Currency_ID", person.site.currency),
                    "Frequency_Reference": _ref("Frequency_ID", "Annual"),
                }
            ]
        },
    }


def _company(rng: Random, org: Org, index: int) -> dict[str, Any]:
    site = org.sites[index % len(org.sites)]
    code = f"{org.companies[index].split()[0].upper()}_{site.country}"
    return {
        "Organization_Reference": {
            "ID": [
                {"type": "WID", "value": hex_id(rng)},
                {"type": "Company_Reference_ID", "value": code},
            ]
        },
        "Organization_Data": {
            "Name": org.companies[index],
            "Organization_Code": code,
            "Organization_Type_Reference": _ref("Organization_Type_ID", "Company"),
            "Primary_Business_Site_Reference": _ref("Location_ID", site.code),
        },
        "Company_Data": {
            "Currency_Reference": _ref("Currency_ID", site.currency),
            "Country_Reference": _ref("ISO_3166-1_Alpha-2_Code", site.country),
        },
    }


def _location(site: Site) -> dict[str, Any]:
    return {
        "Location_Reference": _ref("Location_ID", site.code),
        "Location_Data": {
            "Location_Name": site.name,
            "Location_Type_Reference": [_ref("Location_Type_ID", "Office")],
            "Time_Zone_Reference": _ref("Time_Zone_ID", site.time_zone),
            "Inactive": False,
            "Contact_Data": {
                "Address_Data": [
                    {
                        "Formatted_Address": f"{site.street}&#xa;{site.postal_code} {site.city}",
                        "Municipality": site.city,
                        "Postal_Code": site.postal_code,
                        "Country_Reference": _ref("ISO_3166-1_Alpha-2_Code", site.country),
                    }
                ]
            },
        },
    }


def _team(rng: Random, team: Team, people: list[Person]) -> dict[str, Any]:
    head = next((p.number for p in people if p.team is team), None)
    data: dict[str, Any] = {
        "Name": team.name,
        "Organization_Code": team.code,
        "Organization_Type_Reference": _ref("Organization_Type_ID", "Supervisory"),
        "Staffing_Model": "Position Management",
    }
    if team.parent:
        data["Superior_Organization_Reference"] = _ref("Organization_Reference_ID", team.parent)
    if head is not None:
        data["Manager_Reference"] = _ref("Employee_ID", str(head))
    return {
        "Organization_Reference": {
            "ID": [
                {"type": "WID", "value": hex_id(rng)},
                {"type": "Organization_Reference_ID", "value": team.code},
            ]
        },
        "Organization_Data": data,
    }
