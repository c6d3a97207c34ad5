"""The hypothetical changes a what-if simulation applies, one frozen dataclass per kind.

Each field is named as the entity field it sets (`leader_a_id`, `unit_id`, `resolved_at`), so
an error found on the entity by the project's own rules names the change's field the way the
GraphQL input does (`changes[2].leaderAId`), and a GraphQL input type can mirror each class
field for field. Changes only describe; `scenarios.apply_scenario` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_queries.model import ConflictStatus, LeaderLevel, Reliability

__all__ = [
    "MAX_CHANGES",
    "MAX_LIAISON_TIES",
    "AddDependency",
    "AddLiaison",
    "AddTie",
    "Change",
    "MergeUnits",
    "MoveLeader",
    "RemoveTie",
    "RerateDependency",
    "ResolveConflict",
    "change_name",
]

# A simulation is for exploring a handful of moves; a longer list is a plan to import instead.
MAX_CHANGES = 50
# A liaison ties into a few units' leaders, not into the whole organization.
MAX_LIAISON_TIES = 50


@dataclass(frozen=True, slots=True)
class AddTie:
    """A new collaboration tie between two existing leaders (an arc a -> b for a directed
    kind)."""

    leader_a_id: str
    leader_b_id: str
    kind: str | None = None
    strength: float = 1.0


@dataclass(frozen=True, slots=True)
class RemoveTie:
    """An existing tie taken away."""

    tie_id: str


@dataclass(frozen=True, slots=True)
class AddLiaison:
    """A new leader in `unit_id` (their home unit) with a tie of `strength` and `kind` to each
    leader of `ties_to` (one at least): a liaison role placed between units."""

    name: str
    unit_id: str
    ties_to: tuple[str, ...]
    level: LeaderLevel = LeaderLevel.MIDDLE
    title: str = ""
    kind: str | None = None
    strength: float = 1.0


@dataclass(frozen=True, slots=True)
class MoveLeader:
    """A leader moved to another unit, keeping their ties and reporting line."""

    leader_id: str
    unit_id: str


@dataclass(frozen=True, slots=True)
class MergeUnits:
    """`unit_id` folded into `into_unit_id`: its leaders, child units, dependencies and
    conflicts move to `into_unit_id`, and those that end up inside that one unit are dropped.
    `into_unit_id` keeps its name, kind and parent."""

    unit_id: str
    into_unit_id: str


@dataclass(frozen=True, slots=True)
class AddDependency:
    """A new dependency: `from_unit_id` relies on `to_unit_id`."""

    from_unit_id: str
    to_unit_id: str
    criticality: int = 3
    reliability: Reliability = Reliability.MOSTLY
    description: str = ""


@dataclass(frozen=True, slots=True)
class RerateDependency:
    """A dependency given a new criticality, reliability or both (None keeps the value)."""

    dependency_id: str
    criticality: int | None = None
    reliability: Reliability | None = None


@dataclass(frozen=True, slots=True)
class ResolveConflict:
    """A conflict given an outcome (`status`) and, for a resolved one, its date."""

    conflict_id: str
    status: ConflictStatus
    resolved_at: date | None = None


Change = (
    AddTie
    | RemoveTie
    | AddLiaison
    | MoveLeader
    | MergeUnits
    | AddDependency
    | RerateDependency
    | ResolveConflict
)


def change_name(change: Change) -> str:
    """The change's kind as GraphQL names its input: `addTie`, `mergeUnits`."""
    name = type(change).__name__
    return name[0].lower() + name[1:]
