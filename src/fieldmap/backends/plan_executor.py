"""Applying a plan (core/plan.py) through the `Backend` protocol, step by step, in its order.

Idempotent because the plan is: a configuration that already is what the document says
gives no step, so no write. On the first failure the run stops; what was applied stays,
except a field this run created whose planned mappings were not all applied, which is
deleted again (core/plan.py's rollback rule), so that no run leaves a field half-mapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from fieldmap.backends.configuration_snapshot import Snapshot
from fieldmap.backends.protocol import Backend
from fieldmap.core import operations as op
from fieldmap.core.config_document import FieldKey
from fieldmap.core.errors import FieldmapError
from fieldmap.core.field_types import ANY, TypeSpec, options_of
from fieldmap.core.models import FieldUpdate, NewCustomField, build
from fieldmap.core.plan import CONNECTOR, Action, Plan, Scope, Step, rollback


@dataclass(frozen=True)
class Outcome:
    """What a run did: `applied` stays; `undone` was applied, then removed again by the
    rollback; `not_applied` starts with the step that failed (`error` says why)."""

    applied: tuple[Step, ...]
    not_applied: tuple[Step, ...] = ()
    undone: tuple[Step, ...] = ()
    error: FieldmapError | None = None
    rollback_error: FieldmapError | None = None
    """Why a field to remove again could not be: it stays, half-mapped."""

    @property
    def complete(self) -> bool:
        return self.error is None


@dataclass
class _Run:
    backend: Backend
    field_ids: dict[FieldKey, UUID]
    mapping_ids: dict[tuple[FieldKey, Scope], UUID]

    async def step(self, step: Step) -> None:
        key = step.field
        if step.action is Action.CREATE_FIELD:
            new = build(
                NewCustomField,
                name=key.name,
                description=step.after.description,
                category=key.category,
                model=key.model,
                # An untyped field's request has no type keys: a published server knows none.
                **(_typing(step.after.type) if step.after.type != ANY else {}),
            )
            self.field_ids[key] = (await self.backend.create_field(new)).id
        elif step.action is Action.UPDATE_FIELD:
            # The type keys only when the type changes: a description's change alone
            # leaves the type as it is (and costs a published-only remote no extra read).
            typing = _typing(step.after.type) if step.before.type != step.after.type else {}
            update = build(FieldUpdate, description=step.after.description, **typing)
            change = build(op.FieldChange, field_id=self.field_ids[key], update=update)
            await self.backend.update_field(change)
        elif step.action in (Action.CREATE_MAPPING, Action.UPDATE_MAPPING):
            assert step.scope is not None
            request = build(
                op.SetMapping,
                field_id=self.field_ids[key],
                scope=_contract_scope(step.scope),
                json_path=step.after,
            )
            self.mapping_ids[key, step.scope] = (await self.backend.set_mapping(request)).mapping.id
        elif step.action is Action.DELETE_MAPPING:
            await self.backend.delete_mapping(self.mapping_ids.pop((key, step.scope)))
        else:
            await self.backend.delete_field(self.field_ids.pop(key))


def _contract_scope(scope: Scope) -> op.Scope:
    if scope.kind == CONNECTOR:
        return build(op.Scope, connector_token=scope.name)
    return build(op.Scope, integration_slug=scope.name)


def _typing(spec: TypeSpec) -> dict[str, object]:
    """The type keys of a field's request (type null: untyped again, options dropped)."""
    return {"type": spec.type, "options": options_of(spec)}


async def execute(backend: Backend, plan: Plan, snapshot: Snapshot) -> Outcome:
    """Apply `plan`, made against `snapshot`, on `backend`; stops at the first failure."""
    run = _Run(backend, dict(snapshot.field_ids), dict(snapshot.mapping_ids))
    for done, step in enumerate(plan.steps):
        try:
            await run.step(step)
        except FieldmapError as error:
            return await _stopped(run, plan, done, error)
    return Outcome(plan.steps)


async def _stopped(run: _Run, plan: Plan, done: int, error: FieldmapError) -> Outcome:
    """After steps[:done] were applied and steps[done] failed: remove the fields that
    would stay half-mapped, and say what stays, what went and what was never applied."""
    removed: set[FieldKey] = set()
    rollback_error = None
    for undo in rollback(plan, done):
        try:
            await run.backend.delete_field(run.field_ids[undo.field])
        except FieldmapError as failure:
            rollback_error = failure
            break
        removed.add(undo.field)
    applied = plan.steps[:done]
    return Outcome(
        applied=tuple(s for s in applied if s.field not in removed),
        not_applied=plan.steps[done:],
        undone=tuple(s for s in applied if s.field in removed),
        error=error,
        rollback_error=rollback_error,
    )
