"""The main states of the workbench on the demo data, shared by the snapshot tests and
`scripts/screenshots.py` (which draws the README's pictures from them)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from fieldmap.backends.local import LocalBackend
from fieldmap.core.engine import Engine
from fieldmap.core.inputs import parse_rows
from fieldmap.core.workspace import open_store
from fieldmap.tui.app import FieldmapApp
from fieldmap.tui.explore_app import ExploreApp

from .driving import settle, steady_cursors, walk_to

WIDE, NARROW = (160, 48), (80, 24)
PHONE_STEPS = ("Worker_Data", "Personal_Data", "Contact_Data", "Phone_Data", 0, "Formatted_Phone")


def demo_app() -> FieldmapApp:
    """The workbench on a fresh in-memory demo store: nothing differs from run to run
    (no path, clock or random token on screen)."""
    return FieldmapApp(lambda: LocalBackend(Engine(open_store(None))))


def explore_app() -> ExploreApp:
    """`fieldmap explore` on a small NDJSON file of people (with gaps, arrays and markup)."""
    names = ["Ana", "José", "[bold red]Zoë[/]", "Li", "Priya"]
    people = [
        {
            "id": n,
            "name": {"first": names[n % 5], "last": None if n % 4 == 0 else "Müller"},
            "phones": [{"type": "mobile", "number": f"+1 415 555 {n:04d}"}] if n % 3 else [],
            "employment": {"status": ["active", "leave"][n % 2], "salary": 50_000 + n},
        }
        for n in range(12)
    ]
    text = "\n".join(json.dumps(person) for person in people).encode()
    return ExploreApp(parse_rows(text, "people.ndjson"))


async def explore_projection(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("4", *"phones[*].number", "enter")
    await settle(pilot)


async def explore_paths(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("5", *"name")
    await settle(pilot)


async def paths_pane(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("5", *"Birth")
    await settle(pilot)


async def opened(pilot: Pilot) -> None:
    await settle(pilot)


async def node_picked(pilot: Pilot) -> None:
    await settle(pilot)
    await walk_to(pilot, PHONE_STEPS)
    await pilot.press("enter")
    await settle(pilot)


async def expression_error(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("4", *"Worker_Data.Related_Person_Data[?Emergency_Contact", "enter")
    await settle(pilot)


async def coverage(pilot: Pilot) -> None:
    """badge_id's organization mapping across Acme's 5,000 rows (Enter on it in the
    configuration puts it into the editor)."""
    await settle(pilot)
    await pilot.press("3", "enter")
    await settle(pilot)


async def why_null(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("4", *"Worker_Data.Personal_Data.Contact_data.Phone_Data", "enter")
    await settle(pilot)


async def unmapped_only(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("3", "u")
    await settle(pilot)


async def replacing_a_mapping(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("4", *"Worker_Data.User_ID", "enter", "escape", "3", "down", "m")
    await settle(pilot)
    await pilot.press("ctrl+s")  # badge_id has an organization mapping for Workday already
    await settle(pilot)


async def new_field(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("n", *"Shirt-Size")
    await settle(pilot)


async def browse(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)


async def help_screen(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


@dataclass(frozen=True)
class Scenario:
    name: str
    size: tuple[int, int]
    drive: Callable[[Pilot], Awaitable[None]]
    app: Callable[[], App[Any]] = demo_app

    async def run_before(self, pilot: Pilot) -> None:
        await self.drive(pilot)
        steady_cursors(pilot)


SCENARIOS = [
    Scenario("opened_wide", WIDE, opened),
    Scenario("opened_narrow", NARROW, opened),
    Scenario("node_picked_wide", WIDE, node_picked),
    Scenario("node_picked_narrow", NARROW, node_picked),
    Scenario("expression_error_wide", WIDE, expression_error),
    Scenario("expression_error_narrow", NARROW, expression_error),
    Scenario("coverage_wide", WIDE, coverage),
    Scenario("coverage_narrow", NARROW, coverage),
    Scenario("why_null_wide", WIDE, why_null),
    Scenario("why_null_narrow", NARROW, why_null),
    Scenario("unmapped_only_wide", WIDE, unmapped_only),
    Scenario("unmapped_only_narrow", NARROW, unmapped_only),
    Scenario("replacing_a_mapping_wide", WIDE, replacing_a_mapping),
    Scenario("replacing_a_mapping_narrow", NARROW, replacing_a_mapping),
    Scenario("new_field_narrow", NARROW, new_field),
    Scenario("browse_narrow", NARROW, browse),
    Scenario("help_narrow", NARROW, help_screen),
    Scenario("paths_wide", WIDE, paths_pane),
    Scenario("paths_narrow", NARROW, paths_pane),
    Scenario("explore_wide", WIDE, explore_projection, explore_app),
    Scenario("explore_narrow", NARROW, explore_projection, explore_app),
    Scenario("explore_paths_narrow", NARROW, explore_paths, explore_app),
]
