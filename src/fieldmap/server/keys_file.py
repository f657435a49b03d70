"""The API key `fieldmap serve` makes for itself when it is given none.

Made once, kept in the config dir with mode 0600, printed only when it is made: later
starts reuse it silently (the file says where it is).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fieldmap.core.errors import ConfigError

KEY_FILE = "serve-api-key"


def stored_key(config_dir: Path) -> tuple[str, bool]:
    """The stored key, made and saved first if there is none; True when it was just made."""
    path = config_dir / KEY_FILE
    try:
        return path.read_text(encoding="utf-8").strip(), False
    except FileNotFoundError:
        pass
    except OSError as error:
        raise ConfigError(f"cannot read the API key file {path}: {error.strerror}") from None
    key = secrets.token_urlsafe(32)
    try:
        config_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server made it meanwhile: use that one
        return stored_key(config_dir)
    except OSError as error:
        raise ConfigError(f"cannot write the API key file {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key + "\n")
    return key, True
