"""The expressions a person typed, per (integration, model), most recent first.

Kept in `history.json` in the data dir (mode 0600, written whole and atomically; a
write that fails is a `StoreError`). Bounded:
`MAX_PER_CONTEXT` expressions for each of `MAX_CONTEXTS` contexts (the least recently used
context goes first), each of `MAX_JSON_PATH_LENGTH` characters at most (a longer one is
not kept). Nothing secret goes in: contexts are named by integration slug and model, never
by connector token, and only expressions are written. A file that cannot be read is an
empty history, never an error: losing it costs nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import orjson

from fieldmap.core.errors import StoreError
from fieldmap.core.models import MAX_JSON_PATH_LENGTH

FILE_NAME = "history.json"
MAX_PER_CONTEXT = 100
MAX_CONTEXTS = 200
_VERSION = 1


_WRITING = threading.Lock()


class ExpressionHistory:
    """The history file of a data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME

    def expressions(self, integration_slug: str, model: str) -> list[str]:
        """The context's expressions, most recent first."""
        return list(self._load().get(_context(integration_slug, model), []))

    def add(self, integration_slug: str, model: str, expression: str) -> list[str]:
        """Put `expression` first (once) in the context's history; returns the history."""
        with _WRITING:  # two workers' adds, each a read and a write of the file, lose none
            return self._add(integration_slug, model, expression.strip())

    def _add(self, integration_slug: str, model: str, expression: str) -> list[str]:
        contexts = self._load()
        key = _context(integration_slug, model)
        kept = [e for e in contexts.pop(key, []) if e != expression]
        if expression and len(expression) <= MAX_JSON_PATH_LENGTH:
            kept.insert(0, expression)
        contexts[key] = kept[:MAX_PER_CONTEXT]
        while len(contexts) > MAX_CONTEXTS:
            contexts.pop(next(iter(contexts)))
        self._save(contexts)
        return list(contexts[key])

    def search(self, text: str) -> list[tuple[str, str]]:
        """(context, expression) of every expression holding `text` (case-insensitive), for
        the command palette; the most recently used contexts first."""
        needle = text.lower()
        return [
            (context, expression)
            for context, expressions in reversed(self._load().items())
            for expression in expressions
            if needle in expression.lower()
        ]

    def _load(self) -> dict[str, list[str]]:
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return {}
        contexts = data.get("contexts")
        if not isinstance(contexts, dict):
            return {}
        return {
            str(key): [e for e in value if isinstance(e, str)][:MAX_PER_CONTEXT]
            for key, value in list(contexts.items())[-MAX_CONTEXTS:]
            if isinstance(value, list)
        }

    def _save(self, contexts: dict[str, list[str]]) -> None:
        # Imported here: the settings' models are not needed to read the history.
        from fieldmap.core.config import write_private_file

        data = orjson.dumps({"version": _VERSION, "contexts": contexts}).decode()
        try:
            write_private_file(self.path, data)
        except OSError as error:
            raise StoreError(f"cannot write {self.path}: {error.strerror}") from None


def _context(integration_slug: str, model: str) -> str:
    return f"{integration_slug}/{model}"
