"""JMESPath for fieldmap: compile once, evaluate, type results, and write the path of a node.

Evaluation errors are values (`PathError`), never exceptions, so that a person typing an
expression one character at a time sees a message instead of a crash.
"""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import jmespath
from jmespath import exceptions as jp_errors
from jmespath.parser import ParsedResult

from fieldmap.core.budget import BudgetedInterpreter
from fieldmap.core.errors import InvalidJsonPathError
from fieldmap.core.lazy_json import ARRAY_TYPES
from fieldmap.core.models import MAX_EXPRESSION_LENGTH, JsonType

COMPILE_CACHE_SIZE = 1024

# This module is the one boundary between the jmespath package and fieldmap: whatever it
# raises, compiling or evaluating, is the expression's failure, never fieldmap's. Besides
# its own errors, it lets through ValueError and TypeError (a slice step of 0),
# OverflowError (`floor(`1e999`)`), RecursionError (deep expressions or data), MemoryError,
# and the budgets' `TooExpensive`; which one it is, is no reason to crash.
FAILURES = (Exception,)
# `'text'` raw-string literals stay valid JMESPath; the package's nag would reach the terminal.
warnings.filterwarnings("ignore", "deprecated string literal syntax", PendingDeprecationWarning)

_GENERIC_PARSE_MESSAGE = "Invalid jmespath expression"
_PLAIN_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Resolved:
    """The value an expression selected."""

    value: Any

    @property
    def type(self) -> JsonType:
        return json_type(self.value)


@dataclass(frozen=True, slots=True)
class PathError:
    """Why an expression gave no value: a syntax error (with its column) or a runtime one."""

    message: str
    kind: Literal["syntax", "runtime"]
    column: int | None = None

    def to_exception(self, expression: str) -> InvalidJsonPathError:
        return InvalidJsonPathError(self.message, expression, self.column)


Outcome = Resolved | PathError


def json_type(value: Any) -> JsonType:
    """The JSON type name of a decoded JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, ARRAY_TYPES):
        return "array"
    return "object"


def compile_path(expression: str) -> ParsedResult:
    """Compile `expression` (cached), raising `InvalidJsonPathError` with its column."""
    try:
        return _compile(expression)
    except FAILURES as error:
        raise _syntax_error(error, expression).to_exception(expression) from None


def check(expression: str) -> PathError | None:
    """The syntax error of `expression`, or None when it compiles."""
    try:
        _compile(expression)
    except FAILURES as error:
        return _syntax_error(error, expression)
    return None


def evaluate(expression: str, data: Any) -> Outcome:
    """Evaluate `expression` against `data`; errors come back as a `PathError`."""
    try:
        compiled = _compile(expression)
    except FAILURES as error:
        return _syntax_error(error, expression)
    return search(compiled, data)


def search(compiled: ParsedResult, data: Any) -> Outcome:
    """Run an already compiled expression within the budgets of one row; errors (a budget
    spent too) come back as a `PathError`."""
    try:
        return Resolved(BudgetedInterpreter().visit(compiled.parsed, data))
    except FAILURES as error:
        return PathError(runtime_message(error), "runtime")


def search_parsed(tree: dict, data: Any) -> Any:
    """Evaluate one node of a compiled expression's syntax tree; None if it fails."""
    try:
        return BudgetedInterpreter().visit(tree, data)
    except FAILURES:
        return None


class _EveryElement:
    """The step "every element of an array", written `[*]`."""

    def __reduce__(self) -> str:
        return "EVERY_ELEMENT"  # one instance, also across processes (pickled by name)

    def __repr__(self) -> str:
        return "[*]"


EVERY_ELEMENT = _EveryElement()
Step = str | int | _EveryElement


def path_of(steps: Sequence[Step]) -> str:
    """The JMESPath selecting the node reached by `steps` (keys, indices, `EVERY_ELEMENT`)
    from the root."""
    parts: list[str] = []
    for step in steps:
        if step is EVERY_ELEMENT:
            parts.append("[*]")
        elif isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + quote_identifier(step))
    return "".join(parts) or "@"


def quote_identifier(key: str) -> str:
    """`key` as a JMESPath identifier: bare when it can be, else a quoted identifier."""
    if _PLAIN_IDENTIFIER.fullmatch(key):
        return key
    # Readable unicode stays; characters that would act on a terminal or reorder text
    # (controls, bidi and other format characters, unassigned ones) are \u-escaped, which
    # names the same key.
    quoted = json.dumps(key, ensure_ascii=False)
    return "".join(json.dumps(c)[1:-1] if _acts_on_terminal(c) else c for c in quoted)


def _acts_on_terminal(character: str) -> bool:
    return unicodedata.category(character)[0] == "C" or character in "\u2028\u2029"


@lru_cache(maxsize=COMPILE_CACHE_SIZE)
def _compile(expression: str) -> ParsedResult:
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise _TooLong(MAX_EXPRESSION_LENGTH)
    compiled = jmespath.compile(expression)
    if _exposes_reference(compiled.parsed):
        raise _ExposedReference(expression.find("&"))
    return compiled


class _ExposedReference(ValueError):
    """`&expr` anywhere but as a function's argument: its result is no JSON value."""

    def __init__(self, column: int) -> None:
        super().__init__(column)
        self.column = max(column, 0)


class _TooLong(ValueError):
    """Longer than any expression fieldmap evaluates (mappings have a shorter rule)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the expression is longer than {limit:,} characters")
        self.column = limit


def _exposes_reference(tree: dict, argument: bool = False) -> bool:
    if tree.get("type") == "expref" and not argument:
        return True
    in_function = tree.get("type") == "function_expression"
    return any(
        _exposes_reference(child, argument=in_function)
        for child in tree.get("children", ())
        if isinstance(child, dict)
    )


def _syntax_error(error: Exception, expression: str) -> PathError:
    if isinstance(error, _ExposedReference):
        return PathError(
            "`&` makes an expression reference, which is only an argument of a function "
            "such as sort_by(@, &name)",
            "syntax",
            error.column,
        )
    if isinstance(error, _TooLong):
        return PathError(str(error), "syntax", error.column)
    if isinstance(error, RecursionError):
        return PathError("the expression is nested too deeply", "syntax", 0)
    if isinstance(error, jp_errors.EmptyExpressionError):
        return PathError("the expression is empty", "syntax", 0)
    if isinstance(error, jp_errors.LexerError):
        return PathError(error.message, "syntax", error.lexer_position)
    if isinstance(error, jp_errors.IncompleteExpressionError):
        return PathError("the expression is incomplete", "syntax", len(expression))
    if isinstance(error, jp_errors.ParseError):
        token = error.token_value
        message = "unexpected token" if error.msg == _GENERIC_PARSE_MESSAGE else error.msg
        if token not in (None, ""):
            message = f"{message} {json.dumps(token)}"
        return PathError(message, "syntax", min(error.lex_position, len(expression)))
    return PathError(str(error), "syntax", 0)


def runtime_message(error: Exception) -> str:
    """What a person should read for an error evaluation raised."""
    if isinstance(error, RecursionError):
        return "the expression or the data is nested too deeply to evaluate"
    if isinstance(error, MemoryError):
        return "too expensive: out of memory"
    if isinstance(error, OverflowError):
        return f"a number is out of range: {error}"
    return str(error) or type(error).__name__
