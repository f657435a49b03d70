"""Synced-row generators, one module per integration, each following its sample's shape.

A generator takes a seeded `random.Random` and a `Tenant` and returns rows per model slug,
oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from random import Random
from typing import Any

from fieldmap.core.demo.generators import (
    bamboohr,
    docebo,
    greenhouse,
    lever,
    personio,
    workday,
)
from fieldmap.core.demo.tenant import Tenant

Generator = Callable[[Random, Tenant], dict[str, list[dict[str, Any]]]]

GENERATORS: dict[str, Generator] = {
    "workday": workday.generate,
    "bamboohr": bamboohr.generate,
    "personio": personio.generate,
    "greenhouse": greenhouse.generate,
    "lever": lever.generate,
    "docebo": docebo.generate,
}
