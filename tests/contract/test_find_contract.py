"""Finding the data through every backend: search, go to a record, fallbacks and the unified
output; on a published-only server, of the latest row of each known connector, said."""

from __future__ import annotations

import pytest

from fieldmap.core.errors import NotFoundError, RuleViolation
from fieldmap.core.find_operations import (
    FallbacksRequest,
    RecordRequest,
    SearchRequest,
    UnifiedOutputRequest,
)
from fieldmap.core.models import NewCustomField, NewMapping, RawDataSource, build
from fieldmap.core.operations import ConfigurationRequest, NewRows

from .world import HRIS


@pytest.fixture
def published(request) -> bool:
    return "published" in request.node.callspec.id


async def known(backend, token):
    """A published-only server lists no connector: the person adds its token first."""
    await backend.remember_connector(
        build(ConfigurationRequest, connector_token=token, category=HRIS, model="employee")
    )


async def test_search_finds_a_value_with_its_path_on_the_connector(backend, world, published):
    await known(backend, world.acme)
    result = await backend.search(SearchRequest(query="+33 6", category=HRIS, model="employee"))
    (acme,) = [s for s in result.sources if s.connector_token == world.acme]
    (hit,) = acme.hits
    assert (hit.path, hit.matched_on) == ("contact.guardian.mobile", "value")
    assert acme.raw_data_source is RawDataSource.CONNECTOR_SYNC
    assert result.matched and acme.only_latest_row is published
    if published:  # the latest row alone: the third
        assert (acme.rows, hit.rows_matching, hit.first_row, hit.sample) == (
            1, 1, 0, "+33 6 00 00 00 03",
        )  # fmt: skip
    else:
        assert (acme.rows, hit.rows_matching, hit.rows_with_path, hit.first_row) == (3, 2, 2, 0)
        assert hit.share_with_path == pytest.approx(2 / 3, abs=1e-4)


async def test_search_covers_the_integration_samples_and_keys(backend):
    result = await backend.search(SearchRequest(query="worker_id", integration_slug="workday"))
    assert result.sources and {s.raw_data_source for s in result.sources} == {
        RawDataSource.INTEGRATION_SAMPLE
    }
    assert any(h.matched_on in ("key", "key and value") for s in result.sources for h in s.hits)
    assert not result.only_latest_row


async def test_nothing_found_is_an_empty_result(backend, world):
    result = await backend.search(SearchRequest(query="no-such-value", category=HRIS))
    assert not result.matched and result.sources


async def test_a_bad_search_is_refused_with_its_reason(backend):
    with pytest.raises(RuleViolation, match="not a regular expression"):
        await backend.search(SearchRequest(query="/(/"))
    with pytest.raises(RuleViolation):
        build(SearchRequest, query="")
    with pytest.raises(NotFoundError):
        await backend.search(SearchRequest(query="x", model="nope"))


@pytest.mark.extension
async def test_a_record_is_found_by_its_id_among_every_row(backend, world):
    found = await backend.find_record(
        RecordRequest(connector_token=world.acme, category=HRIS, model="employee", value="2")
    )
    assert (found.rows, found.found_by, found.rows_matching) == ([1], {1: "id"}, 1)
    assert found.position(1) == "row 2 of 3" and found.next_row(1) == 1
    assert not found.only_latest_row


async def test_a_record_by_an_explicit_path_and_value(backend, world, published):
    found = await backend.find_record(
        RecordRequest(connector_token=world.acme, category=HRIS, model="employee", value="id == 3")
    )
    assert found.paths == ["id"]
    assert found.rows == ([0] if published else [2]) and found.only_latest_row is published


async def fallback_rows(seeder, backend, token):
    rows = [{"badge": "B-1"}, {"alt": "B-2"}, {"badge": None, "alt": "B-3"}]
    await seeder.append_rows(
        build(NewRows, connector_token=token, category=HRIS, model="employee", rows=rows)
    )
    await known(backend, token)


async def test_fallbacks_fill_the_rows_an_expression_leaves_null(backend, seeder, world, published):
    await fallback_rows(seeder, backend, world.globex)
    result = await backend.suggest_fallbacks(
        FallbacksRequest(
            connector_token=world.globex, category=HRIS, model="employee", json_path="badge"
        )
    )
    best = result.suggestions[0]
    assert (best.expression, best.fallbacks) == ("badge || alt", ["alt"])
    assert result.only_latest_row is published
    if published:
        assert (best.filled_before, best.filled, best.coverage, best.sample) == (0, 1, 1.0, "B-3")
    else:
        assert (best.filled_before, best.filled, best.sample_row, best.sample) == (1, 3, 1, "B-2")


async def test_the_unified_output_of_the_latest_row(backend, world, published):
    field = await backend.create_field(
        NewCustomField(name="guardian_mobile", category=HRIS, model="employee")
    )
    await backend.create_mapping(
        NewMapping(
            custom_field_id=field.id,
            integration_slug="workday",
            json_path="contact.guardian.mobile",
        )
    )
    request = UnifiedOutputRequest(connector_token=world.acme, category=HRIS, model="employee")
    output = await backend.unified_output(request)
    assert output.custom_fields == {"guardian_mobile": "+33 6 00 00 00 03"}
    assert output.row == (0 if published else 2)  # a published server numbers no row
    assert output.only_latest_row is published
    if not published:
        assert (output.rows, output.complete_rows, output.first_incomplete_row) == (3, 2, 1)
        second = await backend.unified_output(request.model_copy(update={"row": 1}))
        assert second.custom_fields == {"guardian_mobile": None}
