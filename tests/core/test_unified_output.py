"""What the unified API would return: `custom_fields` per row, and complete rows."""

from __future__ import annotations

from uuid import uuid4

from fieldmap.core import jmes
from fieldmap.core.demo.fields import WORKDAY_BADGE_ID
from fieldmap.core.models import Category, EffectiveField
from fieldmap.core.operations import ConfigurationRequest
from fieldmap.core.unified_output import completeness, custom_fields
from tests.core.demo_rows import ACME, acme_employees, demo_engine  # noqa: F401


def field(name: str, json_path: str | None) -> EffectiveField:
    return EffectiveField(
        custom_field_id=uuid4(), name=name, category=Category.HRIS, model="employee",
        json_path=json_path,
    )  # fmt: skip


FIELDS = [field("badge", "badge"), field("size", None), field("broken", "abs(name)")]


def test_every_field_with_its_value_null_when_unmapped_and_the_error_marker_when_failing():
    output = custom_fields(FIELDS, {"badge": "B-1", "name": "Ana"})
    assert output["badge"] == "B-1"
    assert output["size"] is None
    assert output["broken"]["error"] == "INVALID_JSON_PATH"
    assert "abs" in output["broken"]["message"]


def test_a_row_is_complete_when_every_mapped_field_gives_a_value():
    rows = [{"badge": "B-1", "name": -1}, {"badge": "B-2", "name": "x"}, {"name": 2}]
    result = completeness(FIELDS, rows)
    assert result.mapped_fields == ("badge", "broken")
    assert (result.complete_rows, result.first_incomplete_row) == (1, 1)
    assert result.filled == {"badge": 2, "broken": 2}


def test_the_demo_acme_rows_are_incomplete_where_badge_id_is_null(demo_engine, acme_employees):  # noqa: F811
    configuration = demo_engine.configuration(
        ConfigurationRequest(connector_token=ACME.token, category=Category.HRIS, model="employee")
    )
    result = completeness(configuration.fields, acme_employees)
    badge_rows = sum(
        jmes.evaluate(WORKDAY_BADGE_ID, row).value is not None for row in acme_employees
    )
    assert result.filled["badge_id"] == badge_rows
    assert 0 < result.complete_rows <= badge_rows
    incomplete = acme_employees[result.first_incomplete_row]
    output = custom_fields(configuration.fields, incomplete)
    assert set(output) == {f.name for f in configuration.fields}
    assert any(output[name] is None for name in result.mapped_fields)
