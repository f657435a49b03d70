"""Every error fieldmap raises on purpose derives from `FieldmapError`.

The tree, which callers (the TUI, the server, the CLI) catch by branch:

    FieldmapError
    ├── NotFoundError            an id, token, slug or (category, model) does not exist
    │   └── NoRawDataError           no synced row and no sample for the context
    ├── ConflictError            a duplicate field name, or a second mapping at one scope
    │   └── StaleRevisionError       a write based on a revision that is no longer current
    ├── RuleViolation            a request breaks a rule of the contract (HTTP 422)
    │   └── InvalidJsonPathError     the JMESPath does not compile or fails to evaluate
    ├── InputDataError           a JSON / NDJSON file or payload that cannot be read
    ├── StoreError               the local database cannot be opened, read or written
    │   └── StoreBusyError           another process held the database for too long
    ├── ConfigError              a setting (option, environment variable, config file) unusable
    └── BackendError             talking to a remote Custom Fields API went wrong
        ├── UnreachableError         connect error or timeout: nothing was answered
        ├── AuthenticationError      401: the API key is missing or wrong
        ├── ServerError              5xx (or 429 after the retries ran out)
        ├── UnexpectedResponseError  the body is not what the API promises
        └── ExtensionUnavailableError    the server lacks a local-engine extension

Third-party exceptions (sqlite3, jmespath, httpx, json) are translated into this
tree where they are caught; none of them escape a public function of fieldmap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldmap.core.models import CustomField, Mapping


@dataclass(frozen=True)
class Violation:
    """One broken rule, located like an item of FastAPI's `HTTPValidationError.detail`."""

    loc: tuple[str | int, ...]
    msg: str
    type: str = "value_error"
    ctx: dict[str, object] = field(default_factory=dict)


class FieldmapError(Exception):
    """Root of every error fieldmap raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(FieldmapError):
    """The id, token, slug or (category, model) asked for does not exist (or is not yours)."""


class NoRawDataError(NotFoundError):
    """The context exists but has no raw row: no synced row and no integration sample (the
    API answers raw data `null` for it)."""


class ConflictError(FieldmapError):
    """The write would duplicate a field name or a mapping at the same scope."""


class StaleRevisionError(ConflictError):
    """The field or mapping changed since the revision a write was based on (HTTP 412):
    `current` is the version that is there now, when known (None: it is gone, or the
    server did not say)."""

    def __init__(self, message: str, current: CustomField | Mapping | None = None) -> None:
        super().__init__(message)
        self.current = current


class RuleViolation(FieldmapError):
    """A request breaks one or more rules of the custom-fields contract."""

    def __init__(self, violations: list[Violation] | Violation) -> None:
        self.violations = [violations] if isinstance(violations, Violation) else violations
        super().__init__("; ".join(_describe(v) for v in self.violations))


class InvalidJsonPathError(RuleViolation):
    """The JMESPath does not compile (with its 0-based column) or fails at run time."""

    code = "INVALID_JSON_PATH"

    def __init__(
        self,
        message: str,
        expression: str,
        column: int | None = None,
        loc: tuple[str | int, ...] = ("body", "json_path"),
    ) -> None:
        self.reason = message
        self.expression = expression
        self.column = column
        ctx: dict[str, object] = {"expression": expression}
        if column is not None:
            ctx["column"] = column
        super().__init__(Violation(loc, message, self.code, ctx))


class InputDataError(FieldmapError):
    """A JSON document, NDJSON stream or file could not be read; says where, when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(f"{message}{where}")


class StoreError(FieldmapError):
    """The local database cannot be opened, read or written (a full disk, a read-only
    directory, a file that is not a fieldmap database, a schema newer than this fieldmap)."""


class StoreBusyError(StoreError):
    """Another process kept the database locked longer than the busy timeout."""


class ConfigError(FieldmapError):
    """A command-line option, environment variable or config file entry cannot be used."""


class BackendError(FieldmapError):
    """Talking to a remote Custom Fields API failed."""


class UnreachableError(BackendError):
    """The server could not be reached or did not answer in time."""


class AuthenticationError(BackendError):
    """The server refused the API key (HTTP 401)."""


class ServerError(BackendError):
    """The server failed (5xx, or 429 after every retry); `status` is its HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class UnexpectedResponseError(BackendError):
    """The server answered with a body that does not match the API's contract."""


class ResponseTooLargeError(UnexpectedResponseError):
    """The server's answer is larger than the client reads."""


class ExtensionUnavailableError(BackendError):
    """The server does not offer a local-engine extension (connector listing, coverage…)."""


def _describe(violation: Violation) -> str:
    where = ".".join(str(part) for part in violation.loc if part != "body")
    return f"{where}: {violation.msg}" if where else violation.msg
