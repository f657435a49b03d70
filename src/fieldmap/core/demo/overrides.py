"""Two more demo connector overrides, so that the overrides report has something to say.

Part of `demo_content()`'s mappings, kept apart with the verdict each should get: Initech's
BambooHR override of `cost_center` is the organization's path written as a quoted identifier,
a copy that changes nothing (redundant); Umbrella's Personio override of `guardian_mobile`
swaps two digits of the attribute's id, so it is null where the organization's path has a
number on every row (broken).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldmap.core.demo.connectors import connector_token
from fieldmap.core.demo.dataset import DemoMapping
from fieldmap.core.models import Category

INITECH_BAMBOOHR = "Initech — BambooHR"
UMBRELLA_PERSONIO = "Umbrella GmbH — Personio"


@dataclass(frozen=True)
class OverrideSpec:
    connector_name: str
    category: Category
    model: str
    field_name: str
    json_path: str
    expected_verdict: str


DEMO_OVERRIDES = (
    OverrideSpec(
        INITECH_BAMBOOHR,
        Category.HRIS,
        "employee",
        "cost_center",
        '"customCostCenter"',
        "redundant",
    ),
    OverrideSpec(
        UMBRELLA_PERSONIO,
        Category.HRIS,
        "employee",
        "guardian_mobile",
        "attributes.dynamic_1243.value",
        "broken",
    ),
)


def demo_override_mappings() -> list[DemoMapping]:
    """`DEMO_OVERRIDES` as the demo's connector-scoped mappings."""
    return [
        DemoMapping(
            spec.field_name,
            spec.category,
            spec.model,
            spec.json_path,
            connector_token=connector_token(spec.connector_name),
        )
        for spec in DEMO_OVERRIDES
    ]
