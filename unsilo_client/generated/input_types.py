from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ConflictStatus, LeaderLevel, Reliability, UnitKind


class AddDependencyChange(BaseModel):
    """A new dependency: `fromUnitId` relies on `toUnitId`."""

    from_unit_id: str = Field(alias="fromUnitId")
    to_unit_id: str = Field(alias="toUnitId")
    criticality: int = 3
    reliability: Reliability = Reliability.MOSTLY
    description: str = ""


class AddLiaisonChange(BaseModel):
    """A new leader in `unitId` with a tie of `strength` and `kind` to each leader of `tiesTo` (1 to 50): a liaison role placed between units."""

    name: str
    unit_id: str = Field(alias="unitId")
    ties_to: list[str] = Field(alias="tiesTo")
    level: LeaderLevel = LeaderLevel.MIDDLE
    title: str = ""
    kind: Optional[str] = None
    strength: float = 1


class AddTieChange(BaseModel):
    """A new collaboration tie between two existing leaders."""

    leader_a_id: str = Field(alias="leaderAId")
    leader_b_id: str = Field(alias="leaderBId")
    kind: Optional[str] = None
    strength: float = 1


class AttributeFilter(BaseModel):
    """Entities whose custom attribute `name` has this value."""

    name: str
    value: str
    "The value as text (`42`, `3.5`, `true`, `2024-05-31`, a string)."


class AttributeInput(BaseModel):
    """A custom attribute's value as the text of its declared type: `42`, `3.5`, `true`, `2024-05-31` or the string itself."""

    name: str
    value: str


class ConflictFilter(BaseModel):
    text: Optional[str] = None
    "Part of the summary."
    unit_id: Optional[str] = Field(alias="unitId", default=None)
    "Either unit."
    status: Optional[ConflictStatus] = None
    raised_from: Optional[date] = Field(alias="raisedFrom", default=None)
    "Inclusive."
    raised_to: Optional[date] = Field(alias="raisedTo", default=None)
    "Inclusive."


class CreateConflictInput(BaseModel):
    """Without an id, one is generated."""

    unit_a_id: str = Field(alias="unitAId")
    unit_b_id: str = Field(alias="unitBId")
    raised_at: date = Field(alias="raisedAt")
    id: Optional[str] = None
    status: ConflictStatus = ConflictStatus.OPEN
    severity: int = 3
    summary: str = ""
    dependency_id: Optional[str] = Field(alias="dependencyId", default=None)
    resolved_at: Optional[date] = Field(alias="resolvedAt", default=None)


class CreateDependencyInput(BaseModel):
    """fromUnitId relies on toUnitId. Without an id, one is generated."""

    from_unit_id: str = Field(alias="fromUnitId")
    to_unit_id: str = Field(alias="toUnitId")
    id: Optional[str] = None
    description: str = ""
    criticality: int = 3
    reliability: Reliability = Reliability.MOSTLY
    owner_ids: list[str] = Field(alias="ownerIds", default_factory=lambda: [])


class CreateLeaderInput(BaseModel):
    """Without an id, one is generated. Without a name, the leader is anonymous: the analyses name them by id."""

    unit_id: str = Field(alias="unitId")
    name: str = ""
    id: Optional[str] = None
    title: str = ""
    level: LeaderLevel = LeaderLevel.MIDDLE
    reports_to_id: Optional[str] = Field(alias="reportsToId", default=None)
    attributes: list["AttributeInput"] = Field(default_factory=lambda: [])


class CreateOrganizationInput(BaseModel):
    id: str
    name: str


class CreateTieInput(BaseModel):
    """Without an id, one is generated."""

    leader_a_id: str = Field(alias="leaderAId")
    leader_b_id: str = Field(alias="leaderBId")
    id: Optional[str] = None
    strength: float = 1
    kind: Optional[str] = None


class CreateUnitInput(BaseModel):
    """Without an id, one is generated."""

    name: str
    id: Optional[str] = None
    kind: UnitKind = UnitKind.TEAM
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    attributes: list["AttributeInput"] = Field(default_factory=lambda: [])


class DependencyFilter(BaseModel):
    text: Optional[str] = None
    "Part of the description."
    unit_id: Optional[str] = Field(alias="unitId", default=None)
    "Either end."
    reliability: Optional[Reliability] = None


class LeaderFilter(BaseModel):
    text: Optional[str] = None
    "Part of the name or title."
    unit_id: Optional[str] = Field(alias="unitId", default=None)
    level: Optional[LeaderLevel] = None
    attribute: Optional["AttributeFilter"] = None


class MergeUnitsChange(BaseModel):
    """`unitId` folded into `intoUnitId`: its leaders, child units, dependencies and conflicts move there; those that end up inside that one unit are dropped."""

    unit_id: str = Field(alias="unitId")
    into_unit_id: str = Field(alias="intoUnitId")


class MoveLeaderChange(BaseModel):
    """A leader moved to another unit, keeping ties and reporting line."""

    leader_id: str = Field(alias="leaderId")
    unit_id: str = Field(alias="unitId")


class RemoveTieChange(BaseModel):
    """An existing tie taken away."""

    tie_id: str = Field(alias="tieId")


class RerateDependencyChange(BaseModel):
    """A dependency given a new criticality, reliability or both (null keeps one)."""

    dependency_id: str = Field(alias="dependencyId")
    criticality: Optional[int] = None
    reliability: Optional[Reliability] = None


class ResolveConflictChange(BaseModel):
    """A conflict given an outcome and, for a resolved one, its date."""

    conflict_id: str = Field(alias="conflictId")
    status: ConflictStatus
    resolved_at: Optional[date] = Field(alias="resolvedAt", default=None)


class SimulationChange(BaseModel):
    """One hypothetical change: exactly one of its fields. Ids are local ids; an error on the change names its field as `changes[2].leaderAId`. At most 50 changes per simulation."""

    add_tie: Optional["AddTieChange"] = Field(alias="addTie", default=None)
    remove_tie: Optional["RemoveTieChange"] = Field(alias="removeTie", default=None)
    add_liaison: Optional["AddLiaisonChange"] = Field(alias="addLiaison", default=None)
    move_leader: Optional["MoveLeaderChange"] = Field(alias="moveLeader", default=None)
    merge_units: Optional["MergeUnitsChange"] = Field(alias="mergeUnits", default=None)
    add_dependency: Optional["AddDependencyChange"] = Field(
        alias="addDependency", default=None
    )
    rerate_dependency: Optional["RerateDependencyChange"] = Field(
        alias="rerateDependency", default=None
    )
    resolve_conflict: Optional["ResolveConflictChange"] = Field(
        alias="resolveConflict", default=None
    )


class TieFilter(BaseModel):
    leader_id: Optional[str] = Field(alias="leaderId", default=None)
    "Either end."
    kind: Optional[str] = None


class TieKindInput(BaseModel):
    """A tie kind to declare."""

    name: str
    directed: bool = False


class UnitFilter(BaseModel):
    text: Optional[str] = None
    "Part of the name."
    kind: Optional[UnitKind] = None
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    attribute: Optional["AttributeFilter"] = None


class UpdateConflictInput(BaseModel):
    """Only the fields given are changed; null clears an optional one."""

    unit_a_id: Optional[str] = Field(alias="unitAId", default=None)
    unit_b_id: Optional[str] = Field(alias="unitBId", default=None)
    raised_at: Optional[date] = Field(alias="raisedAt", default=None)
    status: Optional[ConflictStatus] = None
    severity: Optional[int] = None
    summary: Optional[str] = None
    dependency_id: Optional[str] = Field(alias="dependencyId", default=None)
    resolved_at: Optional[date] = Field(alias="resolvedAt", default=None)


class UpdateDependencyInput(BaseModel):
    """Only the fields given are changed; null clears an optional one."""

    from_unit_id: Optional[str] = Field(alias="fromUnitId", default=None)
    to_unit_id: Optional[str] = Field(alias="toUnitId", default=None)
    description: Optional[str] = None
    criticality: Optional[int] = None
    reliability: Optional[Reliability] = None
    owner_ids: Optional[list[str]] = Field(alias="ownerIds", default=None)


class UpdateLeaderInput(BaseModel):
    """Only the fields given are changed; null clears an optional one."""

    name: Optional[str] = None
    unit_id: Optional[str] = Field(alias="unitId", default=None)
    title: Optional[str] = None
    level: Optional[LeaderLevel] = None
    reports_to_id: Optional[str] = Field(alias="reportsToId", default=None)
    attributes: Optional[list["AttributeInput"]] = None
    "Replaces every value; an empty list clears them."


class UpdateOrganizationInput(BaseModel):
    name: str


class UpdateTieInput(BaseModel):
    """Only the fields given are changed; null clears an optional one."""

    leader_a_id: Optional[str] = Field(alias="leaderAId", default=None)
    leader_b_id: Optional[str] = Field(alias="leaderBId", default=None)
    strength: Optional[float] = None
    kind: Optional[str] = None


class UpdateUnitInput(BaseModel):
    """Only the fields given are changed; null clears an optional one."""

    name: Optional[str] = None
    kind: Optional[UnitKind] = None
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    attributes: Optional[list["AttributeInput"]] = None
    "Replaces every value; an empty list clears them."
