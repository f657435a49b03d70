"""A connector's synced rows are kept as their text and parsed as they are read: a pass over
them (coverage, path discovery) holds neither the store nor the rows it has gone past. A
`GET /custom-fields` in another thread waited for the parse once (1.5 s on 50,000 rows)."""

from __future__ import annotations

import threading

from fieldmap.core.models import Category, NewConnector
from fieldmap.core.operations import NewRows

HRIS = Category.HRIS
GUARD_S = 10.0  # a thread still waiting by then is blocked, not slow


def test_a_pass_over_the_rows_leaves_the_store_to_other_threads(engine):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    rows = [{"n": n} for n in range(3)]
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=rows)
    )
    passing = iter(engine.synced_rows(acme.token, HRIS, "employee"))
    assert next(passing) == {"n": 0}  # the pass is under way, and stays so
    listed: list[object] = []
    lister = threading.Thread(target=lambda: listed.append(engine.list_fields()))
    lister.start()
    lister.join(GUARD_S)
    assert not lister.is_alive()
    assert listed == [[]]
    assert list(passing) == rows[1:]


def test_rows_are_parsed_when_read_and_not_kept(engine):
    acme = engine.create_connector(NewConnector(integration_slug="workday", name="Acme"))
    rows = [{"n": n, "tags": ["a", "b"]} for n in range(4)]
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=rows)
    )
    synced = engine.synced_rows(acme.token, HRIS, "employee")
    assert synced == rows and len(synced) == 4
    assert synced[1] == rows[1] and synced[-1] == rows[-1] and synced[1:3] == rows[1:3]
    assert synced[0] is not synced[0]  # a fresh parse: no caller can change another's rows
    assert synced is engine.synced_rows(acme.token, HRIS, "employee")  # the texts are kept
    engine.append_rows(
        NewRows(connector_token=acme.token, category=HRIS, model="employee", rows=[{"n": 9}])
    )
    assert engine.synced_rows(acme.token, HRIS, "employee") == [*rows, {"n": 9}]
