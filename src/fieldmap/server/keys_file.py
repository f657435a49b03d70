"""The API key `fieldmap serve` makes for itself when it is given none.

Made once, kept in the config dir with mode 0600, printed only when it is made: later
starts reuse it silently (the file says where it is). The file appears whole or not at all
(written aside, then linked into place), so a server starting alongside never reads half
of it; an empty one is refused, since an empty key would let in requests with no key.
"""

from __future__ import annotations

from pathlib import Path

from fieldmap.core.config import write_private_file
from fieldmap.core.errors import ConfigError
from fieldmap.core.ids import url_safe_secret

KEY_FILE = "serve-api-key"


def stored_key(config_dir: Path) -> tuple[str, bool]:
    """The stored key, made and saved first if there is none; True when it was just made."""
    path = config_dir / KEY_FILE
    try:
        return _read_key(path), False
    except FileNotFoundError:
        pass
    key = url_safe_secret(32)
    try:
        write_private_file(path, key + "\n", replace=False)
    except FileExistsError:  # another server made it meanwhile: use that one
        return _read_key(path), False
    except OSError as error:
        raise ConfigError(f"cannot write the API key file {path}: {error.strerror}") from None
    return key, True


def _read_key(path: Path) -> str:
    """The key in `path`; FileNotFoundError when there is no such file."""
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ConfigError(f"cannot read the API key file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"the API key file {path} is not UTF-8 text: delete it to have a new key made"
        ) from None
    if not key:
        raise ConfigError(
            f"the API key file {path} is empty: delete it to have a new key made, "
            "or give keys with --api-key"
        )
    return key
