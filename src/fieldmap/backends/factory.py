"""The backend the command line asks for: the local engine, or a remote Custom Fields API.

- `--remote us|eu|URL`, else the config file's `remote.base_url`: remote, with the key from
  the environment variable named by `--api-key-env` (default `FIELDMAP_API_KEY`), else
  the config file's `remote.api_key`. An explicit `--data-dir` means local all the same.
- otherwise: the local engine on `--data-dir` (or `$FIELDMAP_DATA_DIR`, or the platform's
  data dir), created with the demo data the first time.

Opening does no network I/O: a remote server is first asked by the first call.
"""

from __future__ import annotations

import argparse
import os

from fieldmap.backends.protocol import Backend
from fieldmap.core import workspace
from fieldmap.core.config import ConfigFile, base_url_of
from fieldmap.core.engine import Engine
from fieldmap.core.errors import ConfigError
from fieldmap.core.presets import DEFAULT_API_KEY_ENV


def open_backend(args: argparse.Namespace, config_file: ConfigFile | None = None) -> Backend:
    """The backend for parsed command-line `args` (`remote`, `api_key_env`, `data_dir`)."""
    config_file = config_file or ConfigFile()
    config = config_file.load()
    data_dir = getattr(args, "data_dir", None)
    remote = getattr(args, "remote", None) or (None if data_dir else config.remote.base_url)
    if remote is None:
        from fieldmap.backends.local import LocalBackend

        return LocalBackend(Engine(workspace.open_store(workspace.data_dir(data_dir))))

    from fieldmap.backends.remote import RemoteBackend

    base_url = base_url_of(remote)
    variable = getattr(args, "api_key_env", None) or DEFAULT_API_KEY_ENV
    if api_key := os.environ.get(variable, "").strip():
        key_hint = f"the environment variable {variable}"
    elif api_key := (config.remote.api_key or "").strip():
        key_hint = f"remote.api_key in {config_file.path}"
    else:
        raise ConfigError(
            f"no API key for {base_url}: set the environment variable {variable} "
            f"(or name another with --api-key-env), or remote.api_key in {config_file.path}"
        )
    return RemoteBackend(base_url, api_key, key_hint=key_hint, config_file=config_file)
