"""The layers only point down: the core knows nothing of the UI or of HTTP."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

PURE_PACKAGES = ["fieldmap.core", "fieldmap.api"]


def modules_of(package_name: str) -> list[str]:
    """Every module of a package, found on disk, so that a new module is checked too."""
    package = importlib.import_module(package_name)
    found = [package_name]
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
        found.append(module.name)
    return found


CORE_MODULES = [m for p in PURE_PACKAGES for m in modules_of(p)] + ["fieldmap.backends.local"]


def imported_by(modules: list[str]) -> set[str]:
    """Top-level packages in sys.modules after importing `modules` in a fresh interpreter."""
    script = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    script += "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_core_imports_neither_textual_nor_rich_nor_http():
    assert "fieldmap.core.why_null" in CORE_MODULES
    loaded = imported_by(CORE_MODULES)
    assert "fieldmap" in loaded
    assert not loaded & {"textual", "rich", "httpx", "fastapi", "starlette", "uvicorn"}


def test_the_remote_client_needs_no_server_and_the_server_no_client():
    assert not imported_by(["fieldmap.backends.remote", "fieldmap.backends.factory"]) & {
        "fastapi",
        "starlette",
        "uvicorn",
        "textual",
    }
    assert "httpx" not in imported_by(["fieldmap.server.app", "fieldmap.server.run"])


def test_the_import_contracts_hold():
    """pyproject.toml's import-linter contracts: layers point down, backends and server are
    independent, the core and the contract import no UI or HTTP, the TUI no server and has
    no import cycle, its own layers pointing down."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
