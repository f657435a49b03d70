"""The example scripts keep working: they are how a newcomer first walks the engine."""

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_local_flow_walks_from_discovery_to_configuration():
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "local_flow.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "raw data from connector_sync" in result.stdout
    assert "preview: +1" in result.stdout
    acme, globex = result.stdout.split("Globex — Workday:")
    assert "work_phone               organization" in acme
    assert "work_phone               connector" in globex
