"""Applying hypothetical changes to a copy of an organization, each checked like a real write.

`apply_scenario` applies the changes in order, each to the organization left by the ones before
it. A change lands its plan (`plans.plan_change`) on a working copy, then every entity it wrote
or deleted is checked with the rules of a single write (`write_validation.upsert_errors`,
`delete_errors`) read from that copy (`snapshot_view`): the same rules, codes and messages as a
real write, and as `validate_snapshot` on the whole result. A refused change is taken back and
the next ones are still checked, so one `ValidationFailed` lists every problem, each path naming
the change and its field as the GraphQL input does (`changes[2].leaderAId`). The snapshot given
is never changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.model import KINDS, Entity, OrgSnapshot, kind_of
from graph_queries.scenarios.changes import MAX_CHANGES, Change, change_name
from graph_queries.scenarios.plans import Aspect, IdMaker, Plan, Write, plan_change
from graph_queries.scenarios.snapshot_view import snapshot_view
from graph_queries.write_validation import delete_errors, delete_read, upsert_errors, upsert_read

__all__ = ["AppliedChange", "Scenario", "apply_scenario", "copy_snapshot"]


@dataclass(frozen=True, slots=True)
class AppliedChange:
    """One change as applied: `description` in plain words, the ids of the hypothetical
    entities it `created`, what it `removed` (a tie, a merged unit), the dependencies and
    conflicts a merge dropped because they fell inside one unit, the `units` whose ties inside
    or out it changes (their E-I index is compared; for a merge, the merged unit then the one
    it joined) and the `aspects` it touches."""

    index: int
    change: str
    description: str
    created: tuple[str, ...]
    removed: tuple[str, ...]
    dropped_dependencies: tuple[str, ...]
    dropped_conflicts: tuple[str, ...]
    units: tuple[str, ...]
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
    """The organization after the changes, what each change did, and the ids of every entity
    that exists only in the simulation (`hypothetical`)."""

    snapshot: OrgSnapshot
    applied: tuple[AppliedChange, ...]
    hypothetical: frozenset[str]

    def aspects(self) -> frozenset[Aspect]:
        return frozenset(aspect for change in self.applied for aspect in change.aspects)


def copy_snapshot(snapshot: OrgSnapshot) -> OrgSnapshot:
    """A copy whose tables can change without touching `snapshot` (entities are immutable)."""
    return dataclasses.replace(
        snapshot,
        units=dict(snapshot.units),
        leaders=dict(snapshot.leaders),
        dependencies=dict(snapshot.dependencies),
        conflicts=dict(snapshot.conflicts),
        ties=dict(snapshot.ties),
    )


def apply_scenario(snapshot: OrgSnapshot, changes: Sequence[Change]) -> Scenario:
    """`snapshot` after `changes`, in order; raises ValidationFailed listing every problem
    (more than `MAX_CHANGES` changes is one, on `changes`)."""
    if len(changes) > MAX_CHANGES:
        message = f"has {len(changes)} changes, at most {MAX_CHANGES}"
        raise ValidationFailed([FieldError("changes", ErrorCode.TOO_LONG, message)])
    working = copy_snapshot(snapshot)
    ids = IdMaker()
    errors: list[FieldError] = []
    applied: list[AppliedChange] = []
    for index, change in enumerate(changes):
        at = f"changes[{index}]"
        plan = plan_change(change, working, ids)
        if plan.errors:
            errors += [dataclasses.replace(e, path=at + e.path) for e in plan.errors]
            continue
        undo = _land(working, plan)
        found = _broken_rules(working, plan, at)
        if found:
            undo()
            errors += found
            continue
        applied.append(_applied(index, change, plan))
    if errors:
        raise ValidationFailed(errors)
    created = frozenset(id for change in applied for id in change.created)
    return Scenario(working, tuple(applied), created)


def _land(working: OrgSnapshot, plan: Plan) -> Callable[[], None]:
    """Write the plan into `working`; returns what takes it back."""
    before: list[tuple[dict[str, Entity], str, Entity | None]] = []
    for write in plan.writes:
        table = working.table(kind_of(write.entity))
        before.append((table, write.entity.id, table.get(write.entity.id)))
        table[write.entity.id] = write.entity
    for kind, id in plan.deletes:
        table = working.table(kind)
        before.append((table, id, table.pop(id, None)))

    def undo() -> None:
        for table, id, previous in reversed(before):
            if previous is None:
                table.pop(id, None)
            else:
                table[id] = previous

    return undo


def _broken_rules(working: OrgSnapshot, plan: Plan, at: str) -> list[FieldError]:
    """The rules the landed plan breaks, renamed into the change's fields."""
    errors: list[FieldError] = []
    for write in plan.writes:
        view = snapshot_view(working, upsert_read(write.entity, write.previous))
        found = upsert_errors(write.entity, write.previous, view)
        errors += [_renamed(error, write, plan, at) for error in found]
    for kind, id in plan.deletes:
        found = delete_errors(kind, id, snapshot_view(working, delete_read(kind, id)))
        errors += [dataclasses.replace(e, path=at + plan.other_paths) for e in found]
    return errors


def _renamed(error: FieldError, write: Write, plan: Plan, at: str) -> FieldError:
    """`ties[whatif-t1].leaderAId` -> `changes[0].leaderAId`; an entity a merge re-points, or a
    path on another entity, names the change's `other_paths` field."""
    focus = f"{KINDS[kind_of(write.entity)].collection}[{write.entity.id}]"
    if error.path == focus or error.path.startswith(focus + "."):
        field = error.path[len(focus) :]
        if write.previous is not None and plan.other_paths:
            field = plan.other_paths
        field = dict(write.fields).get(field, field)
    else:
        field = plan.other_paths
    return dataclasses.replace(error, path=at + field)


def _applied(index: int, change: Change, plan: Plan) -> AppliedChange:
    created = tuple(w.entity.id for w in plan.writes if w.previous is None)
    dropped = {*plan.dropped_dependencies, *plan.dropped_conflicts}
    removed = tuple(id for _kind, id in plan.deletes if id not in dropped)
    return AppliedChange(
        index=index,
        change=change_name(change),
        description=plan.description,
        created=created,
        removed=removed,
        dropped_dependencies=tuple(plan.dropped_dependencies),
        dropped_conflicts=tuple(plan.dropped_conflicts),
        units=tuple(dict.fromkeys(plan.units)),
        aspects=tuple(aspect for aspect in Aspect if aspect in plan.aspects),
    )
