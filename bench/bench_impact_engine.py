"""The impact screen's figures as the engine computes them (`Engine.impact`, one call:
configurations and rows read from the store of a fresh demo data dir), and the overrides
report, on Workday's 5,000 + 180 rows. The target: within a second. The peer is the core
computation on rows already in memory (bench/bench_impact.py's), measured in the same run.

.venv/bin/python bench/bench_impact_engine.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_impact import NEW_BADGE_PATH, best_of
from fieldmap.core.engine import Engine
from fieldmap.core.impact import SetOrganizationMapping, impact
from fieldmap.core.models import Category
from fieldmap.core.operations import FieldsQuery
from fieldmap.core.operations_impact import (
    FieldDeletion,
    ImpactRequest,
    OrganizationMappingChange,
    OverridesRequest,
)
from fieldmap.core.workspace import open_store
from tests.core.demo_state import demo_state, field_id

HRIS = Category.HRIS


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = Engine(open_store(Path(directory) / "data"))
        badge = next(
            f.id
            for f in engine.list_fields(FieldsQuery(category=HRIS, model="employee"))
            if f.name == "badge_id"
        )
        change = OrganizationMappingChange(
            field_id=badge, integration_slug="workday", json_path=NEW_BADGE_PATH
        )
        request = ImpactRequest(change=change)
        first = time.perf_counter()
        engine.impact(request)
        print(
            f"Engine.impact, first call (rows read and parsed): {time.perf_counter() - first:.3f} s"
        )
        ours = best_of(3, lambda: engine.impact(request))
        state = demo_state("workday", HRIS, "employee")
        core_change = SetOrganizationMapping(field_id(HRIS, "employee", "badge_id"), NEW_BADGE_PATH)
        peer = best_of(3, lambda: impact(state, core_change))
        print(
            f"Engine.impact of badge_id's new path: {ours:.3f} s vs the core on rows in memory"
            f" {peer:.3f} s: {ours / peer:.2f}x; {ours:.2f} of the 1 s target"
        )
        deletion = ImpactRequest(change=FieldDeletion(field_id=badge))
        ours = best_of(3, lambda: engine.impact(deletion))
        print(f"Engine.impact of deleting badge_id (every HRIS integration): {ours:.3f} s")
        report = OverridesRequest(integration="workday", category=HRIS, model="employee")
        ours = best_of(3, lambda: engine.overrides(report))
        print(f"Engine.overrides of workday employee: {ours:.3f} s")
        engine.store.close()


if __name__ == "__main__":
    main()
