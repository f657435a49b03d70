"""Fixtures shared by every test: a small catalogue and a real SQLite store in a temp dir."""

from __future__ import annotations

import pytest

from fieldmap.core.catalogue import Catalogue
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category, Integration, Model
from fieldmap.core.seed import insert_catalogue
from fieldmap.core.store import Store

HRIS, ATS = Category.HRIS, Category.ATS

WORKDAY_EMPLOYEE_SAMPLE = {
    "Worker_ID": "21001",
    "Personal_Data": {
        "Name_Data": {"Legal_Name": {"First_Name": "Logan", "Last_Name": "McNeil"}},
        "Contact_Data": {
            "Phone": [
                {"Type": "Mobile", "Number": "+1 415 555 0100"},
                {"Type": "Guardian", "Number": "+1 415 555 0199"},
            ]
        },
    },
    "first-name": "Logan",
}

SMALL_CATALOG = Catalogue(
    models=[
        Model(slug="employee", display_name="Employee", category=HRIS),
        Model(slug="employment", display_name="Employment", category=HRIS),
        Model(slug="candidate", display_name="Candidate", category=ATS),
    ],
    integrations=[
        Integration(slug="workday", display_name="Workday", categories=[HRIS]),
        Integration(slug="bamboohr", display_name="BambooHR", categories=[HRIS]),
        Integration(slug="greenhouse", display_name="Greenhouse", categories=[ATS]),
    ],
    samples={
        ("workday", HRIS, "employee"): WORKDAY_EMPLOYEE_SAMPLE,
        ("greenhouse", ATS, "candidate"): {"id": 7, "custom_fields": {"desired_salary": "90k"}},
    },
)


@pytest.fixture
def store(tmp_path):
    store = Store.open(
        tmp_path / "data", on_create=lambda s: insert_catalogue(Engine(s), SMALL_CATALOG)
    )
    yield store
    store.close()


@pytest.fixture
def engine(store):
    return Engine(store)


from tests.served import served_api  # noqa: F401  (a session fixture for every test dir)
