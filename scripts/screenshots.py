"""Draw the README's pictures: every scenario of tests/tui/scenarios.py, on the demo data,
as an SVG in screenshots/. Run it from the repository root whenever the UI changes:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the scenarios live with the tests that check them

from tests.tui.scenarios import SCENARIOS, Scenario

OUTPUT = ROOT / "screenshots"


async def draw(scenario: Scenario) -> str:
    app = scenario.app()
    async with app.run_test(size=scenario.size) as pilot:
        await scenario.run_before(pilot)
        await pilot.pause()
        svg = app.export_screenshot(title=f"{app.title} — {scenario.name.replace('_', ' ')}")
    # The SVG's element ids hash styles that vary from run to run: name them after the
    # scenario, so that a picture changes only when what it shows changes.
    return re.sub(r"terminal-\d+", f"fieldmap-{scenario.name}", svg)


def main() -> int:
    OUTPUT.mkdir(exist_ok=True)
    for scenario in SCENARIOS:
        path = OUTPUT / f"{scenario.name}.svg"
        path.write_text(asyncio.run(draw(scenario)), encoding="utf-8")
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
