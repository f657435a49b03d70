"""`fieldmap find TEXT`: every model's connectors and samples, exit status as grep's; on
the local engine's demo data and against a real `fieldmap serve`."""

from __future__ import annotations

import json

from fieldmap.cli import main
from tests.served import acme_with_rows


def test_an_employee_id_is_found_on_its_connector_with_the_path(demo_dir, capsys):
    assert main(["--data-dir", demo_dir, "find", "25999", "--model", "employee"]) == 0
    out = capsys.readouterr().out
    assert "HRIS/employee · Acme Corp — Workday (workday, connector demo_" in out
    assert (
        'Worker_Data.Worker_ID  [value] 1 row of 5,000 · path on 100% · first row 5,000 · "25999"'
        in out
    )
    assert "only the latest row" not in out


def test_json_output_groups_hits_by_source_with_every_figure(demo_dir, capsys):
    assert main(["--data-dir", demo_dir, "find", "guardian", "--category", "HRIS", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["matched"] is True
    with_hits = {(s["name"], s["model"]): s for s in found["sources"] if s["hits"]}
    personio = with_hits["Umbrella GmbH — Personio", "employee"]
    assert personio["hits"][0] == {
        "path": "attributes.dynamic_1234.label",
        "matched_on": "value",
        "rows_matching": 90,
        "rows_with_path": 90,
        "share_with_path": 1.0,
        "first_row": 0,
        "sample": "Guardian mobile",
        "value_path": "attributes.dynamic_1234.value",  # the label's value: what to map
    }
    assert personio["connector"].endswith("…")  # a token is shortened, never printed whole
    assert {s["category"] for s in found["sources"]} == {"HRIS"}


def test_nothing_found_is_exit_status_1_and_an_error_is_2(demo_dir, capsys):
    assert main(["--data-dir", demo_dir, "find", "no-such-value-anywhere"]) == 1
    assert "0 paths matched" in capsys.readouterr().out
    assert main(["--data-dir", demo_dir, "find", "/(/"]) == 2
    assert "not a regular expression" in capsys.readouterr().err
    assert main(["--data-dir", demo_dir, "find", "x", "--model", "nope"]) == 2


def test_a_served_instance_searches_every_row_with_its_search_extension(
    served_api, monkeypatch, capsys, tmp_path
):
    rows = [{"badge": "B-old"}, {"badge": "B-latest", "name": "Ana"}]
    key = served_api.seeded_key(lambda backend: acme_with_rows(backend, rows), tmp_path)
    monkeypatch.setenv("FIELDMAP_API_KEY", key)
    remote = ["--remote", served_api.base_url, "find"]
    assert main([*remote, "b-LATEST", "--model", "employee"]) == 0
    out = capsys.readouterr().out
    assert "HRIS/employee · Acme (workday, connector " in out and "2 rows" in out
    assert "badge  [value] 1 row of 2 · path on 100% · first row 2" in out
    assert "only the latest row" not in out
    assert main([*remote, "B-old", "--model", "employee"]) == 0
