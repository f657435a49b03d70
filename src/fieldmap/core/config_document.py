"""Configuration as a document: fields and mappings as stable, diff-friendly JSON.

    {
      "NOTICE": "…",                        only when the file holds connector tokens
      "fieldmap": {"category": null, "format": 1, "model": null},
      "fields": {
        "HRIS": {"employee": {"badge_id": {
          "description": "…",
          "mappings": {"connectors": {TOKEN: PATH}, "integrations": {SLUG: PATH}},
          "options": [{"label": "…", "value": "…"}],   only for select and multiselect
          "type": "text"                               null: any
        }}}
      }
    }

Fields are keyed by (category, model, name) and mappings by scope, so no id is needed to
apply a document elsewhere. Every key is sorted (`NOTICE` and `fieldmap` sort first) and
options keep their order, so equal configurations give byte-identical documents. The header's
category and model say what an export was limited to: a plan's deletions stay within them.
Parsing refuses what is not exactly this shape, with every problem located.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from fieldmap.core import jmes
from fieldmap.core.errors import InputDataError
from fieldmap.core.field_types import ANY, FieldType, Option, TypeSpec
from fieldmap.core.models import (
    FIELD_NAME_LENGTH,
    FIELD_NAME_PATTERN,
    JSON_PATH_PATTERN,
    MAX_JSON_PATH_LENGTH,
    MODEL_SLUG_PATTERN,
    Category,
    CustomField,
    Mapping,
)

FORMAT = 1
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_FIELDS = 10_000
MAX_MAPPINGS_PER_FIELD = 2_000
MAX_DESCRIPTION_LENGTH = 1024
MAX_SCOPE_LENGTH = 256
PROBLEMS_SHOWN = 20
TOKENS_NOTICE = (
    "This file holds connector tokens, which are secrets: keep it private (fieldmap writes "
    "it readable by you only)."
)


@dataclass(frozen=True, order=True)
class FieldKey:
    category: Category
    model: str
    name: str

    def __str__(self) -> str:
        return f"{self.category}/{self.model}/{self.name}"


@dataclass(frozen=True)
class FieldConfig:
    """A field's declaration and its mappings: integration slug or connector token -> path."""

    description: str | None = None
    type: TypeSpec = ANY
    integrations: dict[str, str] = field(default_factory=dict)
    connectors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Configuration:
    """Fields by key; `category` and `model` (None: all) are what it was limited to."""

    fields: dict[FieldKey, FieldConfig]
    category: Category | None = None
    model: str | None = None

    def covers(self, key: FieldKey) -> bool:
        return (self.category is None or key.category == self.category) and (
            self.model is None or key.model == self.model
        )

    @property
    def holds_tokens(self) -> bool:
        return any(config.connectors for config in self.fields.values())


class DocumentError(InputDataError):
    """A configuration document that cannot be used; `problems` are located messages."""

    def __init__(self, problems: list[str], line: int | None = None, column: int | None = None):
        self.problems = problems
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__(f"not a fieldmap configuration: {shown}{tail}", line, column)


def configuration_from(
    fields: Iterable[CustomField],
    mappings: Iterable[Mapping],
    types: dict[UUID, TypeSpec] | None = None,
    category: Category | None = None,
    model: str | None = None,
) -> Configuration:
    """The configuration a backend's fields, mappings and declared types make (ids dropped)."""
    types = types or {}
    keys = {f.id: FieldKey(f.category, f.model, f.name) for f in fields}
    configs = {
        f.id: FieldConfig(description=f.description, type=types.get(f.id, ANY)) for f in fields
    }
    for mapping in mappings:
        config = configs.get(mapping.custom_field_id)
        if config is None:
            continue
        if mapping.connector_token is not None:
            config.connectors[mapping.connector_token] = mapping.json_path
        elif mapping.integration_slug is not None:
            config.integrations[mapping.integration_slug] = mapping.json_path
    document = Configuration({keys[i]: configs[i] for i in keys}, category, model)
    return Configuration(
        {key: config for key, config in document.fields.items() if document.covers(key)},
        category,
        model,
    )


# -- writing -------------------------------------------------------------------------------


def render_document(configuration: Configuration) -> str:
    """The document's text: equal configurations give identical text."""
    tree: dict[str, Any] = {}
    for key, config in configuration.fields.items():
        entry: dict[str, Any] = {
            "description": config.description,
            "mappings": {"connectors": config.connectors, "integrations": config.integrations},
            "type": config.type.type.value if config.type.type else None,
        }
        if config.type.options:
            entry["options"] = [{"label": o.label, "value": o.value} for o in config.type.options]
        tree.setdefault(key.category.value, {}).setdefault(key.model, {})[key.name] = entry
    document: dict[str, Any] = {
        "fieldmap": {
            "category": configuration.category.value if configuration.category else None,
            "format": FORMAT,
            "model": configuration.model,
        },
        "fields": tree,
    }
    if configuration.holds_tokens:
        document["NOTICE"] = TOKENS_NOTICE
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
    return _NON_ASCII.sub(_escape_if_acting, text) + "\n"


# Characters that would act on a terminal or reorder text under review (controls, bidi and
# other format characters) are written \u-escaped; they occur only inside strings, so the
# text stays JSON. Readable unicode stays as it is.
_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def _escape_if_acting(match: re.Match[str]) -> str:
    character = match.group()
    if unicodedata.category(character)[0] == "C" or character in "\u2028\u2029":
        return json.dumps(character)[1:-1]
    return character


# -- reading -------------------------------------------------------------------------------

_NAME = re.compile(FIELD_NAME_PATTERN)
_MODEL = re.compile(MODEL_SLUG_PATTERN)
_PATH = re.compile(JSON_PATH_PATTERN)
_PLAIN = re.compile(r"[A-Za-z0-9_/-]{1,64}")
Location = tuple[str, ...]


class _DuplicateKey(ValueError):
    pass


def parse_document(text: str | bytes) -> Configuration:
    """The configuration a document describes; `DocumentError` saying every problem found
    (its size, its JSON, a duplicate key, an unknown key, a wrong type or value)."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise DocumentError([f"the file is larger than {MAX_DOCUMENT_BYTES // 2**20} MiB"])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DocumentError([f"not UTF-8 text (byte {error.start})"]) from None
    try:
        raw = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as error:
        raise DocumentError([str(error)]) from None
    except json.JSONDecodeError as error:
        raise DocumentError([f"not JSON: {error.msg}"], error.lineno, error.colno) from None
    except RecursionError:
        raise DocumentError(["nested too deeply"]) from None
    problems: list[str] = []
    configuration = _Reader(problems).document(raw)
    if problems or configuration is None:
        raise DocumentError(problems)
    return configuration


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(f"the key {json.dumps(key)} appears twice in one object")
        result[key] = value
    return result


class _Reader:
    """Checks a decoded document against the format, noting each problem with its place."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def note(self, loc: Location, message: str) -> None:
        # Keys come from the file: anything but a plain word is quoted (and escaped).
        where = ".".join(p if _PLAIN.fullmatch(p) else json.dumps(p[:40]) for p in loc)
        where = where or "the document"
        self.problems.append(f"{where}: {message}")

    def object(self, value: Any, loc: Location, keys: Iterable[str] | None = None) -> dict | None:
        if not isinstance(value, dict):
            self.note(loc, f"should be an object, not {_kind(value)}")
            return None
        if keys is not None:
            for unknown in sorted(set(value) - set(keys)):
                self.note((*loc, unknown), "unknown key")
        return value

    def string(self, value: Any, loc: Location, limit: int, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.note(loc, f"should be text{' or null' if nullable else ''}, not {_kind(value)}")
        elif len(value) > limit:
            self.note(loc, f"longer than {limit:,} characters")
        else:
            return value
        return None

    def document(self, raw: Any) -> Configuration | None:
        top = self.object(raw, (), ("NOTICE", "fieldmap", "fields"))
        if top is None:
            return None
        header = self.object(top.get("fieldmap"), ("fieldmap",), ("category", "format", "model"))
        if "NOTICE" in top:
            self.string(top["NOTICE"], ("NOTICE",), 10_000)
        if header is None:
            return None
        if type(header.get("format")) is not int or header.get("format") != FORMAT:
            self.note(("fieldmap", "format"), f"should be {FORMAT}, not {header.get('format')!r}")
        category = self.category(header.get("category"), ("fieldmap", "category"), True)
        model = self.model(header.get("model"), ("fieldmap", "model"), True)
        fields = self.fields(top.get("fields"), ("fields",))
        configuration = Configuration(fields, category, model)
        for key in fields:
            if not configuration.covers(key):
                self.note(("fields", str(key)), "outside the category and model of the header")
        return configuration

    def category(self, value: Any, loc: Location, nullable: bool = False) -> Category | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in set(Category):
            self.note(loc, f"should be one of {', '.join(Category)}, not {json.dumps(value)}")
            return None
        return Category(value)

    def model(self, value: Any, loc: Location, nullable: bool = False) -> str | None:
        text = self.string(value, loc, 64, nullable)
        if text is not None and not _MODEL.fullmatch(text):
            self.note(loc, "is not a model slug (lowercase letters, digits, - and _)")
        return text

    def fields(self, value: Any, loc: Location) -> dict[FieldKey, FieldConfig]:
        found: dict[FieldKey, FieldConfig] = {}
        categories = self.object(value, loc) or {}
        for category_name, models in categories.items():
            category = self.category(category_name, (*loc, category_name))
            for model, names in (self.object(models, (*loc, category_name)) or {}).items():
                model_loc = (*loc, category_name, model)
                self.model(model, model_loc)
                for name, entry in (self.object(names, model_loc) or {}).items():
                    if len(found) >= MAX_FIELDS:
                        self.note(loc, f"more than {MAX_FIELDS:,} fields")
                        return found
                    config = self.field(name, entry, (*model_loc, name))
                    if category is not None and config is not None:
                        found[FieldKey(category, model, name)] = config
        return found

    def field(self, name: str, value: Any, loc: Location) -> FieldConfig | None:
        low, high = FIELD_NAME_LENGTH
        if not (low <= len(name) <= high and _NAME.fullmatch(name)):
            self.note(loc, "is not a field name (snake_case, 2 to 128 characters)")
        entry = self.object(value, loc, ("description", "mappings", "options", "type"))
        if entry is None:
            return None
        description = self.string(
            entry.get("description"), (*loc, "description"), MAX_DESCRIPTION_LENGTH, True
        )
        spec = self.type_spec(entry.get("type"), entry.get("options", []), loc)
        mappings = self.object(
            entry.get("mappings", {}), (*loc, "mappings"), ("connectors", "integrations")
        )
        mappings = mappings or {}
        return FieldConfig(
            description=description,
            type=spec,
            integrations=self.paths(mappings.get("integrations", {}), (*loc, "integrations")),
            connectors=self.paths(mappings.get("connectors", {}), (*loc, "connectors")),
        )

    def type_spec(self, kind: Any, options: Any, loc: Location) -> TypeSpec:
        if kind is not None and (not isinstance(kind, str) or kind not in set(FieldType)):
            self.note((*loc, "type"), f"should be one of {', '.join(FieldType)} or null")
            return ANY
        if not isinstance(options, list):
            self.note((*loc, "options"), f"should be a list, not {_kind(options)}")
            return ANY
        parsed = []
        for index, option in enumerate(options):
            option_loc = (*loc, "options", str(index))
            entry = self.object(option, option_loc, ("label", "value"))
            if entry is not None:
                value = self.string(entry.get("value"), (*option_loc, "value"), 10_000)
                label = self.string(entry.get("label"), (*option_loc, "label"), 10_000)
                if value is not None and label is not None:
                    parsed.append(Option(value, label))
        spec = TypeSpec(FieldType(kind) if kind else None, tuple(parsed))
        for problem in spec.problems():
            self.note((*loc, "options"), problem)
        return spec

    def paths(self, value: Any, loc: Location) -> dict[str, str]:
        found: dict[str, str] = {}
        scopes = self.object(value, loc) or {}
        if len(scopes) > MAX_MAPPINGS_PER_FIELD:
            self.note(loc, f"more than {MAX_MAPPINGS_PER_FIELD:,} mappings")
            return found
        for scope, path in scopes.items():
            scope_loc = (*loc, scope)
            if not 0 < len(scope) <= MAX_SCOPE_LENGTH or not scope.strip():
                self.note(scope_loc, f"a scope has 1 to {MAX_SCOPE_LENGTH} characters")
                continue
            text = self.string(path, scope_loc, MAX_JSON_PATH_LENGTH)
            if text is None:
                continue
            if not _PATH.fullmatch(text):
                self.note(scope_loc, "a path has two characters at least, and no outer spaces")
            elif (problem := jmes.check(text)) is not None:
                self.note(scope_loc, f"the path does not compile: {problem.message}")
            else:
                found[scope] = text
        return found


def _kind(value: Any) -> str:
    return "null" if value is None else jmes.json_type(value).replace("array", "a list")
