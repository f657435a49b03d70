"""`count_rows`, an operation added by its engine method, its protocol line and its entry in
`api.extensions`' table alone: the same answers from the engine in-process and over HTTP
from `fieldmap serve`; a published-only server has no such route, and says so."""

from __future__ import annotations

import pytest

from fieldmap.core.errors import ExtensionUnavailableError, NotFoundError, RuleViolation
from fieldmap.core.models import build
from fieldmap.core.operations import NewRows
from fieldmap.core.row_models import RowsQuery

from .world import ACME_ROWS, ATS, HRIS


def employees(**source: str) -> RowsQuery:
    return build(RowsQuery, category=HRIS, model="employee", **source)


@pytest.mark.extension
async def test_row_count_is_the_connectors_synced_rows(backend, world):
    assert (await backend.count_rows(employees(connector_token=world.acme))).row_count == len(
        ACME_ROWS
    )
    assert (await backend.count_rows(employees(connector_token=world.globex))).row_count == 0
    assert (await backend.count_rows(employees(integration_slug="workday"))).row_count == 0


@pytest.mark.extension
async def test_row_count_of_an_appended_row_grows(backend, world, seeder):
    await seeder.append_rows(
        build(NewRows, connector_token=world.acme, category=HRIS, model="employee", rows=[{}])
    )
    counted = await backend.count_rows(employees(connector_token=world.acme))
    assert counted.row_count == len(ACME_ROWS) + 1


@pytest.mark.extension
@pytest.mark.parametrize(
    "source",
    [{"connector_token": "x" * 64}, {"integration_slug": "nope"}],
)
async def test_row_count_of_unknown_things_is_not_found(backend, world, source):
    with pytest.raises(NotFoundError):
        await backend.count_rows(employees(**source))
    with pytest.raises(NotFoundError):
        await backend.count_rows(
            build(RowsQuery, category=HRIS, model="nope", connector_token=world.acme)
        )


@pytest.mark.extension
async def test_row_count_of_a_category_the_connector_does_not_serve_is_refused(backend, world):
    with pytest.raises(RuleViolation, match="does not serve ATS"):
        await backend.count_rows(
            build(RowsQuery, category=ATS, model="candidate", connector_token=world.acme)
        )


async def test_a_published_only_server_has_no_row_count(backend, world, request):
    if "published" not in request.node.callspec.id:
        counted = await backend.count_rows(employees(connector_token=world.acme))
        assert counted.row_count == len(ACME_ROWS)
        return
    with pytest.raises(ExtensionUnavailableError, match="`count_rows`.*fieldmap serve"):
        await backend.count_rows(employees(connector_token=world.acme))
