"""The local engine: the custom-fields rules of one organization, over a `Store`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from fieldmap.core import jmes, parallel
from fieldmap.core.columns import Work
from fieldmap.core.configurations import ConfigurationOperations, require_serves
from fieldmap.core.conversions import conversions_of
from fieldmap.core.engine_base import (
    CATEGORY_ORDER,
    DEFAULT_ORG,
    connector_from_row,
    integration_from_row,
    now,
)
from fieldmap.core.errors import NoRawDataError, NotFoundError, RuleViolation, Violation
from fieldmap.core.field_types import require_sound, spec_of
from fieldmap.core.find_engine import FindOperations
from fieldmap.core.ids import new_connector_token
from fieldmap.core.impact_report import impact_result, overrides_result, reached_integrations
from fieldmap.core.models import (
    Category,
    Connector,
    Integration,
    Model,
    NewConnector,
    RawDataSource,
)
from fieldmap.core.operations import (
    Conversions,
    ConversionsRequest,
    IntegrationConfiguration,
    IntegrationConfigurationRequest,
    NewRows,
    RawDataRequest,
    RowCount,
)
from fieldmap.core.operations_impact import (
    ConnectorOverrideChange,
    ImpactRequest,
    ImpactResult,
    OverridesReport,
    OverridesRequest,
)
from fieldmap.core.row_models import (
    Coverage,
    CoverageRequest,
    PathDiscovery,
    PreviewRequest,
    PreviewResult,
    RawData,
    RowsQuery,
)
from fieldmap.core.row_sources import JsonTexts
from fieldmap.core.row_texts import ObjectTexts

__all__ = ["DEFAULT_ORG", "Engine"]


class Engine(ConfigurationOperations, FindOperations):
    """Every operation of the contract for the organization `org`; results are domain models."""

    # -- lookups ---------------------------------------------------------------------------

    def list_models(self, category: Category | None = None) -> list[Model]:
        with self.store.read() as db:
            rows = db.execute(
                "SELECT slug, display_name, category FROM models"
                f" WHERE ?1 IS NULL OR category = ?1 ORDER BY {CATEGORY_ORDER}, rowid",
                (category,),
            ).fetchall()
        return [Model(slug=s, display_name=d, category=c) for s, d, c in rows]

    def list_integrations(self, category: Category | None = None) -> list[Integration]:
        with self.store.read() as db:
            rows = db.execute(
                "SELECT slug, display_name, categories FROM integrations ORDER BY display_name"
            ).fetchall()
        integrations = [integration_from_row(row) for row in rows]
        return [i for i in integrations if category is None or category in i.categories]

    # -- connectors ------------------------------------------------------------------------

    def list_connectors(self) -> list[Connector]:
        with self.store.read() as db:
            rows = db.execute(
                "SELECT c.token, c.integration_slug, c.name, i.categories FROM connectors c"
                " JOIN integrations i ON i.slug = c.integration_slug"
                " WHERE c.org = ? ORDER BY c.created_at, c.name",
                (self.org,),
            ).fetchall()
        return [connector_from_row(row) for row in rows]

    def create_connector(self, new: NewConnector, token: str | None = None) -> Connector:
        """Create a connector; `token` is issued unless given (demo data and imports)."""
        integration = self._integration(new.integration_slug)
        connector = Connector(
            token=token or new_connector_token(),
            integration_slug=integration.slug,
            name=new.name,
            categories=integration.categories,
        )
        with self.store.write() as db:
            db.execute(
                "INSERT INTO connectors (token, org, integration_slug, name, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (connector.token, self.org, connector.integration_slug, connector.name, now()),
            )
        return connector

    def append_rows(self, synced: NewRows) -> RowCount:
        """Append synced rows, the last one becoming the latest; answers the row count."""
        connector_token = synced.connector_token
        connector = self.connector(connector_token)
        self._require_model(synced.category, synced.model)
        require_serves(connector, synced.category, ("body", "category"))
        stored = (
            synced.rows.texts
            if isinstance(synced.rows, ObjectTexts)
            else [_as_json(row, ("body", "rows", index)) for index, row in enumerate(synced.rows)]
        )
        with self.store.write() as db:
            first = self._row_count(db, connector_token, synced.category, synced.model)
            db.executemany(
                "INSERT INTO synced_rows (connector_token, category, model, position, data)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (connector_token, synced.category, synced.model, position, data)
                    for position, data in enumerate(stored, start=first)
                ),
            )
            if isinstance(synced.rows, ObjectTexts):
                # Checked aside while the insert ran: its verdict comes before the commit.
                db.executemany(
                    "UPDATE synced_rows SET data = ? WHERE connector_token = ?"
                    " AND category = ? AND model = ? AND position = ?",
                    (
                        (data, connector_token, synced.category, synced.model, first + index)
                        for index, data in synced.rows.settle().items()
                    ),
                )
            db.execute(
                "INSERT INTO synced_row_counts (connector_token, category, model, count)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (connector_token, category, model)"
                " DO UPDATE SET count = count + excluded.count",
                (connector_token, synced.category, synced.model, len(stored)),
            )
            count = self._row_count(db, connector_token, synced.category, synced.model)
        return RowCount(row_count=count)

    # -- raw data and preview --------------------------------------------------------------

    def raw_data(self, request: RawDataRequest) -> RawData:
        """The connector's synced row (`row`, default the latest; negative counts from the
        end), or the integration's sample when the connector has none or none is given."""
        category, model, row = request.category, request.model, request.row
        connector_token, integration_slug = request.connector_token, request.integration_slug
        self._require_model(category, model)
        if connector_token is not None:
            connector = self.connector(connector_token)
            integration_slug = connector.integration_slug
            with self.store.read() as db:
                count = self._row_count(db, connector_token, category, model)
                if count:
                    index = _row_index(row, count)
                    (data,) = db.execute(
                        "SELECT data FROM synced_rows WHERE connector_token = ?"
                        " AND category = ? AND model = ? AND position = ?",
                        (connector_token, category, model, index),
                    ).fetchone()
                    return RawData(
                        data=orjson.loads(data),
                        source=RawDataSource.CONNECTOR_SYNC,
                        row_index=index,
                        row_count=count,
                    )
        assert integration_slug is not None
        if row is not None:
            raise NotFoundError(f"no row {row}: there are no synced rows, only a sample")
        return RawData(
            data=self._sample(integration_slug, category, model),
            source=RawDataSource.INTEGRATION_SAMPLE,
        )

    def synced_rows(self, connector_token: str, category: Category, model: str) -> Sequence[Any]:
        """Every synced row of a connector for (category, model), oldest first, each parsed
        when read (their texts are kept while unchanged, since coverage reads them again on
        every keystroke; no row is kept parsed past a pass)."""
        self.connector(connector_token)
        key = (connector_token, category, model)
        where = "WHERE connector_token = ? AND category = ? AND model = ?"
        with self.store.read() as db:
            # The kept count and the last id (the index's end), not count(*): that walks
            # every row's index entry, 12 ms at 100,000 rows.
            (last,) = db.execute(f"SELECT max(id) FROM synced_rows {where}", key).fetchone()
            version = (self._row_count(db, *key), last)

        def read() -> JsonTexts:
            # Rows up to the version's last id: what was appended since is the next version.
            with self.store.read() as db:
                texts = db.execute(
                    f"SELECT data FROM synced_rows {where} AND id <= ? ORDER BY id",
                    (*key, last),
                ).fetchall()
            return JsonTexts([text for (text,) in texts])

        return self.store.memo(key, version, read)

    def context_rows(self, query: RowsQuery) -> tuple[Sequence[Any], RawDataSource]:
        """The connector's synced rows, else (no rows, or no connector) the sample alone."""
        if query.connector_token is not None:
            rows = self.synced_rows(query.connector_token, query.category, query.model)
            if rows:
                return rows, RawDataSource.CONNECTOR_SYNC
        raw = self.raw_data(_latest_row(query))
        return [raw.data], raw.source

    def coverage(self, request: CoverageRequest) -> Coverage:
        """How `json_path` fares across the context's rows."""
        jmes.compile_path(request.json_path)  # a syntax error fails before rows are read
        spec = spec_of(request.type, request.options)
        require_sound(spec)
        rows, source = self.context_rows(request)
        return parallel.coverage(request.json_path, rows, source, spec)

    def conversions(self, request: ConversionsRequest) -> Conversions:
        """Conversions of `json_path` that make more of the context's values fit `type`."""
        jmes.compile_path(request.json_path)
        rows, source = self.context_rows(request)
        return conversions_of(request, rows, source)

    def discover_paths(self, query: RowsQuery) -> PathDiscovery:
        """Every leaf path of the context's rows."""
        rows, source = self.context_rows(query)
        paths = parallel.discover_paths(rows)
        return PathDiscovery(rows=len(rows), raw_data_source=source, paths=paths)

    def count_rows(self, query: RowsQuery) -> RowCount:
        """The connector's synced rows of (category, model), counted without reading one; an
        integration's sample alone has none."""
        self._require_model(query.category, query.model)
        if query.connector_token is None:
            self._integration(query.integration_slug or "")
            return RowCount(row_count=0)
        connector = self.connector(query.connector_token)
        require_serves(connector, query.category, ("query", "category"))
        with self.store.read() as db:
            count = self._row_count(db, connector.token, query.category, query.model)
        return RowCount(row_count=count)

    def preview(self, request: PreviewRequest) -> PreviewResult:
        """Evaluate `json_path` against the raw data (or the inline `raw_data`); no writes."""
        compiled = jmes.compile_path(request.json_path)
        if "raw_data" in request.model_fields_set:
            self._require_model(request.category, request.model)
            if request.connector_token is not None:
                self.connector(request.connector_token)
            if request.integration_slug is not None:
                self._integration(request.integration_slug)
            data, source = request.raw_data, RawDataSource.INLINE
        else:
            raw = self.raw_data(_latest_row(request))
            data, source = raw.data, raw.source
        outcome = jmes.search(compiled, data)
        if isinstance(outcome, jmes.PathError):
            raise outcome.to_exception(request.json_path)
        return PreviewResult(
            connector_token=request.connector_token,
            json_path=request.json_path,
            resolved_value=outcome.value,
            resolved_value_type=outcome.type,
            raw_data_source=source,
        )

    # -- impact of a change, overrides report --------------------------------------------

    def impact(self, request: ImpactRequest, work: Work | None = None) -> ImpactResult:
        """What the change does to every connector it reaches, across all their rows."""
        change = request.change
        field = self.get_field(change.field_id)
        if isinstance(change, ConnectorOverrideChange):
            self.connector(change.connector_token)
        connectors = self.list_connectors()
        configurations = [
            self._configuration_of(slug, field.category, field.model)
            for slug in reached_integrations(change, field, connectors)
        ]
        rows = self._rows_of(configurations)
        return impact_result(change, field, configurations, rows, _names(connectors), work=work)

    def overrides(self, request: OverridesRequest, work: Work | None = None) -> OverridesReport:
        """Every connector override of the integration's model against its organization's
        mapping, across the connector's rows."""
        configuration = self._configuration_of(request.integration, request.category, request.model)
        rows = self._rows_of([configuration])
        return overrides_result(configuration, rows, _names(self.list_connectors()), work=work)

    def _configuration_of(
        self, slug: str, category: Category, model: str
    ) -> IntegrationConfiguration:
        request = IntegrationConfigurationRequest(integration=slug, category=category, model=model)
        return self.integration_configuration(request)

    def _rows_of(self, configurations: list[IntegrationConfiguration]) -> dict[str, list[Any]]:
        return {
            c.connector_token: self.synced_rows(c.connector_token, c.category, c.model)
            for configuration in configurations
            for c in configuration.connectors
        }

    # -- catalogue (not part of the API: what every data dir holds) ------------------------

    def insert_catalog(
        self,
        models: Iterable[Model],
        integrations: Iterable[Integration],
        samples: dict[tuple[str, Category, str], Any],
    ) -> None:
        with self.store.write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO models (category, slug, display_name) VALUES (?, ?, ?)",
                ((m.category, m.slug, m.display_name) for m in models),
            )
            db.executemany(
                "INSERT OR REPLACE INTO integrations (slug, display_name, categories)"
                " VALUES (?, ?, ?)",
                ((i.slug, i.display_name, orjson.dumps(i.categories)) for i in integrations),
            )
            db.executemany(
                "INSERT OR REPLACE INTO integration_samples"
                " (integration_slug, category, model, data) VALUES (?, ?, ?, ?)",
                ((slug, c, m, orjson.dumps(data)) for (slug, c, m), data in samples.items()),
            )

    # -- helpers ---------------------------------------------------------------------------

    def _sample(self, integration_slug: str, category: Category, model: str) -> Any:
        integration = self._integration(integration_slug)
        with self.store.read() as db:
            row = db.execute(
                "SELECT data FROM integration_samples"
                " WHERE integration_slug = ? AND category = ? AND model = ?",
                (integration.slug, category, model),
            ).fetchone()
        if row is None:
            raise NoRawDataError(
                f"{integration.display_name} has no {category}/{model} sample and the "
                "connector has no synced row"
            )
        return orjson.loads(row[0])

    @staticmethod
    def _row_count(db: sqlite3.Connection, token: str, category: Category, model: str) -> int:
        found = db.execute(
            "SELECT count FROM synced_row_counts"
            " WHERE connector_token = ? AND category = ? AND model = ?",
            (token, category, model),
        ).fetchone()
        return found[0] if found else 0


def _names(connectors: list[Connector]) -> dict[str, str]:
    return {c.token: c.name for c in connectors}


def _latest_row(query: RowsQuery | PreviewRequest) -> RawDataRequest:
    return RawDataRequest(
        category=query.category,
        model=query.model,
        connector_token=query.connector_token,
        integration_slug=query.integration_slug,
    )


def _as_json(value: Any, loc: tuple[str | int, ...]) -> bytes:
    """`value` as JSON; what that cannot hold (integers past 64 bits, nesting past 254
    levels, lone surrogates) is a rule violation at `loc`, not a crash further on."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError as error:
        raise RuleViolation(Violation(loc, f"cannot be handled as JSON: {error}")) from None


def _row_index(row: int | None, count: int) -> int:
    index = count - 1 if row is None else row + count if row < 0 else row
    if not 0 <= index < count:
        raise NotFoundError(f"no row {row}: the connector has {count} rows")
    return index
