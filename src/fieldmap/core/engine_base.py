"""What every part of the engine stands on: the organization, and the lookups of models,
integrations and connectors that the rules check requests against."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from fieldmap.core.errors import NotFoundError
from fieldmap.core.ids import short_token
from fieldmap.core.models import Category, Connector, Integration
from fieldmap.core.store import Store

DEFAULT_ORG = "default"
# Categories in the order of `Category` (HRIS, ATS, LMS), wherever rows are sorted by one.
CATEGORY_ORDER = (
    "CASE category "
    + " ".join(f"WHEN '{category.value}' THEN {n}" for n, category in enumerate(Category))
    + " END"
)


class EngineBase:
    """The organization `org` over a `Store`, and the checks shared by every operation."""

    def __init__(self, store: Store, org: str = DEFAULT_ORG) -> None:
        self.store = store
        self.org = org

    def _require_model(self, category: Category, model: str) -> None:
        with self.store.read() as db:
            found = db.execute(
                "SELECT 1 FROM models WHERE category = ? AND slug = ?", (category, model)
            ).fetchone()
        if not found:
            raise NotFoundError(f"no model {model!r} in category {category}")

    def _integration(self, slug: str) -> Integration:
        with self.store.read() as db:
            row = db.execute(
                "SELECT slug, display_name, categories FROM integrations WHERE slug = ?", (slug,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no integration {slug!r}")
        return integration_from_row(row)

    def connector(self, token: str) -> Connector:
        """The connector with this token, if it is this organization's."""
        with self.store.read() as db:
            row = db.execute(
                "SELECT c.token, c.integration_slug, c.name, i.categories FROM connectors c"
                " JOIN integrations i ON i.slug = c.integration_slug"
                " WHERE c.token = ? AND c.org = ?",
                (token, self.org),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no connector with token {short_token(token)}")
        return connector_from_row(row)


def now() -> str:
    return datetime.now(UTC).isoformat()


def integration_from_row(row: tuple) -> Integration:
    slug, display_name, categories = row
    return Integration(slug=slug, display_name=display_name, categories=orjson.loads(categories))


def connector_from_row(row: tuple) -> Connector:
    token, slug, name, categories = row
    return Connector(
        token=token, integration_slug=slug, name=name, categories=orjson.loads(categories)
    )
