"""`fieldmap export`, `diff` and `apply` on local data dirs and against a real `fieldmap
serve`: the file's mode and notice, diff's exit status as diff's, apply's questions, and the
backend options before or after every subcommand."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from fieldmap.cli import main, parser
from fieldmap.core.engine import Engine
from fieldmap.core.models import FieldOption, NewConnector, NewCustomField, build
from fieldmap.core.operations import NewRows, Scope, SetMapping
from fieldmap.core.store import Store
from tests.served import seeded_data_dir

TOKEN = "tok_cli_shared_000001"
OTHER_TOKEN = "tok_cli_other_000002"


@pytest.fixture(autouse=True)
def own_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FIELDMAP_API_KEY", raising=False)


def data_dir(path, seeded: bool) -> str:
    seeded_data_dir(path)
    store = Store.open(path)
    engine = Engine(store)
    engine.create_connector(build(NewConnector, integration_slug="workday", name="A"), token=TOKEN)
    if seeded:
        badge = engine.create_field(
            build(NewCustomField, name="badge_id", category="HRIS", model="employee")
        )
        for scope, path_ in [
            (Scope(integration_slug="workday"), "Worker_ID"),
            (Scope(connector_token=TOKEN), "badge"),
        ]:
            engine.set_mapping(SetMapping(field_id=badge.id, scope=scope, json_path=path_))
    store.close()
    return str(path)


@pytest.fixture
def dirs(tmp_path):
    return data_dir(tmp_path / "source", True), data_dir(tmp_path / "target", False)


def test_export_writes_a_private_file_that_says_it_holds_tokens(dirs, tmp_path, capsys):
    source, _ = dirs
    out = tmp_path / "config.json"
    out.write_text("old")
    out.chmod(0o644)
    assert main(["--data-dir", source, "export", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith('{\n  "NOTICE": "This file holds connector tokens')
    assert "holds connector tokens" in capsys.readouterr().err
    assert main(["export", "--data-dir", source]) == 0  # the option after the subcommand
    assert capsys.readouterr().out == out.read_text()


def test_diff_exits_1_when_it_differs_0_once_applied_2_on_errors(dirs, tmp_path, capsys):
    source, target = dirs
    document = tmp_path / "config.json"
    assert main(["--data-dir", source, "export", "-o", str(document)]) == 0
    assert main(["diff", str(document), "--data-dir", target]) == 1
    shown = capsys.readouterr().out
    assert "+ HRIS/employee/badge_id: field" in shown and "3 to create" in shown
    assert main(["--data-dir", target, "diff", str(document), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["create"] == 3

    assert main(["--data-dir", target, "apply", str(document), "--yes"]) == 0
    assert "Applied 3 steps." in capsys.readouterr().out
    assert main(["--data-dir", target, "diff", str(document)]) == 0
    assert "Nothing to apply." in capsys.readouterr().out

    (tmp_path / "bad.json").write_text('{"fieldmap": {"format": 2}}')
    assert main(["--data-dir", target, "diff", str(tmp_path / "bad.json")]) == 2
    assert "fieldmap.format: should be 1" in capsys.readouterr().err
    assert main(["--data-dir", target, "diff", str(tmp_path / "missing.json")]) == 2


def test_apply_asks_writes_nothing_on_no_or_dry_run_and_refuses_without_a_terminal(
    dirs, tmp_path, capsys, monkeypatch
):
    source, target = dirs
    document = tmp_path / "config.json"
    main(["--data-dir", source, "export", "-o", str(document)])
    assert main(["--data-dir", target, "apply", str(document), "--dry-run"]) == 0
    assert "Dry run: nothing written." in capsys.readouterr().out
    assert main(["--data-dir", target, "apply", str(document)]) == 2  # stdin is no terminal
    assert "give --yes" in capsys.readouterr().err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["--data-dir", target, "apply", str(document)]) == 1
    assert "Apply these 3 steps? [y/N] Nothing written." in capsys.readouterr().out
    assert main(["--data-dir", target, "diff", str(document)]) == 1  # still differs
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["--data-dir", target, "apply", str(document)]) == 0
    assert main(["--data-dir", target, "diff", str(document)]) == 0


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["diff", "f.json"],
        ["apply", "f.json"],
        ["find", "x"],
        ["import-rows", "--connector", "t", "--category", "HRIS", "--model", "m", "f"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_backend_options_go_before_or_after_every_subcommand(command, before):
    options = ["--data-dir", "/d", "--remote", "eu", "--api-key-env", "K"]
    args = parser().parse_args(options + command if before else command + options)
    assert (str(args.data_dir), args.remote, args.api_key_env) == ("/d", "eu", "K")
    neither = parser().parse_args(command)
    assert (neither.data_dir, neither.remote, neither.api_key_env) == (
        None,
        None,
        "FIELDMAP_API_KEY",
    )


def test_a_local_configuration_replicates_to_a_real_fieldmap_serve(
    served_api, tmp_path, capsys, monkeypatch
):
    source = tmp_path / "source"
    seeded_data_dir(source)
    store = Store.open(source)
    field = Engine(store).create_field(
        build(
            NewCustomField, name="badge_id", description="Badge", category="HRIS", model="employee"
        )
    )
    Engine(store).set_mapping(
        SetMapping(
            field_id=field.id, scope=Scope(integration_slug="workday"), json_path="Worker_ID"
        )
    )
    sizes = [FieldOption(value="s", label="Small"), FieldOption(value="l", label="Large")]
    Engine(store).create_field(
        build(
            NewCustomField,
            name="shirt_size",
            category="HRIS",
            model="employee",
            type="select",
            options=sizes,
        )
    )
    store.close()
    document = tmp_path / "config.json"
    assert main(["--data-dir", str(source), "export", "-o", str(document)]) == 0
    assert '"type": "select"' in document.read_text()
    monkeypatch.setenv("FIELDMAP_API_KEY", served_api.new_key())
    remote = ["--remote", served_api.base_url]
    assert main(["apply", str(document), "--yes", *remote]) == 0
    capsys.readouterr()
    assert main([*remote, "export"]) == 0
    assert capsys.readouterr().out == document.read_text()
    assert main([*remote, "diff", str(document)]) == 0


def test_apply_stopped_by_an_error_says_what_was_applied_and_removed_again(dirs, tmp_path, capsys):
    source, target = dirs
    document = tmp_path / "config.json"
    main(["--data-dir", source, "export", "-o", str(document)])
    unknown = document.read_text().replace(TOKEN, "tok_nowhere_0000000001")
    document.write_text(unknown)
    assert main(["--data-dir", target, "apply", str(document), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "fieldmap: stopped at + HRIS/employee/badge_id: mapping for connector tok_no…" in err
    assert "removed again, not to leave it half-mapped: HRIS/employee/badge_id" in err
    assert "applied (0):" in err and "not applied (1):" in err
    assert main(["--data-dir", target, "diff", str(document)]) == 1
    assert "3 to create" in capsys.readouterr().out  # nothing of the field stayed


def test_diff_reads_standard_input(dirs, tmp_path, capsys, monkeypatch):
    source, _ = dirs
    assert main(["--data-dir", source, "export"]) == 0
    exported = capsys.readouterr().out.encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(exported)))
    assert main(["--data-dir", source, "diff", "-"]) == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"[1, 2")))
    assert main(["--data-dir", source, "diff", "-"]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_apply_shows_the_impact_on_connectors_before_it_writes(dirs, tmp_path, capsys):
    source, target = dirs
    store = Store.open(Path(source))
    engine = Engine(store)
    engine.create_connector(
        build(NewConnector, integration_slug="workday", name="B"), token=OTHER_TOKEN
    )
    engine.append_rows(
        build(
            NewRows,
            connector_token=OTHER_TOKEN,
            category="HRIS",
            model="employee",
            rows=[{"Worker_ID": "W1", "Worker": {"ID": "X1"}}, {"Worker_ID": "W2"}],
        )
    )
    store.close()
    document = tmp_path / "config.json"
    main(["--data-dir", source, "export", "-o", str(document)])
    document.write_text(document.read_text().replace('"Worker_ID"', '"Worker.ID"'))
    capsys.readouterr()

    assert main(["--data-dir", source, "apply", str(document), "--dry-run"]) == 0
    shown = capsys.readouterr().out
    impact = shown[shown.index("Impact on connectors:") :].splitlines()
    assert impact[:5] == [
        "Impact on connectors:",
        "  HRIS/employee/badge_id · workday: 2 connectors, 1 with values that change",
        "    B (tok_cl…): 2 of 2 rows change, fill 100% -> 50%",
        '      latest: "W2" -> null',
        "    A (tok_cl…): its override wins, unaffected",
    ]
    assert all(len(line) <= 80 for line in shown.splitlines())

    assert main(["--data-dir", target, "apply", str(document), "--dry-run"]) == 0
    assert "1 organization mapping of fields this run creates" in capsys.readouterr().out
