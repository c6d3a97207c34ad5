"""The organization-coordination domain: plain, immutable dataclasses.

Every entity belongs to exactly one organization and its id is unique within it. Field names
are snake_case here and camelCase in GraphQL and in the import/export formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class UnitKind(StrEnum):
    DIVISION = "DIVISION"
    FUNCTION = "FUNCTION"
    REGION = "REGION"
    TEAM = "TEAM"
    OTHER = "OTHER"


class LeaderLevel(StrEnum):
    EXECUTIVE = "EXECUTIVE"
    SENIOR = "SENIOR"
    MIDDLE = "MIDDLE"
    FRONTLINE = "FRONTLINE"


class Reliability(StrEnum):
    """How often the depending unit can rely on the unit it depends on."""

    ALWAYS = "ALWAYS"
    MOSTLY = "MOSTLY"
    SOMETIMES = "SOMETIMES"
    RARELY = "RARELY"
    NEVER = "NEVER"


class ConflictStatus(StrEnum):
    """The outcomes managers report for cross-unit conflicts (Sull, Homkes & Sull, 2015)."""

    ANTICIPATED_AVOIDED = "ANTICIPATED_AVOIDED"
    RESOLVED_QUICKLY = "RESOLVED_QUICKLY"
    RESOLVED_LATE = "RESOLVED_LATE"
    TRIED_FAILED = "TRIED_FAILED"
    UNADDRESSED = "UNADDRESSED"
    OPEN = "OPEN"


# A conflict with one of these statuses has been dealt with and must carry a resolution date.
RESOLVED_STATUSES = frozenset({ConflictStatus.RESOLVED_QUICKLY, ConflictStatus.RESOLVED_LATE})
# These are still unresolved, so a resolution date would contradict them.
UNRESOLVED_STATUSES = frozenset(
    {ConflictStatus.TRIED_FAILED, ConflictStatus.UNADDRESSED, ConflictStatus.OPEN}
)


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str


class EntityKind(StrEnum):
    """The fixed set of entity kinds; stores map each to a table or a label from this list."""

    UNIT = "UNIT"
    LEADER = "LEADER"
    DEPENDENCY = "DEPENDENCY"
    CONFLICT = "CONFLICT"
    TIE = "TIE"


class AttributeType(StrEnum):
    """The type of a custom attribute's values."""

    STRING = "STRING"
    INTEGER = "INTEGER"
    FLOAT = "FLOAT"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"


@dataclass(frozen=True, slots=True)
class AttributeDeclaration:
    """A custom attribute an organization declares for its leaders or its units (`entity` is
    LEADER or UNIT); every value given for it must be of `type`."""

    name: str
    entity: EntityKind
    type: AttributeType = AttributeType.STRING


@dataclass(frozen=True, slots=True)
class Unit:
    """`attributes`: custom attribute values as `name=value` texts (see `attribute_values`)."""

    id: str
    name: str
    kind: UnitKind = UnitKind.TEAM
    parent_id: str | None = None
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Leader:
    """`attributes`: custom attribute values as `name=value` texts (see `attribute_values`)."""

    id: str
    name: str
    unit_id: str
    level: LeaderLevel = LeaderLevel.MIDDLE
    title: str = ""
    reports_to_id: str | None = None
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dependency:
    """`from_unit_id` relies on `to_unit_id`."""

    id: str
    from_unit_id: str
    to_unit_id: str
    criticality: int = 3
    reliability: Reliability = Reliability.MOSTLY
    description: str = ""
    owner_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    unit_a_id: str
    unit_b_id: str
    raised_at: date
    status: ConflictStatus = ConflictStatus.OPEN
    severity: int = 3
    summary: str = ""
    dependency_id: str | None = None
    resolved_at: date | None = None


@dataclass(frozen=True, slots=True)
class TieKind:
    """A kind of tie declared by an organization. In a `directed` kind a tie is an arc from
    `leader_a_id` to `leader_b_id` (advice sought, e-mail sent), so A->B and B->A are two ties;
    a tie of an undeclared kind, or of none, is undirected."""

    name: str
    directed: bool = False


@dataclass(frozen=True, slots=True)
class Tie:
    """A collaboration tie between two leaders, strength in (0, 1]; an arc from `leader_a_id`
    to `leader_b_id` when its kind is declared directed (`TieKind`), undirected otherwise."""

    id: str
    leader_a_id: str
    leader_b_id: str
    strength: float = 1.0
    kind: str | None = None


Entity = Unit | Leader | Dependency | Conflict | Tie


@dataclass(frozen=True, slots=True)
class KindInfo:
    """The fixed names of one entity kind, for every layer that needs one.

    `name` is the singular (query files, JSON record names), `collection` the plural (snapshot
    tables, document and CSV collections, SQL tables), `type_name` the name users see (messages,
    GraphQL types) and `id_prefix` starts generated ids.
    """

    kind: EntityKind
    entity: type[Entity]
    name: str
    collection: str
    type_name: str
    id_prefix: str


KINDS: dict[EntityKind, KindInfo] = {
    info.kind: info
    for info in (
        KindInfo(EntityKind.UNIT, Unit, "unit", "units", "Unit", "u"),
        KindInfo(EntityKind.LEADER, Leader, "leader", "leaders", "Leader", "l"),
        KindInfo(
            EntityKind.DEPENDENCY, Dependency, "dependency", "dependencies", "Dependency", "d"
        ),
        KindInfo(EntityKind.CONFLICT, Conflict, "conflict", "conflicts", "Conflict", "c"),
        KindInfo(EntityKind.TIE, Tie, "tie", "ties", "Tie", "t"),
    )
}
KIND_OF: dict[type, EntityKind] = {info.entity: kind for kind, info in KINDS.items()}


def kind_of(entity: Entity) -> EntityKind:
    return KIND_OF[type(entity)]


@dataclass(frozen=True, slots=True)
class Declarations:
    """What an organization declares beside its entities."""

    tie_kinds: tuple[TieKind, ...] = ()
    attributes: tuple[AttributeDeclaration, ...] = ()


def attribute_values(entity: Unit | Leader) -> dict[str, str]:
    """An entity's custom attribute values by name, as the canonical text of their type
    (`42`, `3.5`, `true`, `2024-05-31`, or the string itself)."""
    return dict(entry.split("=", 1) for entry in entity.attributes)


def attribute_entry(name: str, value: str) -> str:
    """One stored attribute value; a name never holds `=`, so the first one splits it."""
    return f"{name}={value}"


def directed_kinds(tie_kinds: tuple[TieKind, ...]) -> frozenset[str]:
    """The names of the directed kinds among `tie_kinds`."""
    return frozenset(kind.name for kind in tie_kinds if kind.directed)


@dataclass(slots=True)
class OrgSnapshot:
    """A whole organization at one graph version, entities keyed by id in insertion order."""

    organization: Organization
    version: int = 0
    units: dict[str, Unit] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    dependencies: dict[str, Dependency] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    ties: dict[str, Tie] = field(default_factory=dict)
    # Declarations in declaration order; kept beside the entities, not as ones of them.
    tie_kinds: tuple[TieKind, ...] = ()
    attributes: tuple[AttributeDeclaration, ...] = ()

    def directed_kinds(self) -> frozenset[str]:
        return directed_kinds(self.tie_kinds)

    def table(self, kind: EntityKind) -> dict[str, Entity]:
        table: dict[str, Entity] = getattr(self, KINDS[kind].collection)
        return table

    def counts(self) -> dict[EntityKind, int]:
        return {kind: len(self.table(kind)) for kind in EntityKind}

    @classmethod
    def of(
        cls,
        organization: Organization,
        entities: list[Entity] | tuple[Entity, ...] = (),
        version: int = 0,
    ) -> OrgSnapshot:
        snapshot = cls(organization=organization, version=version)
        for entity in entities:
            snapshot.table(kind_of(entity))[entity.id] = entity
        return snapshot

    def entities(self) -> list[Entity]:
        return [entity for kind in EntityKind for entity in self.table(kind).values()]
