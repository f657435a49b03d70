"""The demo dataset: the catalogue every data dir holds, and the default organization's demo.

Both are deterministic. `catalog()` is cheap and builds fresh objects on every call.
`demo_content()` takes about 0.15 s (5,000 Workday workers among its rows), so it is built
once and the same objects are returned afterwards: treat them as read-only.
"""

from __future__ import annotations

from functools import lru_cache

from fieldmap.core.demo.catalog import build_catalog
from fieldmap.core.demo.connectors import build_connectors
from fieldmap.core.demo.dataset import Catalog, DemoContent
from fieldmap.core.demo.fields import build_fields, build_mappings

__all__ = ["catalog", "demo_content"]


def catalog() -> Catalog:
    """Unified models, integrations, and a raw sample per model each integration serves."""
    return build_catalog()


@lru_cache(maxsize=1)
def demo_content() -> DemoContent:
    """Connectors with synced rows, custom fields, and their mappings (cached, read-only)."""
    return DemoContent(
        connectors=build_connectors(), fields=build_fields(), mappings=build_mappings()
    )
