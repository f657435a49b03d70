"""`fieldmap overrides`: the demo's redundant and broken overrides, text and JSON, exit
status 0/1/2; on the local demo data dir and against a real `fieldmap serve`."""

from __future__ import annotations

import json

import pytest

from fieldmap.backends.remote import RemoteBackend
from fieldmap.cli import main
from fieldmap.core.models import Category, NewCustomField
from fieldmap.core.operations import Scope, SetMapping
from tests.served import acme_with_rows

HRIS = Category.HRIS


def _overrides(demo_dir, integration, *more):
    return main(
        ["--data-dir", demo_dir, "overrides", "--integration", integration, "--model", "employee"]
        + list(more)
    )


def test_the_redundant_demo_override_is_reported_and_the_exit_status_is_0(demo_dir, capsys):
    assert _overrides(demo_dir, "bamboohr") == 0
    out = capsys.readouterr().out
    assert "HRIS/employee · bamboohr: 1 connector override" in out
    assert "REDUNDANT  cost_center · Initech — BambooHR" in out
    assert "240 rows: same on 240" in out
    assert "latest row only" not in out


def test_a_broken_override_exits_1_and_says_where_it_loses_values(demo_dir, capsys):
    assert _overrides(demo_dir, "personio") == 1
    out = capsys.readouterr().out
    assert "BROKEN     guardian_mobile · Umbrella GmbH — Personio" in out
    assert "loses values on rows 0, 1, 2, 3, 4" in out


def test_json_holds_every_figure_and_no_whole_token(demo_dir, capsys):
    assert _overrides(demo_dir, "workday", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    (finding,) = report["findings"]
    assert (finding["connector_name"], finding["field_name"]) == ("Globex — Workday", "cost_center")
    assert finding["verdict"] == "better" and finding["flags"] == ["better"]
    assert finding["override_only"] == finding["rows"] > 0
    assert finding["connector_token"].endswith("…")
    assert report["only_latest_row"] is False


@pytest.mark.parametrize(
    ("integration", "more", "message"),
    [
        ("nope", [], "nope"),
        ("workday", ["--category", "ATS"], "no model 'employee' in category ATS"),
    ],
)
def test_unknown_things_exit_2_with_a_message(demo_dir, capsys, integration, more, message):
    assert _overrides(demo_dir, integration, *more) == 2
    assert message in capsys.readouterr().err


def test_a_served_instance_gives_the_same_report_over_every_row(
    served_api, monkeypatch, capsys, tmp_path
):
    async def seed(backend: RemoteBackend) -> None:
        acme = await acme_with_rows(
            backend, [{"badge": "B-1"}, {"badge": "B-2", "old_badge": "B-2"}]
        )
        field = await backend.create_field(
            NewCustomField(name="badge_id", category=HRIS, model="employee")
        )
        for scope, path in (
            (Scope(integration_slug="workday"), "badge"),
            (Scope(connector_token=acme.token), "old_badge"),
        ):
            await backend.set_mapping(SetMapping(field_id=field.id, scope=scope, json_path=path))

    key = served_api.seeded_key(seed, tmp_path)
    monkeypatch.setenv("FIELDMAP_API_KEY", key)
    args = ["--remote", served_api.base_url, "overrides", "--integration", "workday"]
    assert main([*args, "--model", "employee"]) == 1
    out = capsys.readouterr().out
    assert "BROKEN     badge_id · Acme" in out
    assert "2 rows: same on 1" in out and "loses values on rows 0" in out
    assert "latest row only" not in out
