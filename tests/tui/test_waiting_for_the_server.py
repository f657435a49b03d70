"""While the remote client waits to try a server again (a 429 with Retry-After), the
context bar says it is waiting, how long and why; the wait is held open by the test."""

from __future__ import annotations

import asyncio

from fieldmap.backends.remote import RemoteBackend
from fieldmap.core.config import ConfigFile
from fieldmap.tui.app import FieldmapApp
from tests.backends.misbehaving import answer, misbehaving_server

from .driving import settle, text_of, until


async def test_the_context_bar_says_when_and_why_it_waits_for_the_server(tmp_path):
    released = asyncio.Event()

    async def held_sleep(seconds: float) -> None:
        await released.wait()

    async with misbehaving_server(answer(429, headers={"Retry-After": "5"})) as (url, _):
        app = FieldmapApp(
            lambda: RemoteBackend(
                url, "some-key", sleep=held_sleep, config_file=ConfigFile(tmp_path / "c.json")
            )
        )
        async with app.run_test(size=(160, 48)) as pilot:
            bar = app.screen.context_bar
            await until(pilot, lambda: "waiting 5 s" in text_of(bar))
            assert f"waiting 5 s to try {url} again: it is rate limiting" in text_of(bar)
            released.set()
            await settle(pilot)
            assert "waiting" not in text_of(bar)
            assert "rate limiting" in text_of(app.screen.query_one("#payload-source"))
