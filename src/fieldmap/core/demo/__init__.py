"""The demo dataset: the catalogue every data dir holds, and the default organization's demo."""

from __future__ import annotations

from fieldmap.core.demo.catalog import build_catalog
from fieldmap.core.demo.dataset import Catalog

__all__ = ["catalog"]


def catalog() -> Catalog:
    """Unified models, integrations, and a raw sample per model each integration serves."""
    return build_catalog()
