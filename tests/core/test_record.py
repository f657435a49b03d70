"""Go to a record: the rows that hold an employee id, an email or a name."""

from __future__ import annotations

import pytest

from fieldmap.core.discovery import discover_paths
from fieldmap.core.errors import RuleViolation
from fieldmap.core.find_results import record_result
from fieldmap.core.models import RawDataSource
from fieldmap.core.record import find_record, identifying_paths
from tests.core.demo_rows import acme_employees, demo_engine  # noqa: F401

ROWS = [
    {"id": 7, "workEmail": "Ana@Example.com", "name": {"first": "Ana"}, "city": "Paris"},
    {"id": 70, "workEmail": "li@example.com", "name": {"first": "Li"}, "city": "Ana"},
    {"id": 8, "ids": [{"type": "Employee_ID", "value": "7"}], "city": "Lyon"},
]


def test_identifiers_are_told_by_the_names_of_the_last_two_keys():
    assert identifying_paths(discover_paths(ROWS)) == [
        "id",
        "name.first",
        "workEmail",
        "ids[*].type",
        "ids[*].value",
    ]


def test_a_typed_value_finds_every_row_holding_it_exactly_but_for_case():
    assert find_record("7", ROWS).rows == [0, 2]  # not 70
    assert find_record("ana@example.COM", ROWS).rows == [0]
    assert find_record("ana", ROWS).rows == [0]  # a city is no identifier


def test_an_explicit_path_compares_that_path_only():
    assert find_record("city == 'Ana'", ROWS).rows == [1]
    assert find_record("id == `70`", ROWS).rows == [1]
    assert find_record('ids[*].value == "7"', ROWS).paths == ["ids[*].value"]


def test_positions_and_moving_between_matches_go_round():
    matches = record_result("7", ROWS, RawDataSource.CONNECTOR_SYNC, only_latest_row=False)
    assert matches.position(2) == "row 3 of 3"
    assert [matches.next_row(0), matches.next_row(2), matches.next_row(0, -1)] == [2, 0, 2]
    nobody = record_result("nobody", ROWS, RawDataSource.CONNECTOR_SYNC, only_latest_row=False)
    assert nobody.next_row(0) is None


def test_an_empty_value_is_refused():
    with pytest.raises(RuleViolation):
        find_record("  ", ROWS)


def test_the_demo_employee_25999_is_row_5000_of_5000(acme_employees):  # noqa: F811
    matches = find_record("25999", acme_employees)
    assert matches.rows == [4_999]
    found = record_result("25999", acme_employees, RawDataSource.CONNECTOR_SYNC, False)
    assert found.position(found.rows[0]) == "row 5,000 of 5,000"
    assert matches.found_by[4_999] in ("Worker_Data.Worker_ID", "Worker_Reference.ID[*].value")
    email = acme_employees[1_733]["Worker_Data"]["Personal_Data"]["Contact_Data"][
        "Email_Address_Data"
    ][0]["Email_Address"]
    assert 1_733 in find_record(email.upper(), acme_employees).rows
