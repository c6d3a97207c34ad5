"""The hypothetical changes of `Organization.simulation`, as GraphQL inputs.

Each input mirrors a change of `graph_queries.scenarios.changes` field for field (camelCase), so
the paths of the engine's errors (`changes[2].leaderAId`) name the input's own fields. Ids are
local ids, as the mutations take them. `SimulationChange` is a @oneOf input: exactly one kind
per change, which GraphQL itself enforces before anything runs. Text and list lengths are
checked by the engine with the rules of a real write (TOO_LONG naming the field).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any

import strawberry

from graph_queries import model
from graph_queries.scenarios import (
    MAX_CHANGES,
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
from schema.enums import ConflictStatus, LeaderLevel, Reliability


@strawberry.input(description="A new collaboration tie between two existing leaders.")
class AddTieChange:
    leader_a_id: strawberry.ID
    leader_b_id: strawberry.ID
    kind: str | None = None
    strength: float = 1.0


@strawberry.input(description="An existing tie taken away.")
class RemoveTieChange:
    tie_id: strawberry.ID


@strawberry.input(
    description=(
        "A new leader in `unitId` with a tie of `strength` and `kind` to each leader of "
        f"`tiesTo` (1 to {MAX_LIAISON_TIES}): a liaison role placed between units."
    )
)
class AddLiaisonChange:
    name: str
    unit_id: strawberry.ID
    ties_to: list[strawberry.ID]
    level: LeaderLevel = model.LeaderLevel.MIDDLE  # type: ignore[valid-type]
    title: str = ""
    kind: str | None = None
    strength: float = 1.0


@strawberry.input(description="A leader moved to another unit, keeping ties and reporting line.")
class MoveLeaderChange:
    leader_id: strawberry.ID
    unit_id: strawberry.ID


@strawberry.input(
    description=(
        "`unitId` folded into `intoUnitId`: its leaders, child units, dependencies and "
        "conflicts move there; those that end up inside that one unit are dropped."
    )
)
class MergeUnitsChange:
    unit_id: strawberry.ID
    into_unit_id: strawberry.ID


@strawberry.input(description="A new dependency: `fromUnitId` relies on `toUnitId`.")
class AddDependencyChange:
    from_unit_id: strawberry.ID
    to_unit_id: strawberry.ID
    criticality: int = 3
    reliability: Reliability = model.Reliability.MOSTLY  # type: ignore[valid-type]
    description: str = ""


@strawberry.input(
    description="A dependency given a new criticality, reliability or both (null keeps one)."
)
class RerateDependencyChange:
    dependency_id: strawberry.ID
    criticality: int | None = None
    reliability: Reliability | None = None  # type: ignore[valid-type]


@strawberry.input(description="A conflict given an outcome and, for a resolved one, its date.")
class ResolveConflictChange:
    conflict_id: strawberry.ID
    status: ConflictStatus  # type: ignore[valid-type]
    resolved_at: date | None = None


@strawberry.input(
    one_of=True,
    description=(
        "One hypothetical change: exactly one of its fields. Ids are local ids; an error on "
        "the change names its field as `changes[2].leaderAId`. At most "
        f"{MAX_CHANGES} changes per simulation."
    ),
)
class SimulationChange:
    add_tie: AddTieChange | None = strawberry.UNSET
    remove_tie: RemoveTieChange | None = strawberry.UNSET
    add_liaison: AddLiaisonChange | None = strawberry.UNSET
    move_leader: MoveLeaderChange | None = strawberry.UNSET
    merge_units: MergeUnitsChange | None = strawberry.UNSET
    add_dependency: AddDependencyChange | None = strawberry.UNSET
    rerate_dependency: RerateDependencyChange | None = strawberry.UNSET
    resolve_conflict: ResolveConflictChange | None = strawberry.UNSET


Changes = Annotated[
    list[SimulationChange],
    strawberry.argument(
        description=f"Applied in order, each to what the ones before left; at most {MAX_CHANGES}."
    ),
]

# Each input and the change it describes, field for field.
CHANGE_OF: dict[type, type] = {
    AddTieChange: AddTie,
    RemoveTieChange: RemoveTie,
    AddLiaisonChange: AddLiaison,
    MoveLeaderChange: MoveLeader,
    MergeUnitsChange: MergeUnits,
    AddDependencyChange: AddDependency,
    RerateDependencyChange: RerateDependency,
    ResolveConflictChange: ResolveConflict,
}


def to_change(given: SimulationChange) -> Change:
    """The engine's change for the one kind set (GraphQL's @oneOf saw that exactly one is)."""
    chosen = [
        value
        for field in dataclasses.fields(given)
        if (value := getattr(given, field.name)) not in (None, strawberry.UNSET)
    ]
    if len(chosen) != 1:  # only when built by hand: GraphQL refuses it before
        raise ValueError(f"a simulation change sets exactly one kind, not {len(chosen)}")
    kind = chosen[0]
    values = {field.name: _domain(getattr(kind, field.name)) for field in dataclasses.fields(kind)}
    change: Change = CHANGE_OF[type(kind)](**values)
    return change


def _domain(value: Any) -> Any:
    # The engine's changes are frozen and hashable: lists become tuples, ids plain strings.
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return value
