"""What each change does to the entities of an organization: its plan.

A `Plan` lists the entities a change writes (each with the version it replaces, None for a new
one) and the ids it deletes, with the plain-language description of the change and what it
touches. `plan_change` builds it from the organization the change applies to; it raises
nothing, but returns the errors of ids that the change names and that do not exist (the rules
of the written entities are checked by `scenarios.apply_scenario`, after the plan lands).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import (
    KINDS,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    LeaderLevel,
    OrgSnapshot,
    Tie,
)
from graph_queries.scenarios.changes import (
    MAX_LIAISON_TIES,
    AddDependency,
    AddLiaison,
    AddTie,
    Change,
    MergeUnits,
    MoveLeader,
    RemoveTie,
    RerateDependency,
    ResolveConflict,
)

__all__ = ["HYPOTHETICAL_PREFIX", "Aspect", "Plan", "Write", "plan_change"]

# Ids of the entities a simulation creates start with this; `IdMaker` skips any id taken.
HYPOTHETICAL_PREFIX = "whatif-"


class Aspect(StrEnum):
    """What a change touches, which says which analyses must run again after it."""

    TIES = "TIES"
    MEMBERS = "MEMBERS"  # which unit a leader is in, or the units themselves
    DEPENDENCIES = "DEPENDENCIES"
    CONFLICTS = "CONFLICTS"
    EXECUTIVES = "EXECUTIVES"


@dataclass(frozen=True, slots=True)
class Write:
    """One entity written by a plan; `previous` is the version it replaces (None: new).
    `fields` renames the entity's error paths into the change's (`.leaderBId` ->
    `.tiesTo[2]`); a path with no entry keeps its field, `""` maps to the change itself."""

    entity: Entity
    previous: Entity | None
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Plan:
    description: str
    writes: list[Write] = field(default_factory=list)
    deletes: list[tuple[EntityKind, str]] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    aspects: set[Aspect] = field(default_factory=set)
    units: list[str] = field(default_factory=list)  # units whose ties inside or out change
    dropped_dependencies: list[str] = field(default_factory=list)
    dropped_conflicts: list[str] = field(default_factory=list)
    other_paths: str = ""  # the change's field that errors on re-pointed entities name


class IdMaker:
    """Fresh ids for hypothetical entities: the prefix, the kind's letter and a counter, skipping
    any id the organization already holds, so no simulated entity replaces a real one."""

    def __init__(self) -> None:
        self._next: dict[EntityKind, int] = {}

    def new(self, snapshot: OrgSnapshot, kind: EntityKind) -> str:
        table = snapshot.table(kind)
        number = self._next.get(kind, 1)
        while f"{HYPOTHETICAL_PREFIX}{KINDS[kind].id_prefix}{number}" in table:
            number += 1
        self._next[kind] = number + 1
        return f"{HYPOTHETICAL_PREFIX}{KINDS[kind].id_prefix}{number}"


def plan_change(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    """The plan of `change` on `snapshot` (left untouched)."""
    planner: Callable[[Change, OrgSnapshot, IdMaker], Plan] = _PLANNERS[type(change)]
    return planner(change, snapshot, ids)


def _unknown(field: str, id: str, what: str) -> FieldError:
    return FieldError(field, ErrorCode.UNKNOWN_REFERENCE, f"no {what} {id!r} in this organization")


def leader_label(snapshot: OrgSnapshot, leader_id: str) -> str:
    """`Ana Price (Pricing)`: a leader by name (or id) with their unit, for descriptions."""
    leader = snapshot.leaders.get(leader_id)
    if leader is None:
        return leader_id
    unit = snapshot.units.get(leader.unit_id)
    return f"{leader.name or leader.id} ({unit.name if unit else leader.unit_id})"


def _unit_label(snapshot: OrgSnapshot, unit_id: str) -> str:
    unit = snapshot.units.get(unit_id)
    return unit.name if unit is not None else unit_id


def _is_executive(snapshot: OrgSnapshot, leader_id: str) -> bool:
    leader = snapshot.leaders.get(leader_id)
    return leader is not None and leader.level is LeaderLevel.EXECUTIVE


def _tie_units(snapshot: OrgSnapshot, *leader_ids: str) -> list[str]:
    return [snapshot.leaders[x].unit_id for x in leader_ids if x in snapshot.leaders]


def _add_tie(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, AddTie)
    a, b = change.leader_a_id, change.leader_b_id
    tie = Tie(ids.new(snapshot, EntityKind.TIE), a, b, change.strength, change.kind)
    plan = Plan(
        f"Adding a tie between {leader_label(snapshot, a)} and {leader_label(snapshot, b)}",
        writes=[Write(tie, None)],
        aspects={Aspect.TIES},
        units=_tie_units(snapshot, a, b),
    )
    if _is_executive(snapshot, a) or _is_executive(snapshot, b):
        plan.aspects.add(Aspect.EXECUTIVES)
    return plan


def _remove_tie(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, RemoveTie)
    tie = snapshot.ties.get(change.tie_id)
    if tie is None:
        return Plan("", errors=[_unknown(".tieId", change.tie_id, "tie")])
    a, b = tie.leader_a_id, tie.leader_b_id
    plan = Plan(
        f"Removing the tie between {leader_label(snapshot, a)} and {leader_label(snapshot, b)}",
        deletes=[(EntityKind.TIE, tie.id)],
        aspects={Aspect.TIES},
        units=_tie_units(snapshot, a, b),
    )
    if _is_executive(snapshot, a) or _is_executive(snapshot, b):
        plan.aspects.add(Aspect.EXECUTIVES)
    return plan


def _add_liaison(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, AddLiaison)
    errors: list[FieldError] = []
    if not change.ties_to:
        errors.append(FieldError(".tiesTo", ErrorCode.REQUIRED, "must name one leader at least"))
    if len(change.ties_to) > MAX_LIAISON_TIES:
        message = f"names {len(change.ties_to)} leaders, at most {MAX_LIAISON_TIES}"
        errors.append(FieldError(".tiesTo", ErrorCode.TOO_LONG, message))
    if len(set(change.ties_to)) != len(change.ties_to):
        errors.append(FieldError(".tiesTo", ErrorCode.DUPLICATE, "names a leader twice"))
    if errors:
        return Plan("", errors=errors)
    leader = Leader(
        ids.new(snapshot, EntityKind.LEADER),
        change.name,
        change.unit_id,
        change.level,
        change.title,
    )
    plan = Plan(
        f"Adding {change.name or leader.id} in {_unit_label(snapshot, change.unit_id)} as a "
        f"liaison to {', '.join(leader_label(snapshot, x) for x in change.ties_to)}",
        writes=[Write(leader, None)],
        aspects={Aspect.TIES, Aspect.MEMBERS},
        units=[change.unit_id, *_tie_units(snapshot, *change.ties_to)],
    )
    for position, other in enumerate(change.ties_to):
        tie = Tie(ids.new(snapshot, EntityKind.TIE), leader.id, other, change.strength, change.kind)
        fields = ((".leaderBId", f".tiesTo[{position}]"), ("", f".tiesTo[{position}]"))
        plan.writes.append(Write(tie, None, fields))
    executives = [change.level is LeaderLevel.EXECUTIVE]
    executives += [_is_executive(snapshot, other) for other in change.ties_to]
    if any(executives):
        plan.aspects.add(Aspect.EXECUTIVES)
    return plan


def _move_leader(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, MoveLeader)
    leader = snapshot.leaders.get(change.leader_id)
    if leader is None:
        return Plan("", errors=[_unknown(".leaderId", change.leader_id, "leader")])
    moved = dataclasses.replace(leader, unit_id=change.unit_id)
    plan = Plan(
        f"Moving {leader_label(snapshot, leader.id)} to {_unit_label(snapshot, change.unit_id)}",
        writes=[Write(moved, leader)],
        aspects={Aspect.MEMBERS},
        units=[leader.unit_id, change.unit_id],
    )
    if leader.level is LeaderLevel.EXECUTIVE:
        plan.aspects.add(Aspect.EXECUTIVES)
    return plan


def _add_dependency(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, AddDependency)
    dependency = Dependency(
        ids.new(snapshot, EntityKind.DEPENDENCY),
        change.from_unit_id,
        change.to_unit_id,
        change.criticality,
        change.reliability,
        change.description,
    )
    return Plan(
        f"Adding a dependency of {_unit_label(snapshot, change.from_unit_id)} on "
        f"{_unit_label(snapshot, change.to_unit_id)} (criticality {change.criticality}, "
        f"reliability {change.reliability.value})",
        writes=[Write(dependency, None)],
        aspects={Aspect.DEPENDENCIES},
    )


def _rerate_dependency(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, RerateDependency)
    dependency = snapshot.dependencies.get(change.dependency_id)
    if dependency is None:
        return Plan("", errors=[_unknown(".dependencyId", change.dependency_id, "dependency")])
    if change.criticality is None and change.reliability is None:
        message = "gives neither a criticality nor a reliability"
        return Plan("", errors=[FieldError("", ErrorCode.REQUIRED, message)])
    rerated = dataclasses.replace(
        dependency,
        criticality=dependency.criticality if change.criticality is None else change.criticality,
        reliability=dependency.reliability if change.reliability is None else change.reliability,
    )
    return Plan(
        f"Re-rating the dependency of {_unit_label(snapshot, dependency.from_unit_id)} on "
        f"{_unit_label(snapshot, dependency.to_unit_id)}: criticality {rerated.criticality}, "
        f"reliability {rerated.reliability.value}",
        writes=[Write(rerated, dependency)],
        aspects={Aspect.DEPENDENCIES},
    )


def _resolve_conflict(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, ResolveConflict)
    conflict = snapshot.conflicts.get(change.conflict_id)
    if conflict is None:
        return Plan("", errors=[_unknown(".conflictId", change.conflict_id, "conflict")])
    resolved = dataclasses.replace(conflict, status=change.status, resolved_at=change.resolved_at)
    return Plan(
        f"Setting the conflict between {_unit_label(snapshot, conflict.unit_a_id)} and "
        f"{_unit_label(snapshot, conflict.unit_b_id)} to {change.status.value}",
        writes=[Write(resolved, conflict)],
        aspects={Aspect.CONFLICTS},
    )


def _merge_units(change: Change, snapshot: OrgSnapshot, ids: IdMaker) -> Plan:
    assert isinstance(change, MergeUnits)
    gone, into = change.unit_id, change.into_unit_id
    errors = [
        _unknown(path, id, "unit")
        for path, id in ((".unitId", gone), (".intoUnitId", into))
        if id not in snapshot.units
    ]
    if not errors and gone == into:
        message = "a unit cannot be merged into itself"
        errors.append(FieldError(".intoUnitId", ErrorCode.SELF_REFERENCE, message))
    elif not errors and gone in ancestors(snapshot, into):
        message = f"unit {into!r} is inside unit {gone!r}: the merge would make it its own parent"
        errors.append(FieldError(".intoUnitId", ErrorCode.CYCLE, message))
    if errors:
        return Plan("", errors=errors)
    plan = Plan(
        f"Merging {_unit_label(snapshot, gone)} into {_unit_label(snapshot, into)}",
        deletes=[(EntityKind.UNIT, gone)],
        aspects=set(Aspect),
        units=[gone, into],
        other_paths=".intoUnitId",
    )

    def moved(unit: str) -> str:
        return into if unit == gone else unit

    for unit in snapshot.units.values():
        if unit.parent_id == gone:
            plan.writes.append(Write(dataclasses.replace(unit, parent_id=into), unit))
    for leader in snapshot.leaders.values():
        if leader.unit_id == gone:
            plan.writes.append(Write(dataclasses.replace(leader, unit_id=into), leader))
    for dependency in snapshot.dependencies.values():
        ends = moved(dependency.from_unit_id), moved(dependency.to_unit_id)
        if ends == (dependency.from_unit_id, dependency.to_unit_id):
            continue
        if ends[0] == ends[1]:  # now inside one unit: no longer a cross-unit dependency
            plan.dropped_dependencies.append(dependency.id)
            plan.deletes.append((EntityKind.DEPENDENCY, dependency.id))
        else:
            repointed = dataclasses.replace(dependency, from_unit_id=ends[0], to_unit_id=ends[1])
            plan.writes.append(Write(repointed, dependency))
    for conflict in snapshot.conflicts.values():
        pair = moved(conflict.unit_a_id), moved(conflict.unit_b_id)
        if pair == (conflict.unit_a_id, conflict.unit_b_id):
            continue
        if pair[0] == pair[1]:
            plan.dropped_conflicts.append(conflict.id)
            plan.deletes.append((EntityKind.CONFLICT, conflict.id))
        else:
            repointed_conflict = dataclasses.replace(conflict, unit_a_id=pair[0], unit_b_id=pair[1])
            plan.writes.append(Write(repointed_conflict, conflict))
    return plan


def ancestors(snapshot: OrgSnapshot, unit_id: str) -> set[str]:
    """`unit_id` and every unit above it (the organization's units form a forest)."""
    found: set[str] = set()
    node: str | None = unit_id
    while node is not None and node in snapshot.units and node not in found:
        found.add(node)
        node = snapshot.units[node].parent_id
    return found


_PLANNERS: dict[type, Callable[[Change, OrgSnapshot, IdMaker], Plan]] = {
    AddTie: _add_tie,
    RemoveTie: _remove_tie,
    AddLiaison: _add_liaison,
    MoveLeader: _move_leader,
    MergeUnits: _merge_units,
    AddDependency: _add_dependency,
    RerateDependency: _rerate_dependency,
    ResolveConflict: _resolve_conflict,
}
