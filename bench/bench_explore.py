"""`fieldmap explore`: first frame, time to interactive on 20 MB, keystroke to value, tree.

Targets (issue 5): first frame on a small file ≤ 350 ms; interactive on a 20 MB file
≤ 650 ms; keystroke to updated value on the 20 MB payload ≤ 50 ms (simple path), 100 ms
(projection), 150 ms (filter); expanding any tree node of it ≤ 50 ms.

    .venv/bin/python bench/bench_explore.py [--runs 5]

First frames are measured in a real pseudo-terminal, process start to the first bytes of
the context bar on it. The rest runs in-process under `App.run_test` (headless: the
screen is composed and laid out, not written to a terminal).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from payloads import big_payload, rows
from terminal import time_to_paint

from fieldmap.core.inputs import load_rows
from fieldmap.tui.explore_app import ExploreApp
from fieldmap.tui.widgets.path_editor import DEBOUNCE_SECONDS, Evaluation, evaluate
from fieldmap.tui.widgets.payload_tree import PayloadTree

EXPRESSIONS = {
    "simple path": ("report.generated", 0.050),
    "projection": ("report.workers[*].name.first", 0.100),
    "filter": ("report.workers[?employment.status=='leave'].email", 0.150),
}
DEEP = ("report", "workers", 19_999, "phones", 0, "number")


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):.0f} ms (best {ms[0]:.0f}, worst {ms[-1]:.0f})"


def first_frames(path: Path, runs: int) -> list[float]:
    command = [sys.executable, "-m", "fieldmap", "explore", str(path)]
    return [time_to_paint(command, b"row 1/") for _ in range(runs)]


def import_time(runs: int) -> tuple[float, float]:
    """Seconds to start Python bare, and to start it and import the explore app."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = min(run("pass") for _ in range(runs))
    app = min(run("import fieldmap.cli, fieldmap.tui.explore_app") for _ in range(runs))
    return bare, app


async def until(condition: Callable[[], bool], timeout: float = 10) -> None:
    """Poll (every half millisecond) until `condition` holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the editor did not answer")
        await asyncio.sleep(0.0005)


async def in_process(big: Path, runs: int) -> None:
    start = time.perf_counter()
    loaded = load_rows(str(big))
    print(f"load_rows (read + orjson parse) of the 20 MB file: {time.perf_counter() - start:.3f} s")
    document = loaded.rows[0]
    app = ExploreApp(loaded)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        editor = app.screen.editor
        shown_at: list[float] = []
        located_at: list[float] = []
        show_value, show_located = editor._show, editor._located

        def record_value(evaluation: Evaluation, document: object) -> None:
            show_value(evaluation, document)
            shown_at.append(time.perf_counter())

        def record_located(evaluation: Evaluation, document: object) -> None:
            show_located(evaluation, document)
            located_at.append(time.perf_counter())

        # When the value is in the result view (painted at the next frame), and when the
        # tree gets the nodes to mark.
        editor._show, editor._located = record_value, record_located
        for name, (expression, target) in EXPRESSIONS.items():
            bare, shown, marked = [], [], []
            for _ in range(runs):
                start = time.perf_counter()
                evaluate(expression, document, True)
                bare.append(time.perf_counter() - start)
                editor.set_expression("")
                await until(lambda: all(w.is_finished for w in app.workers))
                await pilot.pause()
                start = time.perf_counter()
                editor.set_expression(expression)
                await until(lambda start=start: bool(shown_at) and shown_at[-1] > start)
                shown.append(shown_at[-1] - start)
                await until(lambda start=start: bool(located_at) and located_at[-1] > start)
                marked.append(located_at[-1] - start)
                await until(lambda: all(w.is_finished for w in app.workers))
            print(
                f"{name:<12} to value in the result view {summary(shown)}; evaluate() alone "
                f"{summary(bare)}; target {target * 1000:.0f} ms (+ {DEBOUNCE_SECONDS * 1000:.0f}"
                f" ms debounce while typing); tree marks follow at {summary(marked)}"
            )
        tree = app.screen.query_one(PayloadTree)
        tree.focus()

        async def press_right() -> None:
            """Includes Pilot's own waits for the app to be idle."""
            await pilot.press("right")

        async def expand_to_frame() -> None:
            """The expansion, then the layout and rendering of the next frame."""
            painted = asyncio.Event()
            tree.action_expand_node()
            tree.call_after_refresh(painted.set)
            await painted.wait()

        for name, steps in [
            ("report.generated (a string: the key press alone)", ("report", "generated")),
            ("report.workers (20,000 elements)", ("report", "workers")),
            ("workers[19999].phones[0] (deep)", DEEP[:-1]),
        ]:
            through_pilot, to_frame = [], []
            for times, expand in ((through_pilot, press_right), (to_frame, expand_to_frame)):
                for _ in range(runs):
                    assert tree.reveal(steps)
                    if tree.cursor_node.allow_expand:
                        tree.cursor_node.collapse()
                    await pilot.pause()
                    start = time.perf_counter()
                    await expand()
                    times.append(time.perf_counter() - start)
                    assert tree.cursor_node.is_expanded or not tree.cursor_node.allow_expand
            print(
                f"expand {name}: to the next frame {summary(to_frame)}; key press through "
                f"Pilot {summary(through_pilot)}; target 50 ms"
            )
        for name, steps in [
            ("report.workers (20,000 elements)", ("report", "workers", 0)),
            ("workers[19999].phones[0] (deep)", DEEP),
        ]:
            times = []
            for _ in range(runs):
                tree.show(document)  # nothing built below the root
                start = time.perf_counter()
                assert tree.reveal(steps)  # builds the first page of each node on the way
                times.append(time.perf_counter() - start)
            print(f"build {name} from a fresh tree, no paint: {summary(times)}")
        start = time.perf_counter()
        assert tree.reveal(DEEP)
        await pilot.pause()
        print(
            f"reveal {'.'.join(map(str, DEEP))} from the root: {summary([time.perf_counter() - start])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-terminal", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        small = Path(directory) / "small.json"
        small.write_text(json.dumps(rows(20)), encoding="utf-8")
        big = Path(directory) / "big.json"
        big.write_bytes(orjson.dumps(big_payload()))
        print(
            f"small file {small.stat().st_size / 1024:.1f} KiB; big {big.stat().st_size / 2**20:.1f} MiB"
        )
        bare, imported = import_time(args.runs)
        print(
            f"python -c pass {bare * 1000:.0f} ms; + import of fieldmap.cli and the explore app {imported * 1000:.0f} ms"
        )
        if args.skip_terminal:
            asyncio.run(in_process(big, args.runs))
            return
        print(
            f"first frame, small file (pty, process start → paint): {summary(first_frames(small, args.runs))}; target 350 ms"
        )
        print(
            f"first frame, 20 MB file (pty, process start → paint): {summary(first_frames(big, args.runs))}; target 650 ms"
        )
        asyncio.run(in_process(big, args.runs))


if __name__ == "__main__":
    main()
