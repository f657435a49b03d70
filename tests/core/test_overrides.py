"""The overrides report: each override against the organization mapping on the same rows."""

from __future__ import annotations

from uuid import uuid4

import pytest

from fieldmap.core.demo.overrides import DEMO_OVERRIDES
from fieldmap.core.impact import ConnectorState, IntegrationState
from fieldmap.core.models import Category, EffectiveConfiguration, EffectiveField, MappingScope
from fieldmap.core.operations_impact import Flag
from fieldmap.core.overrides import DIFFERS, NO_ROWS, overrides_report
from tests.core.demo_state import demo_state

HRIS = Category.HRIS


@pytest.mark.parametrize("spec", DEMO_OVERRIDES, ids=lambda s: s.expected_verdict)
def test_the_demo_additions_give_the_report_a_redundant_and_a_broken_override(spec):
    integration = {"Initech — BambooHR": "bamboohr", "Umbrella GmbH — Personio": "personio"}
    state = demo_state(integration[spec.connector_name], spec.category, spec.model)
    (finding,) = [f for f in overrides_report(state) if f.connector_name == spec.connector_name]
    assert finding.field_name == spec.field_name
    assert finding.verdict == spec.expected_verdict
    assert finding.rows > 0


def test_the_broken_demo_override_says_where_it_loses_values():
    state = demo_state("personio", HRIS, "employee")
    (finding,) = overrides_report(state)
    assert finding.organization_only == finding.rows
    assert finding.broken_rows == (0, 1, 2, 3, 4)
    assert finding.flags == [Flag.BROKEN, Flag.STALE]  # both hold; broken comes first


def test_the_demo_s_own_override_fills_what_the_organization_mapping_leaves_null():
    (finding,) = overrides_report(demo_state("workday", HRIS, "employee"))
    assert finding.connector_name == "Globex — Workday"
    assert finding.field_name == "cost_center"
    assert finding.verdict == Flag.BETTER
    assert finding.override_only == finding.rows


def _state(rows, override, organization="org"):
    field = uuid4()
    configuration = EffectiveConfiguration(
        connector_token="token-1",
        integration_slug="acme",
        category=HRIS,
        model="employee",
        fields=[
            EffectiveField(
                custom_field_id=field,
                name="size",
                category=HRIS,
                model="employee",
                json_path=override,
                source=MappingScope.CONNECTOR,
            )
        ],
    )
    connector = ConnectorState(configuration, rows, name="One")
    return IntegrationState([connector], {field: organization} if organization else {})


@pytest.mark.parametrize(
    ("rows", "override", "verdict", "flags"),
    [
        ([{"org": 1, "o": 1}, {"org": None}], "o", Flag.REDUNDANT, {Flag.REDUNDANT}),
        ([{"org": 1}, {"org": 2}], "o", Flag.BROKEN, {Flag.BROKEN, Flag.STALE}),
        ([{"org": 1, "o": 1}, {"o": 2}], "o", Flag.BETTER, {Flag.BETTER}),
        ([{"org": 1, "o": 1}, {"o": 2}, {"org": 3}], "o", Flag.BROKEN, {Flag.BROKEN, Flag.BETTER}),
        ([{"a": 1}, {"a": 2}], "o", Flag.STALE, {Flag.STALE, Flag.REDUNDANT}),
        ([{"org": 1, "o": 2}], "o", DIFFERS, set()),
        ([{"org": True, "o": 1}], "o", DIFFERS, set()),  # JSON true is not 1
        ([{"org": 1}], "to_number('x').y.z", Flag.BROKEN, {Flag.BROKEN, Flag.STALE}),
        ([], "o", NO_ROWS, set()),
    ],
)
def test_flags_and_their_precedence(rows, override, verdict, flags):
    (finding,) = overrides_report(_state(rows, override))
    assert finding.verdict == verdict
    assert set(finding.flags) == flags


def test_an_override_where_the_integration_has_no_mapping_is_better_where_it_fills():
    (finding,) = overrides_report(_state([{"o": 1}, {}], "o", organization=None))
    assert finding.organization_path is None
    assert finding.verdict == Flag.BETTER and finding.better_rows == (0,)


def test_an_override_that_fails_is_counted_as_failing():
    (finding,) = overrides_report(_state([{"org": 1, "o": "x"}], "abs(o)"))
    assert finding.override_errors == 1
    assert finding.verdict == Flag.BROKEN
