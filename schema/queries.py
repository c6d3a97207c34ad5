"""The Organization type and the root Query: connections with filters, and single lookups."""

from __future__ import annotations

from datetime import date
from typing import Annotated, cast

import strawberry

from graph_queries import store
from graph_queries.model import EntityKind
from schema import analyses
from schema.connections import Connection, load_page
from schema.context import Info
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind
from schema.types import Conflict as ConflictType
from schema.types import Dependency as DependencyType
from schema.types import Leader as LeaderType
from schema.types import Tie as TieType
from schema.types import Unit as UnitType
from schema.types import wrap

DEFAULT_PAGE = 20


@strawberry.input
class UnitFilter:
    text: str | None = strawberry.field(default=None, description="Part of the name.")
    kind: UnitKind | None = None  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = None

    def to_store(self) -> store.UnitFilter:
        return store.UnitFilter(text=self.text, kind=self.kind, parent_id=self.parent_id)


@strawberry.input
class LeaderFilter:
    text: str | None = strawberry.field(default=None, description="Part of the name or title.")
    unit_id: strawberry.ID | None = None
    level: LeaderLevel | None = None  # type: ignore[valid-type]

    def to_store(self) -> store.LeaderFilter:
        return store.LeaderFilter(text=self.text, unit_id=self.unit_id, level=self.level)


@strawberry.input
class DependencyFilter:
    text: str | None = strawberry.field(default=None, description="Part of the description.")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Either end.")
    reliability: Reliability | None = None  # type: ignore[valid-type]

    def to_store(self) -> store.DependencyFilter:
        return store.DependencyFilter(
            text=self.text, unit_id=self.unit_id, reliability=self.reliability
        )


@strawberry.input
class ConflictFilter:
    text: str | None = strawberry.field(default=None, description="Part of the summary.")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Either unit.")
    status: ConflictStatus | None = None  # type: ignore[valid-type]
    raised_from: date | None = strawberry.field(default=None, description="Inclusive.")
    raised_to: date | None = strawberry.field(default=None, description="Inclusive.")

    def to_store(self) -> store.ConflictFilter:
        return store.ConflictFilter(
            text=self.text,
            unit_id=self.unit_id,
            status=self.status,
            raised_from=self.raised_from,
            raised_to=self.raised_to,
        )


@strawberry.input
class TieFilter:
    leader_id: strawberry.ID | None = strawberry.field(default=None, description="Either end.")
    kind: str | None = None

    def to_store(self) -> store.TieFilter:
        return store.TieFilter(leader_id=self.leader_id, kind=self.kind)


@strawberry.type
class Organization:
    id: strawberry.ID
    name: str

    @strawberry.field(description="Increases with every write to this organization.")
    async def graph_version(self, info: Info) -> int:
        return await info.context.store.graph_version(info.context.request_context, self.id)

    @strawberry.field
    async def units(
        self,
        info: Info,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
        filter: UnitFilter | None = None,
    ) -> Connection[UnitType]:
        return await load_page(
            info, self.id, EntityKind.UNIT, (filter or UnitFilter()).to_store(), first, after
        )

    @strawberry.field
    async def leaders(
        self,
        info: Info,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
        filter: LeaderFilter | None = None,
    ) -> Connection[LeaderType]:
        return await load_page(
            info, self.id, EntityKind.LEADER, (filter or LeaderFilter()).to_store(), first, after
        )

    @strawberry.field
    async def dependencies(
        self,
        info: Info,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
        filter: DependencyFilter | None = None,
    ) -> Connection[DependencyType]:
        entity_filter = (filter or DependencyFilter()).to_store()
        return await load_page(info, self.id, EntityKind.DEPENDENCY, entity_filter, first, after)

    @strawberry.field
    async def conflicts(
        self,
        info: Info,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
        filter: ConflictFilter | None = None,
    ) -> Connection[ConflictType]:
        entity_filter = (filter or ConflictFilter()).to_store()
        return await load_page(info, self.id, EntityKind.CONFLICT, entity_filter, first, after)

    @strawberry.field
    async def ties(
        self,
        info: Info,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
        filter: TieFilter | None = None,
    ) -> Connection[TieType]:
        return await load_page(
            info, self.id, EntityKind.TIE, (filter or TieFilter()).to_store(), first, after
        )

    @strawberry.field
    async def unit(self, info: Info, id: strawberry.ID) -> UnitType | None:
        return cast(UnitType | None, await self._lookup(info, EntityKind.UNIT, id))

    @strawberry.field
    async def leader(self, info: Info, id: strawberry.ID) -> LeaderType | None:
        return cast(LeaderType | None, await self._lookup(info, EntityKind.LEADER, id))

    @strawberry.field
    async def dependency(self, info: Info, id: strawberry.ID) -> DependencyType | None:
        return cast(DependencyType | None, await self._lookup(info, EntityKind.DEPENDENCY, id))

    @strawberry.field
    async def conflict(self, info: Info, id: strawberry.ID) -> ConflictType | None:
        return cast(ConflictType | None, await self._lookup(info, EntityKind.CONFLICT, id))

    @strawberry.field
    async def tie(self, info: Info, id: strawberry.ID) -> TieType | None:
        return cast(TieType | None, await self._lookup(info, EntityKind.TIE, id))

    @strawberry.field(
        description="Units and leaders where coordination bottlenecks, ranked (docs/analyses.md)."
    )
    async def silo_bottlenecks(
        self,
        info: Info,
        scope: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="A division's id; the whole organization if null."),
        ] = None,
        top: int = 10,
    ) -> analyses.SiloBottlenecksResult:
        return await analyses.silo_bottlenecks_field(info, self.id, scope, top)

    @strawberry.field(description="Where cross-unit conflicts pile up unresolved, at a date.")
    async def conflict_hotspots(
        self,
        info: Info,
        as_of: Annotated[
            date | None, strawberry.argument(description="Evaluate at this date; today if null.")
        ] = None,
        top: int = 10,
    ) -> analyses.ConflictHotspotsResult:
        return await analyses.conflict_hotspots_field(info, self.id, as_of, top)

    @strawberry.field(description="Factions in the executive team's collaboration ties.")
    async def executive_factions(self, info: Info) -> analyses.ExecutiveFactionsResult:
        return await analyses.executive_factions_field(info, self.id)

    @strawberry.field(description="One summary for the leadership team, figures included.")
    async def execution_report(
        self,
        info: Info,
        as_of: Annotated[
            date | None, strawberry.argument(description="Evaluate at this date; today if null.")
        ] = None,
        top: int = 5,
    ) -> analyses.ExecutionReportUnion:
        return await analyses.execution_report_field(info, self.id, as_of, top)

    async def _lookup(self, info: Info, kind: EntityKind, id: str) -> object:
        entity = await info.context.loaders.entity(kind).load((self.id, id))
        return None if entity is None else wrap(self.id, entity)


@strawberry.type
class Query:
    @strawberry.field(description="The organizations the caller may see, ordered by id.")
    async def organizations(self, info: Info) -> list[Organization]:
        context = info.context
        found = await context.store.organizations(context.request_context)
        return [Organization(id=strawberry.ID(org.id), name=org.name) for org in found]

    @strawberry.field(description="Null when there is no such organization or it is not visible.")
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        org = await info.context.loaders.organizations.load(id)
        return None if org is None else Organization(id=strawberry.ID(org.id), name=org.name)
