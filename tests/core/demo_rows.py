"""The demo's rows, read back from a real store made in a temp dir by the seed code."""

from __future__ import annotations

from typing import Any

import pytest

from fieldmap.core.demo import demo_content
from fieldmap.core.engine import Engine
from fieldmap.core.models import Category
from fieldmap.core.workspace import open_store

ACME = demo_content().connectors[0]  # Acme Corp's Workday: 5,000 employees


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory) -> Engine:
    store = open_store(tmp_path_factory.mktemp("demo") / "data")
    yield Engine(store)
    store.close()


@pytest.fixture(scope="module")
def acme_employees(demo_engine) -> list[Any]:
    return demo_engine.synced_rows(ACME.token, Category.HRIS, "employee")
