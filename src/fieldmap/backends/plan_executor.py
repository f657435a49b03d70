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
from fieldmap.core.errors import FieldmapError, InputDataError
from fieldmap.core.field_types import ANY
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
            )
            self.field_ids[key] = (await self.backend.create_field(new)).id
        elif step.action is Action.UPDATE_FIELD:
            update = build(FieldUpdate, description=step.after.description)
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


def require_storable_types(plan: Plan) -> None:
    """Refuse, before any write, a plan that declares field types: no backend stores them
    yet (the typed fields of issue 14), and a type dropped would differ on every apply."""
    typed = [
        str(s.field)
        for s in plan.steps
        if s.action in (Action.CREATE_FIELD, Action.UPDATE_FIELD) and s.after.type != ANY
    ]
    if typed:
        raise InputDataError(
            f"field types cannot be stored yet, and the document declares some: "
            f'{", ".join(typed[:5])}{" …" if len(typed) > 5 else ""} (write "type": null)'
        )


async def execute(backend: Backend, plan: Plan, snapshot: Snapshot) -> Outcome:
    """Apply `plan`, made against `snapshot`, on `backend`; stops at the first failure."""
    require_storable_types(plan)
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
