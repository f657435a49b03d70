"""Applying a plan (core/plan.py) through the `Backend` protocol, step by step, in its order.

Idempotent because the plan is: a configuration that already is what the document says
gives no step, so no write. On the first failure the run stops; what was applied stays,
except a field this run created whose planned mappings were not all applied, which is
deleted again (core/plan.py's rollback rule), so that no run leaves a field half-mapped.

An interruption (Ctrl-C: the task cancelled, as asyncio.run does on SIGINT, or a
KeyboardInterrupt) stops the run the same way. A cancellation lets the write under way
finish first; after a KeyboardInterrupt inside a write, whether it landed is not known: a
field being created is looked up by its key (for the rollback to remove it if it landed
and would stay half-mapped), another write is reported as perhaps applied.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, replace
from typing import Any
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
    rollback; `not_applied` starts with the step that failed (`error` says why), or that
    was next or under way when the run was `interrupted`."""

    applied: tuple[Step, ...]
    not_applied: tuple[Step, ...] = ()
    undone: tuple[Step, ...] = ()
    error: FieldmapError | None = None
    rollback_error: FieldmapError | None = None
    """Why a field to remove again could not be: it stays, half-mapped."""
    interrupted: bool = False
    in_flight: Step | None = None
    """The write under way when interrupted, which may or may not have landed (None: none,
    or a field's creation, looked up since)."""

    @property
    def complete(self) -> bool:
        return self.error is None and not self.interrupted


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
        write = asyncio.ensure_future(_guarded(run.step(step)))
        try:
            await asyncio.shield(write)
        except FieldmapError as error:
            return await _stopped(run, plan, done, error)
        except asyncio.CancelledError:
            # Ctrl-C under asyncio.run cancels the run: the write under way finishes (within
            # the backend's deadline), so that what it did is known, not guessed; the
            # cancellation is handled here, and the rollback's calls are not cancelled.
            if (task := asyncio.current_task()) is not None:
                task.uncancel()
            landed = await _finished(write)
            return await _stopped(run, plan, done + landed, None)
        except _Interrupted:
            # Ctrl-C raised inside the write itself: whether it landed is not known.
            if step.action is not Action.CREATE_FIELD:
                return replace(await _stopped(run, plan, done, None), in_flight=step)
            landed = await _landed(run, step.field)
            return await _stopped(run, plan, done + landed, None)
    return Outcome(plan.steps)


class _Interrupted(Exception):
    """A KeyboardInterrupt raised inside a write, carried out of its task as an ordinary
    exception (a task lets a KeyboardInterrupt out of the event loop itself)."""


async def _guarded(write: Coroutine[Any, Any, None]) -> None:
    try:
        await write
    except KeyboardInterrupt as interrupt:
        raise _Interrupted from interrupt


async def _finished(write: asyncio.Future[None]) -> bool:
    """Whether the write, left to finish, succeeded."""
    try:
        await write
    except (FieldmapError, _Interrupted, asyncio.CancelledError):
        return False
    return True


async def _landed(run: _Run, key: FieldKey) -> bool:
    """Whether the field whose creation was interrupted exists after all (its id noted)."""
    try:
        query = build(op.FieldsQuery, category=key.category, model=key.model)
        found = [f for f in await run.backend.list_fields(query) if f.name == key.name]
    except FieldmapError:
        return False  # as good as can be known: reported as not applied
    if found:
        run.field_ids[key] = found[0].id
    return bool(found)


async def _stopped(run: _Run, plan: Plan, done: int, error: FieldmapError | None) -> Outcome:
    """After steps[:done] were applied and steps[done] failed (`error`) or was interrupted
    (None): remove the fields that would stay half-mapped, and say what stays, what went
    and what was never applied."""
    removed: set[FieldKey] = set()
    rollback_error = None
    for undo in rollback(plan, done):
        try:
            await run.backend.delete_field(run.field_ids[undo.field])
        except FieldmapError as failure:
            rollback_error = failure
            break
        except (KeyboardInterrupt, asyncio.CancelledError):
            rollback_error = FieldmapError("interrupted again while removing it")
            break
        removed.add(undo.field)
    applied = plan.steps[:done]
    return Outcome(
        applied=tuple(s for s in applied if s.field not in removed),
        not_applied=plan.steps[done:],
        undone=tuple(s for s in applied if s.field in removed),
        error=error,
        rollback_error=rollback_error,
        interrupted=error is None,
    )
