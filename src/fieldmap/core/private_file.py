"""Files that may hold secrets (connector tokens): written readable by their owner only."""

from __future__ import annotations

import os

from fieldmap.core.errors import InputDataError


def write_private(path: str, text: str) -> None:
    """Write `text` to `path` with mode 0600, whatever the umask and whatever mode a file
    already there had; a failure is an `InputDataError` naming the file."""
    try:
        descriptor = os.open(os.path.expanduser(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(text)
    except OSError as error:
        raise InputDataError(f"cannot write {path}: {error.strerror}") from None
