"""fieldmap's settings file: the remote Custom Fields API, connector tokens people added, and
the keys of the TUI.

One JSON file, `config.json` in `workspace.config_dir()`, always written whole (a temporary
file moved into place) with mode 0600 because it may hold an API key. Unknown keys are
refused so that a typo is reported. Changes hold a lock file beside it, so that two
fieldmaps remembering connectors at once both keep theirs.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldmap.core import workspace
from fieldmap.core.errors import ConfigError
from fieldmap.core.models import FieldOption, FieldType
from fieldmap.core.presets import REMOTE_PRESETS

CONFIG_FILE = workspace.CONFIG_FILE

BindingId = Annotated[str, Field(min_length=1, max_length=100)]
Keys = Annotated[str, Field(min_length=1, max_length=200)]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, defer_build=True)


class KnownConnector(Settings):
    """A connector token a person added, for a server that cannot list its connectors."""

    token: str
    """The connector's token, as the server knows it (a secret: this file is 0600)."""
    name: str | None = None
    """What to call the connector on screen instead of its token."""
    integration_slug: str | None = None
    """The connector's integration, as the server said when the token was added."""


class DeclaredType(Settings):
    """A field's type, kept here for a server that does not keep types itself."""

    type: FieldType
    """What the field holds."""
    options: list[FieldOption] = Field(default_factory=list)
    """The choices of a select or multiselect field."""


class RemoteSettings(Settings):
    base_url: str | None = None
    """`us`, `eu` or the base URL of a Custom Fields API; used when `--remote` is not given."""
    api_key: str | None = None
    """The API key, for when the environment variable of `--api-key-env` holds none."""


class Config(Settings):
    remote: RemoteSettings = Field(default_factory=RemoteSettings)
    """The remote Custom Fields API."""
    known_connectors: dict[str, list[KnownConnector]] = Field(default_factory=dict)
    """Connector tokens people added, by the base URL of their server."""
    field_types: dict[str, dict[str, DeclaredType]] = Field(default_factory=dict)
    """Fields' types, by the base URL of a server that does not keep them, then field id."""
    keymap: dict[BindingId, Keys] = Field(default_factory=dict)
    """The TUI's keys by binding id, e.g. `{"workbench.new_field": "ctrl+n"}` (several keys
    joined by commas); the help screen (`?`) shows each key's id. Others keep their key."""


def base_url_of(remote: str) -> str:
    """The base URL meant by `us`, `eu` or a URL, without a trailing slash."""
    url = REMOTE_PRESETS.get(remote.lower(), remote).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"--remote must be us, eu or an http(s) URL, not {remote!r}")
    return url


class ConfigFile:
    """The config file at `path` (default: `config.json` in the config dir)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or workspace.config_path()

    def load(self) -> Config:
        """The settings; all defaults when the file does not exist yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Config()
        except OSError as error:
            raise ConfigError(f"cannot read {self.path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{self.path} is not UTF-8 text") from None
        try:
            return Config.model_validate_json(text)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, item['loc'])) or 'the file'}: {item['msg']}"
                for item in error.errors(include_url=False)
            )
            raise ConfigError(f"{self.path} is not a valid fieldmap config: {problems}") from None

    def save(self, config: Config) -> None:
        """Write the settings atomically, readable by their owner only."""
        text = json.dumps(config.model_dump(mode="json", exclude_defaults=True), indent=2)
        try:
            write_private_file(self.path, text + "\n")
        except OSError as error:
            raise ConfigError(f"cannot write {self.path}: {error.strerror}") from None

    def remember_connector(self, base_url: str, connector: KnownConnector) -> None:
        """Add a known connector of the server at `base_url` (replacing one of that token)."""
        with self._locked():
            config = self.load()
            known = config.known_connectors.get(base_url, [])
            known = [c for c in known if c.token != connector.token]
            config.known_connectors[base_url] = [*known, connector]
            self.save(config)

    def declare_type(self, base_url: str, field_id: str, declared: DeclaredType | None) -> None:
        """Keep (None: forget) the type of a field of the server at `base_url`."""
        with self._locked():
            config = self.load()
            declarations = config.field_types.setdefault(base_url, {})
            declarations.pop(field_id, None)
            if declared is not None:
                declarations[field_id] = declared
            if not declarations:
                del config.field_types[base_url]
            self.save(config)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock beside the file (waiting for it) while the block reads and writes."""
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        descriptor = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as error:
            if descriptor is not None:
                os.close(descriptor)
            raise ConfigError(f"cannot lock {self.path}: {error.strerror}") from None
        try:
            yield
        finally:
            os.close(descriptor)  # which releases the lock


def write_private_file(path: Path, text: str, *, replace: bool = True) -> None:
    """Write `text` to `path` with mode 0600, whole or not at all: into a temporary file
    beside it, then moved into place. With `replace` false a file already at `path` stays
    and FileExistsError is raised. Other failures raise OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(partial, path)
        else:
            os.link(partial, path)  # atomic, and fails rather than replace a file
    finally:
        Path(partial).unlink(missing_ok=True)
