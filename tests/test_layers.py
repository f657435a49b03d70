"""The layers only point down: the core knows nothing of the UI or of HTTP."""

import subprocess
import sys

CORE_MODULES = [
    "fieldmap.core.engine",
    "fieldmap.core.jmes",
    "fieldmap.core.models",
    "fieldmap.core.store",
    "fieldmap.core.workspace",
    "fieldmap.core.seed",
    "fieldmap.core.values",
    "fieldmap.core.demo",
    "fieldmap.core.config",
    "fieldmap.backends.local",
    "fieldmap.api.errors",
    "fieldmap.api.redact",
    "fieldmap.api.schemas",
]


def imported_by(modules: list[str]) -> set[str]:
    """Top-level packages in sys.modules after importing `modules` in a fresh interpreter."""
    script = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    script += "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_core_imports_neither_textual_nor_rich_nor_http():
    loaded = imported_by(CORE_MODULES)
    assert "fieldmap" in loaded
    assert not loaded & {"textual", "rich", "httpx", "fastapi", "starlette", "uvicorn"}


def test_the_remote_client_needs_no_server_and_the_server_no_client():
    assert not imported_by(["fieldmap.backends.remote", "fieldmap.backends.factory"]) & {
        "fastapi", "starlette", "uvicorn", "textual"
    }
    assert "httpx" not in imported_by(["fieldmap.server.app", "fieldmap.server.run"])
