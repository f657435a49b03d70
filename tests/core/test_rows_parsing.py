"""Parsing a connector's synced rows (after an append, the memo is stale) must not hold the
store: a `GET /custom-fields` in another thread waited for it (1.5 s on 50,000 rows). The
parse is held open by the test, so nothing depends on how long parsing takes."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from fieldmap.core import engine as engine_module
from fieldmap.core.models import Category, NewConnector
from fieldmap.core.operations import NewRows

HRIS = Category.HRIS
GUARD_S = 10.0  # a thread still waiting by then is blocked, not slow


def test_parsing_rows_leaves_the_store_to_other_threads(engine, monkeypatch):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=[{"n": 1}])
    )
    parsing, may_finish = threading.Event(), threading.Event()

    @contextmanager
    def parse_held_open():
        parsing.set()
        may_finish.wait()  # set by the test's `finally`, whatever happens
        yield

    monkeypatch.setattr(engine_module, "collector_paused", parse_held_open)
    parsed: list[object] = []
    listed: list[object] = []
    reader = threading.Thread(
        target=lambda: parsed.append(engine.synced_rows(acme.token, HRIS, "employee"))
    )
    reader.start()
    try:
        assert parsing.wait(GUARD_S)
        lister = threading.Thread(target=lambda: listed.append(engine.list_fields()))
        lister.start()
        lister.join(GUARD_S)
        lister_blocked = lister.is_alive()
    finally:
        may_finish.set()
        reader.join()
    lister.join()
    assert not lister_blocked
    assert listed == [[]]
    assert parsed == [[{"n": 1}]]
