"""`fieldmap serve --workers 2`: two processes answer over the same database, and what one
writes, every one reads."""

from __future__ import annotations

import httpx
import pytest

from fieldmap.cli import main
from tests.served import isolated_env, running_server, seeded_data_dir


def test_two_workers_serve_the_same_database(tmp_path):
    env = isolated_env(tmp_path, FIELDMAP_API_KEYS="worker-key")
    args = ["--data-dir", str(seeded_data_dir(tmp_path / "data")), "--workers", "2"]
    with running_server(args, env, tmp_path / "out", tmp_path / "err") as base_url:
        headers = {"Authorization": "Bearer worker-key"}
        api = f"{base_url}/api/v1"
        created = httpx.post(
            f"{api}/connectors", headers=headers, json={"integration_slug": "workday", "name": "A"}
        )
        token = created.json()["token"]
        rows = {"category": "HRIS", "model": "employee", "rows": [{"id": 1}, {"id": 2}]}
        appended = httpx.post(f"{api}/connectors/{token}/rows", headers=headers, json=rows)
        assert appended.json() == {"row_count": 2}
        params = {"category": "HRIS", "model": "employee", "connector_token": token}
        # A new connection each: the kernel spreads them over the workers' shared socket.
        answers = [
            httpx.get(f"{api}/custom-fields/raw-data", headers=headers, params=params)
            for _ in range(12)
        ]
        assert {(answer.text, answer.headers["X-Raw-Data-Rows"]) for answer in answers} == {
            ('{"id":2}', "2")
        }
        assert httpx.get(f"{api}/lookup/models", headers={}).status_code == 401
    log = (tmp_path / "err").read_text()
    assert log.count("Started server process") == 2
    assert "worker-key" not in log


def test_workers_must_be_at_least_one(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--workers", "0"])
    assert exited.value.code == 2
    assert "0 is not a whole number of at least 1" in capsys.readouterr().err
