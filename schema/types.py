"""GraphQL object types. Each wraps a domain dataclass; relations resolve through DataLoaders,
and lists of related objects are connections paged in memory (schema/pagination.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

import strawberry

from graph_queries import model
from graph_queries.model import EntityKind
from graph_queries.stores.port import PageWindow, Relation
from schema.context import Info
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind
from schema.node import LOCAL_REFERENCE, Node
from schema.pagination import (
    After,
    Before,
    Connection,
    Edge,
    First,
    Last,
    checked_window,
    connection_of,
    encode_cursor,
    paginate,
)


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


def _page(
    organization_id: str, entities: Sequence[model.Entity], window: PageWindow
) -> Connection[Any]:
    """The connection of one page of a list read whole, in natural order of local ids."""
    page = paginate(entities, _local_id, window)
    return entity_connection(
        organization_id, page.items, page.has_next_page, page.has_previous_page, page.total_count
    )


def entity_connection(
    organization_id: str,
    entities: Sequence[model.Entity],
    has_next_page: bool,
    has_previous_page: bool,
    total_count: int,
) -> Connection[Any]:
    """The connection of a page of entities, however it was cut (by the store or in memory):
    each edge's cursor encodes the entity's local id."""
    edges = [Edge(cursor=encode_cursor(e.id), node=wrap(organization_id, e)) for e in entities]
    return connection_of(edges, has_next_page, has_previous_page, total_count)


def _local_id(entity: model.Entity) -> str:
    return entity.id


async def _many(
    info: Info, organization_id: str, relation: Relation, key: str, window: PageWindow
) -> Connection[Any]:
    # One store call for every parent of the batch (the DataLoader); the page is cut here.
    entities = await info.context.loaders.related(relation).load((organization_id, key))
    return _page(organization_id, entities, window)


@strawberry.type(description="A unit of the organization (a division, a department, a team).")
class Unit(Node):
    name: str
    kind: UnitKind  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = strawberry.field(description=LOCAL_REFERENCE)
    attributes: list[AttributeValue] = strawberry.field(
        description="Custom attribute values (`attributes` of the organization declares them)."
    )

    @strawberry.field
    async def parent(self, info: Info) -> Unit | None:
        return cast(
            Unit | None, await _one(info, self.organization_id, EntityKind.UNIT, self.parent_id)
        )

    @strawberry.field(description="The units directly below this one.")
    async def children(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Unit]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.UNIT_CHILDREN, self.local_id, window
        )

    @strawberry.field(description="Leaders whose unit this is.")
    async def members(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Leader]:
        window = checked_window(first, after, last, before)
        return await _many(info, self.organization_id, Relation.UNIT_MEMBERS, self.local_id, window)

    @strawberry.field(description="Dependencies of this unit on others.")
    async def depends_on(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Dependency]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.UNIT_DEPENDS_ON, self.local_id, window
        )

    @strawberry.field(description="Dependencies of other units on this one.")
    async def depended_on_by(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Dependency]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.UNIT_DEPENDED_ON_BY, self.local_id, window
        )

    @strawberry.field(description="Conflicts this unit is a party to.")
    async def conflicts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Conflict]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.UNIT_CONFLICTS, self.local_id, window
        )


@strawberry.type(description="A leader of the organization.")
class Leader(Node):
    name: str
    title: str
    level: LeaderLevel  # type: ignore[valid-type]
    unit_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    reports_to_id: strawberry.ID | None = strawberry.field(description=LOCAL_REFERENCE)
    attributes: list[AttributeValue] = strawberry.field(
        description="Custom attribute values (`attributes` of the organization declares them)."
    )

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
    async def reports(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Leader]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.LEADER_REPORTS, self.local_id, window
        )

    @strawberry.field(description="Collaboration ties of this leader.")
    async def ties(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Tie]:
        window = checked_window(first, after, last, before)
        return await _many(info, self.organization_id, Relation.LEADER_TIES, self.local_id, window)

    @strawberry.field(description="Dependencies this leader owns.")
    async def owned_dependencies(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Dependency]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.LEADER_OWNED_DEPENDENCIES, self.local_id, window
        )


@strawberry.type(description="The first unit relies on the second.")
class Dependency(Node):
    from_unit_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    to_unit_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    description: str
    criticality: int
    reliability: Reliability  # type: ignore[valid-type]
    owner_ids: list[strawberry.ID] = strawberry.field(
        description="Local ids (`localId`) of the owners, unique inside this organization only."
    )

    @strawberry.field
    async def from_unit(self, info: Info) -> Unit:
        return cast(
            Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.from_unit_id)
        )

    @strawberry.field
    async def to_unit(self, info: Info) -> Unit:
        return cast(Unit, await _one(info, self.organization_id, EntityKind.UNIT, self.to_unit_id))

    @strawberry.field(description="The leaders who own this dependency.")
    async def owners(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Leader]:
        window = checked_window(first, after, last, before)
        loader = info.context.loaders.entity(EntityKind.LEADER)
        found = await loader.load_many([(self.organization_id, id) for id in self.owner_ids])
        return _page(self.organization_id, [o for o in found if o is not None], window)

    @strawberry.field(description="Conflicts about this dependency.")
    async def conflicts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Conflict]:
        window = checked_window(first, after, last, before)
        return await _many(
            info, self.organization_id, Relation.DEPENDENCY_CONFLICTS, self.local_id, window
        )


@strawberry.type(description="A conflict between two units, possibly about a dependency.")
class Conflict(Node):
    unit_a_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    unit_b_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    dependency_id: strawberry.ID | None = strawberry.field(description=LOCAL_REFERENCE)
    summary: str
    severity: int
    raised_at: date
    resolved_at: date | None
    status: ConflictStatus  # type: ignore[valid-type]

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
class Tie(Node):
    leader_a_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    leader_b_id: strawberry.ID = strawberry.field(description=LOCAL_REFERENCE)
    strength: float
    kind: str | None

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


EntityType = Unit | Leader | Dependency | Conflict | Tie

# The GraphQL type of each kind. Each has its entity's fields under the same names, so that one
# mapping (`wrap`) serves every kind.
NODE_TYPES: dict[EntityKind, type[EntityType]] = {
    EntityKind.UNIT: Unit,
    EntityKind.LEADER: Leader,
    EntityKind.DEPENDENCY: Dependency,
    EntityKind.CONFLICT: Conflict,
    EntityKind.TIE: Tie,
}


# Per entity class: its GraphQL type and its field names. Read once rather than through
# `dataclasses.fields` for every entity: a page wraps up to 100 of them per request.
_SHAPES: dict[type, tuple[type[EntityType], tuple[str, ...]]] = {}


def wrap(organization_id: str, entity: model.Entity) -> EntityType:
    """The GraphQL object for a domain entity: the same fields, with lists for tuples."""
    shape = _SHAPES.get(type(entity))
    if shape is None:
        names = tuple(field.name for field in dataclasses.fields(entity))
        shape = _SHAPES[type(entity)] = (NODE_TYPES[model.kind_of(entity)], names)
    node_type, names = shape
    values = {_FIELD_NAMES.get(n, n): _graphql_value(n, getattr(entity, n)) for n in names}
    return node_type(organization_id=organization_id, **values)


# An entity's `id` is its local id; `id` in GraphQL is the global one (schema/node.py).
_FIELD_NAMES = {"id": "local_id"}


def _graphql_value(name: str, value: Any) -> Any:
    if name == "attributes":  # stored as `name=value` texts
        return [AttributeValue(name=n, value=v) for n, v in (e.split("=", 1) for e in value)]
    return list(value) if isinstance(value, tuple) else value
