"""GraphQL object types. Each wraps a domain dataclass; relations resolve through DataLoaders."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, cast

import strawberry

from graph_queries import model
from graph_queries.model import EntityKind
from graph_queries.stores.port import Relation
from schema.context import Info
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind


@strawberry.type(description="A custom attribute's value, as the text of its declared type.")
class AttributeValue:
    name: str
    value: str = strawberry.field(
        description='`"42"`, `"3.5"`, `"true"`, `"2024-05-31"` or the string itself.'
    )


async def _one(info: Info, organization_id: str, kind: EntityKind, id: str | None) -> object:
    if id is None:
        return None
    entity = await info.context.loaders.entity(kind).load((organization_id, id))
    return None if entity is None else wrap(organization_id, entity)


async def _many(info: Info, organization_id: str, relation: Relation, key: str) -> list[object]:
    entities = await info.context.loaders.related(relation).load((organization_id, key))
    return [wrap(organization_id, entity) for entity in entities]


@strawberry.type
class Unit:
    id: strawberry.ID
    name: str
    kind: UnitKind  # type: ignore[valid-type]
    parent_id: strawberry.ID | None
    attributes: list[AttributeValue] = strawberry.field(
        description="Custom attribute values (`attributes` of the organization declares them)."
    )
    organization_id: strawberry.Private[str]

    @strawberry.field
    async def parent(self, info: Info) -> Unit | None:
        return cast(
            Unit | None, await _one(info, self.organization_id, EntityKind.UNIT, self.parent_id)
        )

    @strawberry.field
    async def children(self, info: Info) -> list[Unit]:
        return cast(
            list[Unit], await _many(info, self.organization_id, Relation.UNIT_CHILDREN, self.id)
        )

    @strawberry.field(description="Leaders whose unit this is.")
    async def members(self, info: Info) -> list[Leader]:
        return cast(
            list[Leader], await _many(info, self.organization_id, Relation.UNIT_MEMBERS, self.id)
        )

    @strawberry.field(description="Dependencies of this unit on others.")
    async def depends_on(self, info: Info) -> list[Dependency]:
        return cast(
            list[Dependency],
            await _many(info, self.organization_id, Relation.UNIT_DEPENDS_ON, self.id),
        )

    @strawberry.field(description="Dependencies of other units on this one.")
    async def depended_on_by(self, info: Info) -> list[Dependency]:
        return cast(
            list[Dependency],
            await _many(info, self.organization_id, Relation.UNIT_DEPENDED_ON_BY, self.id),
        )

    @strawberry.field
    async def conflicts(self, info: Info) -> list[Conflict]:
        return cast(
            list[Conflict],
            await _many(info, self.organization_id, Relation.UNIT_CONFLICTS, self.id),
        )


@strawberry.type
class Leader:
    id: strawberry.ID
    name: str
    title: str
    level: LeaderLevel  # type: ignore[valid-type]
    unit_id: strawberry.ID
    reports_to_id: strawberry.ID | None
    attributes: list[AttributeValue] = strawberry.field(
        description="Custom attribute values (`attributes` of the organization declares them)."
    )
    organization_id: strawberry.Private[str]

    @strawberry.field
    async def unit(self, info: Info) -> Unit:
        return cast(Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.unit_id))

    @strawberry.field(description="The leader this one reports to.")
    async def manager(self, info: Info) -> Leader | None:
        return cast(
            Leader | None,
            await _one(info, self.organization_id, EntityKind.LEADER, self.reports_to_id),
        )

    @strawberry.field(description="Leaders who report to this one.")
    async def reports(self, info: Info) -> list[Leader]:
        return cast(
            list[Leader], await _many(info, self.organization_id, Relation.LEADER_REPORTS, self.id)
        )

    @strawberry.field(description="Collaboration ties of this leader.")
    async def ties(self, info: Info) -> list[Tie]:
        return cast(
            list[Tie], await _many(info, self.organization_id, Relation.LEADER_TIES, self.id)
        )

    @strawberry.field(description="Dependencies this leader owns.")
    async def owned_dependencies(self, info: Info) -> list[Dependency]:
        return cast(
            list[Dependency],
            await _many(info, self.organization_id, Relation.LEADER_OWNED_DEPENDENCIES, self.id),
        )


@strawberry.type(description="The first unit relies on the second.")
class Dependency:
    id: strawberry.ID
    from_unit_id: strawberry.ID
    to_unit_id: strawberry.ID
    description: str
    criticality: int
    reliability: Reliability  # type: ignore[valid-type]
    owner_ids: list[strawberry.ID]
    organization_id: strawberry.Private[str]

    @strawberry.field
    async def from_unit(self, info: Info) -> Unit:
        return cast(
            Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.from_unit_id)
        )

    @strawberry.field
    async def to_unit(self, info: Info) -> Unit:
        return cast(Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.to_unit_id))

    @strawberry.field
    async def owners(self, info: Info) -> list[Leader]:
        loader = info.context.loaders.entity(EntityKind.LEADER)
        owners = await loader.load_many([(self.organization_id, id) for id in self.owner_ids])
        return [cast(Leader, wrap(self.organization_id, o)) for o in owners if o is not None]

    @strawberry.field
    async def conflicts(self, info: Info) -> list[Conflict]:
        return cast(
            list[Conflict],
            await _many(info, self.organization_id, Relation.DEPENDENCY_CONFLICTS, self.id),
        )


@strawberry.type
class Conflict:
    id: strawberry.ID
    unit_a_id: strawberry.ID
    unit_b_id: strawberry.ID
    dependency_id: strawberry.ID | None
    summary: str
    severity: int
    raised_at: date
    resolved_at: date | None
    status: ConflictStatus  # type: ignore[valid-type]
    organization_id: strawberry.Private[str]

    @strawberry.field
    async def unit_a(self, info: Info) -> Unit:
        return cast(Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.unit_a_id))

    @strawberry.field
    async def unit_b(self, info: Info) -> Unit:
        return cast(Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.unit_b_id))

    @strawberry.field
    async def dependency(self, info: Info) -> Dependency | None:
        return cast(
            Dependency | None,
            await _one(info, self.organization_id, EntityKind.DEPENDENCY, self.dependency_id),
        )


@strawberry.type(
    description=(
        "A collaboration tie between two leaders: an arc from `leaderA` to `leaderB` when its "
        "kind is declared directed (`tieKinds`), undirected otherwise."
    )
)
class Tie:
    id: strawberry.ID
    leader_a_id: strawberry.ID
    leader_b_id: strawberry.ID
    strength: float
    kind: str | None
    organization_id: strawberry.Private[str]

    @strawberry.field(
        description="An arc from `leaderA` to `leaderB`: its kind is declared directed."
    )
    async def directed(self, info: Info) -> bool:
        if self.kind is None:
            return False
        declared = await info.context.loaders.declarations.load(self.organization_id)
        return self.kind in model.directed_kinds(declared.tie_kinds)

    @strawberry.field
    async def leader_a(self, info: Info) -> Leader:
        return cast(
            Leader, await _one(info, self.organization_id, EntityKind.LEADER, self.leader_a_id)
        )

    @strawberry.field
    async def leader_b(self, info: Info) -> Leader:
        return cast(
            Leader, await _one(info, self.organization_id, EntityKind.LEADER, self.leader_b_id)
        )


Node = Unit | Leader | Dependency | Conflict | Tie

# The GraphQL type of each kind. Each has its entity's fields under the same names, so that one
# mapping (`wrap`) serves every kind.
NODE_TYPES: dict[EntityKind, type[Node]] = {
    EntityKind.UNIT: Unit,
    EntityKind.LEADER: Leader,
    EntityKind.DEPENDENCY: Dependency,
    EntityKind.CONFLICT: Conflict,
    EntityKind.TIE: Tie,
}


# Per entity class: its GraphQL type and its field names. Read once rather than through
# `dataclasses.fields` for every entity: a page wraps up to 100 of them per request.
_SHAPES: dict[type, tuple[type[Node], tuple[str, ...]]] = {}


def wrap(organization_id: str, entity: model.Entity) -> Node:
    """The GraphQL object for a domain entity: the same fields, with lists for tuples."""
    shape = _SHAPES.get(type(entity))
    if shape is None:
        names = tuple(field.name for field in dataclasses.fields(entity))
        shape = _SHAPES[type(entity)] = (NODE_TYPES[model.kind_of(entity)], names)
    node_type, names = shape
    values = {name: _graphql_value(name, getattr(entity, name)) for name in names}
    return node_type(organization_id=organization_id, **values)


def _graphql_value(name: str, value: Any) -> Any:
    if name == "attributes":  # stored as `name=value` texts
        return [AttributeValue(name=n, value=v) for n, v in (e.split("=", 1) for e in value)]
    return list(value) if isinstance(value, tuple) else value
