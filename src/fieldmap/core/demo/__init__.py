"""The default organization's demo (the catalogue every data dir holds is
`fieldmap.core.catalogue`'s).

It is deterministic. `demo_content()` takes about 0.15 s (5,000 Workday workers among its rows), so it is built
once and the same objects are returned afterwards: treat them as read-only.
"""

from __future__ import annotations

from functools import lru_cache

from fieldmap.core.demo.connectors import build_connectors
from fieldmap.core.demo.dataset import DemoContent
from fieldmap.core.demo.fields import build_fields, build_mappings
from fieldmap.core.demo.overrides import demo_override_mappings

__all__ = ["demo_content"]


@lru_cache(maxsize=1)
def demo_content() -> DemoContent:
    """Connectors with synced rows, custom fields, and their mappings (cached, read-only)."""
    return DemoContent(
        connectors=build_connectors(),
        fields=build_fields(),
        mappings=build_mappings() + demo_override_mappings(),
    )
