"""fieldmap's settings file: the remote Custom Fields API, and connector tokens people added.

One JSON file, `config.json` in `workspace.config_dir()`, always written with mode 0600
because it may hold an API key. Unknown keys are refused so that a typo is reported.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldmap.core import workspace
from fieldmap.core.errors import ConfigError

CONFIG_FILE = "config.json"
DEFAULT_API_KEY_ENV = "FIELDMAP_API_KEY"
REMOTE_PRESETS = {"us": "https://api.bindbee.dev", "eu": "https://api-eu.bindbee.dev"}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class KnownConnector(Settings):
    """A connector token a person added, for a server that cannot list its connectors."""

    token: str
    """The connector's token, as the server knows it (a secret: this file is 0600)."""
    name: str | None = None
    """What to call the connector on screen instead of its token."""
    integration_slug: str | None = None
    """The connector's integration, as the server said when the token was added."""


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
        self.path = path or workspace.config_dir() / CONFIG_FILE

    def load(self) -> Config:
        """The settings; all defaults when the file does not exist yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Config()
        except OSError as error:
            raise ConfigError(f"cannot read {self.path}: {error.strerror}") from None
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
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            os.replace(partial, self.path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise ConfigError(f"cannot write {self.path}: {error.strerror}") from None

    def remember_connector(self, base_url: str, connector: KnownConnector) -> None:
        """Add a known connector of the server at `base_url` (replacing one of that token)."""
        config = self.load()
        known = [c for c in config.known_connectors.get(base_url, []) if c.token != connector.token]
        config.known_connectors[base_url] = [*known, connector]
        self.save(config)
