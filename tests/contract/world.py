"""The connectors every contract test starts from."""

from __future__ import annotations

from dataclasses import dataclass

from fieldmap.core.models import Category

HRIS, ATS = Category.HRIS, Category.ATS


@dataclass
class World:
    """Connectors every contract test starts from."""

    acme: str  # workday, three synced employee rows
    globex: str  # workday, no synced rows
    hired: str  # greenhouse


ACME_ROWS = [
    {"id": 1, "contact": {"guardian": {"mobile": "+33 6 00 00 00 01"}}, "tags": ["a"]},
    {"id": 2, "contact": {}, "tags": []},
    {"id": 3, "contact": {"guardian": {"mobile": "+33 6 00 00 00 03"}}, "tags": ["c", "d"]},
]
