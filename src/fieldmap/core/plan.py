"""What applying a configuration document would do: the steps, in the order they run.

Order, field by field in key order: create or change the field, then create or change its
mappings (organization scopes by slug, then connector scopes by token); after every field,
and only with prune, the deletions: mappings that the document lacks, then fields it lacks
(a field's deletion takes its mappings with it, so they are not listed apart). Creating
before deleting means that a run stopped by an error has deleted nothing yet.

Identity is the key (category, model, name): a field renamed in the document is one field
deleted (with prune) and another created. Only what the document covers (its header's
category and model) is compared: an export limited to HRIS never deletes an ATS field.

Rollback rule, for the executor: when a step fails, a field created in this run whose
planned mappings were not all applied is deleted again (with the mappings it got), so that
no run leaves a field half-mapped because of its own failure; everything else applied stays,
and is reported as applied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from fieldmap.core.config_document import Configuration, FieldConfig, FieldKey
from fieldmap.core.field_types import ANY, TypeSpec
from fieldmap.core.ids import short_token


class Action(StrEnum):
    CREATE_FIELD = "create field"
    UPDATE_FIELD = "change field"
    CREATE_MAPPING = "create mapping"
    UPDATE_MAPPING = "change mapping"
    DELETE_MAPPING = "delete mapping"
    DELETE_FIELD = "delete field"


CREATING = frozenset({Action.CREATE_FIELD, Action.CREATE_MAPPING})
CHANGING = frozenset({Action.UPDATE_FIELD, Action.UPDATE_MAPPING})
DELETING = frozenset({Action.DELETE_FIELD, Action.DELETE_MAPPING})
ORGANIZATION, CONNECTOR = "integration", "connector"
_PLAIN_SLUG = re.compile(r"[a-z0-9_.-]{1,64}")


@dataclass(frozen=True)
class Scope:
    """A mapping's scope: ("integration", slug) or ("connector", token); integrations first."""

    kind: str
    name: str

    def __lt__(self, other: Scope) -> bool:
        # Not the fields' order: "connector" sorts before "integration".
        return (self.kind != ORGANIZATION, self.name) < (other.kind != ORGANIZATION, other.name)

    def __str__(self) -> str:
        if self.kind == CONNECTOR:
            return f"connector {short_token(self.name)}"
        return self.name if _PLAIN_SLUG.fullmatch(self.name) else json.dumps(self.name)


@dataclass(frozen=True)
class Step:
    """One write. Field steps carry the declarations before and after (None: absent);
    mapping steps the paths before and after."""

    action: Action
    field: FieldKey
    scope: Scope | None = None
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    prune: bool
    not_pruned: tuple[Step, ...] = ()
    """The deletions prune would add: what differs, and stays."""

    @property
    def empty(self) -> bool:
        return not self.steps

    @property
    def differs(self) -> bool:
        """Whether the document and the configuration differ (what a diff's status says)."""
        return bool(self.steps or self.not_pruned)

    def counts(self) -> dict[str, int]:
        return {
            "create": sum(1 for s in self.steps if s.action in CREATING),
            "change": sum(1 for s in self.steps if s.action in CHANGING),
            "delete": sum(1 for s in self.steps if s.action in DELETING),
            "not pruned": len(self.not_pruned),
        }


def make_plan(document: Configuration, current: Configuration, prune: bool = False) -> Plan:
    """The steps that make `current` what `document` says (deletions only with `prune`)."""
    steps: list[Step] = []
    for key in sorted(document.fields):
        wanted, present = document.fields[key], current.fields.get(key)
        if present is None:
            steps.append(Step(Action.CREATE_FIELD, key, after=_declaration(wanted)))
        elif _declaration(present) != _declaration(wanted):
            steps.append(
                Step(Action.UPDATE_FIELD, key, None, _declaration(present), _declaration(wanted))
            )
        steps.extend(_mapping_steps(key, wanted, present or FieldConfig()))
    deletions = _deletions(document, current)
    return Plan(
        tuple(steps + deletions) if prune else tuple(steps),
        prune,
        () if prune else tuple(deletions),
    )


@dataclass(frozen=True)
class Declaration:
    description: str | None
    type: TypeSpec


def _declaration(config: FieldConfig) -> Declaration:
    return Declaration(config.description, config.type)


def _scoped(config: FieldConfig) -> dict[Scope, str]:
    return {Scope(ORGANIZATION, slug): path for slug, path in config.integrations.items()} | {
        Scope(CONNECTOR, token): path for token, path in config.connectors.items()
    }


def _mapping_steps(key: FieldKey, wanted: FieldConfig, present: FieldConfig) -> list[Step]:
    have = _scoped(present)
    steps = []
    for scope, path in sorted(_scoped(wanted).items()):
        if scope not in have:
            steps.append(Step(Action.CREATE_MAPPING, key, scope, None, path))
        elif have[scope] != path:
            steps.append(Step(Action.UPDATE_MAPPING, key, scope, have[scope], path))
    return steps


def _deletions(document: Configuration, current: Configuration) -> list[Step]:
    mappings, fields = [], []
    for key in sorted(current.fields):
        if not document.covers(key):
            continue
        present, wanted = current.fields[key], document.fields.get(key)
        if wanted is None:
            fields.append(Step(Action.DELETE_FIELD, key, None, _declaration(present)))
            continue
        keep = _scoped(wanted)
        for scope, path in sorted(_scoped(present).items()):
            if scope not in keep:
                mappings.append(Step(Action.DELETE_MAPPING, key, scope, path))
    return mappings + fields


def apply_plan(current: Configuration, plan: Plan) -> Configuration:
    """What `current` becomes once every step of `plan` is applied (the executor's result)."""
    fields = dict(current.fields)
    for step in plan.steps:
        if step.action is Action.DELETE_FIELD:
            del fields[step.field]
        elif step.action in (Action.CREATE_FIELD, Action.UPDATE_FIELD):
            base = fields.get(step.field, FieldConfig())
            fields[step.field] = replace(
                base, description=step.after.description, type=step.after.type
            )
        else:
            fields[step.field] = _with_mapping(fields[step.field], step)
    return Configuration(fields, current.category, current.model)


def _with_mapping(config: FieldConfig, step: Step) -> FieldConfig:
    assert step.scope is not None
    which = "integrations" if step.scope.kind == ORGANIZATION else "connectors"
    paths = dict(getattr(config, which))
    if step.action is Action.DELETE_MAPPING:
        paths.pop(step.scope.name, None)
    else:
        paths[step.scope.name] = step.after
    return replace(config, **{which: paths})


def rollback(plan: Plan, applied: int) -> list[Step]:
    """After `plan.steps[:applied]` succeeded and the next failed: the fields created in this
    run whose planned mappings were not all applied, to delete again."""
    done, rest = plan.steps[:applied], plan.steps[applied:]
    created = [s.field for s in done if s.action is Action.CREATE_FIELD]
    unfinished = {
        s.field for s in rest if s.action in (Action.CREATE_MAPPING, Action.UPDATE_MAPPING)
    }
    return [
        Step(Action.DELETE_FIELD, key, None, next(s.after for s in done if s.field == key))
        for key in created
        if key in unfinished
    ]


# -- renderings ----------------------------------------------------------------------------

_MARKS = {Action.CREATE_FIELD: "+", Action.CREATE_MAPPING: "+", Action.DELETE_FIELD: "-"}
_MARKS |= {Action.DELETE_MAPPING: "-", Action.UPDATE_FIELD: "~", Action.UPDATE_MAPPING: "~"}


def render_text(plan: Plan) -> str:
    """One line per step, then what prune would delete, then the counts."""
    lines = [step_line(step) for step in plan.steps] or ["Nothing to apply."]
    if plan.not_pruned:
        lines += ["", "Without --prune, these stay (the document lacks them):"]
        lines += ["  " + step_line(step) for step in plan.not_pruned]
    counts = plan.counts()
    lines += [
        "",
        (
            f"{counts['create']} to create, {counts['change']} to change, "
            f"{counts['delete']} to delete."
        ),
    ]
    return "\n".join(lines) + "\n"


def step_line(step: Step) -> str:
    what = "field" if step.scope is None else f"mapping for {step.scope}"
    head = f"{_MARKS[step.action]} {step.field}: {what}"
    if step.action is Action.UPDATE_MAPPING:
        return f"{head}: {json.dumps(step.before)} -> {json.dumps(step.after)}"
    if step.action is Action.CREATE_MAPPING:
        return f"{head}: {json.dumps(step.after)}"
    if step.action is Action.DELETE_MAPPING:
        return f"{head} ({json.dumps(step.before)})"
    if step.action is Action.UPDATE_FIELD:
        return f"{head}: {_declaration_change(step.before, step.after)}"
    if step.action is Action.CREATE_FIELD:
        return f"{head} ({_describe(step.after)})"
    return head


def _describe(declaration: Declaration) -> str:
    kind = declaration.type.type or "any type"
    return f"{kind}, {json.dumps(declaration.description)}"


def _declaration_change(before: Declaration, after: Declaration) -> str:
    parts = []
    if before.description != after.description:
        parts.append(
            f"description {json.dumps(before.description)} -> {json.dumps(after.description)}"
        )
    if before.type != after.type:
        parts.append(f"type {_type_text(before.type)} -> {_type_text(after.type)}")
    return ", ".join(parts)


def _type_text(spec: TypeSpec) -> str:
    if spec == ANY:
        return "any"
    options = ", ".join(option.value for option in spec.options)
    return f"{spec.type} [{options}]" if options else str(spec.type)


def render_json(plan: Plan) -> str:
    """The plan as JSON (full tokens: it is for machines), keys sorted."""
    return (
        json.dumps(
            {
                "counts": plan.counts(),
                "prune": plan.prune,
                "steps": [_step_json(step) for step in plan.steps],
                "not_pruned": [_step_json(step) for step in plan.not_pruned],
            },
            sort_keys=True,
            indent=2,
            ensure_ascii=True,
        )
        + "\n"
    )


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "action": step.action.value,
        "category": step.field.category.value,
        "model": step.field.model,
        "name": step.field.name,
        "scope": None if step.scope is None else {"kind": step.scope.kind, "name": step.scope.name},
        "before": _value_json(step.before),
        "after": _value_json(step.after),
    }


def _value_json(value: Any) -> Any:
    if isinstance(value, Declaration):
        return {
            "description": value.description,
            "type": value.type.type.value if value.type.type else None,
            "options": [{"value": o.value, "label": o.label} for o in value.type.options],
        }
    return value
