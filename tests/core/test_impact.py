"""The impact of a mapping change on every connector of an integration, on the demo data."""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import pytest

from fieldmap.core.budget import Limits
from fieldmap.core.columns import CHUNK_ROWS, Cancelled, Failed, Work
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID, WORKDAY_COST_CENTER
from fieldmap.core.impact import (
    ConnectorState,
    DeleteField,
    IntegrationState,
    SetConnectorOverride,
    SetOrganizationMapping,
    impact,
)
from fieldmap.core.models import Category
from tests.core.demo_state import demo_state, field_id

HRIS = Category.HRIS
BADGE_ID = field_id(HRIS, "employee", "badge_id")
COST_CENTER = field_id(HRIS, "employee", "cost_center")


@pytest.fixture(scope="module")
def workday():
    return demo_state("workday", HRIS, "employee")


def _by_name(result):
    return {c.connector_name: c for c in result.connectors}


def test_a_broken_organization_path_empties_every_connector_that_follows_it(workday):
    result = impact(workday, SetOrganizationMapping(BADGE_ID, "Worker_Data.No_Such_Badge"))
    acme = _by_name(result)["Acme Corp — Workday"]
    assert acme.rows == 5000
    assert acme.path_before == WORKDAY_BADGE_ID
    assert acme.path_after == "Worker_Data.No_Such_Badge"
    assert 0.7 < acme.fill_before.rate < 0.9  # about a fifth of the workers have no badge yet
    assert acme.fill_after.filled == 0
    assert acme.latest_after is None
    assert acme.changed_rows == acme.fill_before.filled
    assert not acme.unaffected


def test_connectors_whose_override_wins_are_unaffected(workday):
    result = impact(workday, SetOrganizationMapping(COST_CENTER, "Worker_Data.Nothing"))
    connectors = _by_name(result)
    globex, acme = connectors["Globex — Workday"], connectors["Acme Corp — Workday"]
    assert globex.unaffected and globex.changed_rows == 0
    assert globex.path_before == globex.path_after != WORKDAY_COST_CENTER
    assert not acme.unaffected and acme.changed_rows > 0


def test_sorted_by_change_puts_the_affected_connector_first(workday):
    result = impact(workday, SetOrganizationMapping(COST_CENTER, "Worker_Data.Nothing"))
    assert [c.connector_name for c in result.by_change()] == [
        "Acme Corp — Workday",
        "Globex — Workday",
    ]


def test_deleting_an_override_gives_the_organization_mapping_back_on_that_connector_only(
    workday,
):
    globex = next(c for c in workday.connectors if c.name == "Globex — Workday")
    result = impact(workday, SetConnectorOverride(COST_CENTER, globex.token, None))
    (only,) = result.connectors
    assert only.connector_token == globex.token
    assert only.path_after == WORKDAY_COST_CENTER
    assert only.fill_before.filled == only.rows  # the override fills every Globex worker
    assert only.fill_after.filled < only.rows


def test_deleting_a_field_shows_what_each_connector_loses(workday):
    result = impact(workday, DeleteField(BADGE_ID))
    acme = _by_name(result)["Acme Corp — Workday"]
    assert acme.removed and acme.path_after is None and acme.fill_after is None
    assert acme.latest_before is not None or acme.fill_before.filled < acme.rows
    assert acme.latest_after is None


def test_a_new_mapping_on_a_connector_with_only_its_latest_row():
    state = demo_state("workday", HRIS, "employee", only_latest_row=True)
    result = impact(state, SetOrganizationMapping(BADGE_ID, "Worker_Data.Worker_ID"))
    acme = _by_name(result)["Acme Corp — Workday"]
    assert acme.rows == 1 and acme.only_latest_row
    assert isinstance(acme.latest_after, str)
    assert acme.fill_after.rate == 1.0


def test_a_connector_without_rows_has_no_figures_and_sorts_last(workday):
    without_rows = ConnectorState(workday.connectors[0].configuration, None, name="Empty")
    state = IntegrationState([without_rows, *workday.connectors[1:]], workday.organization_paths)
    result = impact(state, SetOrganizationMapping(BADGE_ID, "Worker_Data.Worker_ID"))
    empty = _by_name(result)["Empty"]
    assert empty.rows == 0 and empty.fill_before is None and empty.changed_rows is None
    assert result.by_change()[-1].connector_name == "Empty"


def test_each_distinct_expression_is_evaluated_once_per_row(workday):
    reports = []
    work = Work(progress=lambda done, total: reports.append((done, total)))
    impact(workday, SetOrganizationMapping(BADGE_ID, WORKDAY_BADGE_ID), work)
    rows = sum(len(c.rows) for c in workday.connectors)
    assert reports[-1] == (rows, rows)  # the same path before and after: one evaluation
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


class Row(dict):
    """A row that can be watched (a weak reference tells when it is gone)."""


class ParsedOnRead(Sequence):
    """Rows made afresh on every read, as a store's are parsed from their text; it counts
    the reads and, at each, how many rows read before are still alive."""

    def __init__(self, rows):
        self.rows, self.reads, self.alive_at_most = rows, 0, 0
        self.seen: list[weakref.ref] = []

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._read(row) for row in self.rows[index]]
        return self._read(self.rows[index])

    def __iter__(self):
        return map(self._read, self.rows)

    def _read(self, row):
        alive = sum(1 for seen in self.seen if seen() is not None)
        self.alive_at_most = max(self.alive_at_most, alive)
        self.reads += 1
        fresh = Row(row)
        self.seen.append(weakref.ref(fresh))
        return fresh


def test_each_row_is_read_once_for_both_paths_and_gone_once_it_has_gone_by(workday):
    """Rows kept alive a chunk at a time reached the collector's older generations, whose
    full passes took most of an impact on a store's rows."""
    acme = workday.connectors[0]
    rows = ParsedOnRead(acme.rows[: CHUNK_ROWS * 2 + 7])
    state = IntegrationState([ConnectorState(acme.configuration, rows, name=acme.name)])
    result = impact(state, SetOrganizationMapping(BADGE_ID, "Worker_Data.Worker_ID"))
    assert rows.reads == len(rows)
    assert rows.alive_at_most <= 1
    assert result.connectors[0].changed_rows == len(rows)


def test_cancelling_stops_the_work(workday):
    seen = []

    def cancelled():
        seen.append(True)
        return True

    with pytest.raises(Cancelled):
        impact(workday, SetOrganizationMapping(BADGE_ID, "Worker_Data"), Work(cancelled=cancelled))
    assert len(seen) == 1


def test_a_runaway_expression_fails_within_its_budget_instead_of_hanging(workday):
    runaway = "[@,@][][@,@][][@,@][][@,@][][@,@][][@,@][][@,@][][@,@][][@,@][][@,@][]"
    work = Work(limits=Limits(units_per_row=10_000, units_per_request=50_000))
    result = impact(workday, SetOrganizationMapping(BADGE_ID, runaway), work)
    acme = _by_name(result)["Acme Corp — Workday"]
    assert isinstance(acme.latest_after, Failed)
    # The request's budget runs out within the first rows; the rest fail without running.
    assert acme.fill_after.errors > 0.99 * acme.rows
    assert "too expensive" in acme.latest_after.message


def test_a_path_that_does_not_compile_fails_every_row(workday):
    result = impact(workday, SetOrganizationMapping(BADGE_ID, "Worker_Data.["))
    acme = _by_name(result)["Acme Corp — Workday"]
    assert acme.fill_after.errors == acme.rows
