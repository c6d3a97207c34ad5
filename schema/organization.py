"""The Organization type: connections with filters, single lookups and the analyses."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, cast

import strawberry

from graph_queries import model
from graph_queries.attributes import declared
from graph_queries.model import EntityKind
from schema import analyses
from schema.connections import load_page
from schema.context import Info
from schema.declarations import AttributeDeclaration, TieKind
from schema.field_arguments import (
    DEFAULT_DIRECTED_TOP,
    DEFAULT_EXECUTION_TOP,
    GroupBy,
    Kinds,
    LocalId,
    SmallGroups,
)
from schema.filters import ConflictFilter, DependencyFilter, LeaderFilter, TieFilter, UnitFilter
from schema.node import Node
from schema.pagination import After, Before, Connection, First, Last
from schema.recommendations import (
    CANDIDATES_LIMIT,
    Candidates,
    Count,
    Liaisons,
    NewTieKind,
    Options,
    PerPerson,
    RecommendationGoal,
    RecommendationsResult,
    recommendations_field,
)
from schema.simulation import SimulationResult, simulation_field
from schema.simulation_inputs import Changes
from schema.trends import DEFAULT_LAST, TrendsResult, trends_field
from schema.types import Conflict as ConflictType
from schema.types import Dependency as DependencyType
from schema.types import Leader as LeaderType
from schema.types import Tie as TieType
from schema.types import Unit as UnitType
from schema.types import wrap


@strawberry.type(description="An organization: its units, leaders, ties and their analyses.")
class Organization(Node):
    local_id: strawberry.ID = strawberry.field(
        description="The organization's own id, as in imports, exports and mutations."
    )
    name: str

    @classmethod
    def of(cls, found: model.Organization) -> Organization:
        # An organization's local id is its own id, and the organization it belongs to.
        return cls(local_id=strawberry.ID(found.id), organization_id=found.id, name=found.name)

    @strawberry.field(description="Increases with every write to this organization.")
    async def graph_version(self, info: Info) -> int:
        return await info.context.store.graph_version(
            info.context.request_context, self.organization_id
        )

    @strawberry.field(description="The declared tie kinds; a tie of any other kind is undirected.")
    async def tie_kinds(self, info: Info) -> list[TieKind]:
        context = info.context
        found = await context.store.tie_kinds(context.request_context, self.organization_id)
        return [TieKind(name=kind.name, directed=kind.directed) for kind in found]

    @strawberry.field(description="The declared custom attributes of leaders and units.")
    async def attributes(self, info: Info) -> list[AttributeDeclaration]:
        context = info.context
        found = await context.store.declarations(context.request_context, self.organization_id)
        return [
            AttributeDeclaration(name=d.name, entity=d.entity.value, type=d.type.value)
            for d in found.attributes
        ]

    async def _types(self, info: Info, kind: EntityKind, wanted: object) -> dict[str, Any]:
        """The declared attribute types of `kind`, read only when a filter needs them."""
        if wanted is None:
            return {}
        context = info.context
        found = await context.store.declarations(context.request_context, self.organization_id)
        return declared(found.attributes, kind)

    @strawberry.field
    async def units(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: UnitFilter | None = None,
    ) -> Connection[UnitType]:
        chosen = filter or UnitFilter()
        types = await self._types(info, EntityKind.UNIT, chosen.attribute)
        return await load_page(
            info,
            self.organization_id,
            EntityKind.UNIT,
            chosen.to_store(types),
            first,
            after,
            last,
            before,
        )

    @strawberry.field
    async def leaders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: LeaderFilter | None = None,
    ) -> Connection[LeaderType]:
        chosen = filter or LeaderFilter()
        types = await self._types(info, EntityKind.LEADER, chosen.attribute)
        entity_filter = chosen.to_store(types)
        return await load_page(
            info, self.organization_id, EntityKind.LEADER, entity_filter, first, after, last, before
        )

    @strawberry.field
    async def dependencies(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: DependencyFilter | None = None,
    ) -> Connection[DependencyType]:
        entity_filter = (filter or DependencyFilter()).to_store()
        return await load_page(
            info,
            self.organization_id,
            EntityKind.DEPENDENCY,
            entity_filter,
            first,
            after,
            last,
            before,
        )

    @strawberry.field
    async def conflicts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: ConflictFilter | None = None,
    ) -> Connection[ConflictType]:
        entity_filter = (filter or ConflictFilter()).to_store()
        return await load_page(
            info,
            self.organization_id,
            EntityKind.CONFLICT,
            entity_filter,
            first,
            after,
            last,
            before,
        )

    @strawberry.field
    async def ties(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: TieFilter | None = None,
    ) -> Connection[TieType]:
        return await load_page(
            info,
            self.organization_id,
            EntityKind.TIE,
            (filter or TieFilter()).to_store(),
            first,
            after,
            last,
            before,
        )

    @strawberry.field
    async def unit(self, info: Info, id: LocalId) -> UnitType | None:
        return cast(UnitType | None, await self._lookup(info, EntityKind.UNIT, id))

    @strawberry.field
    async def leader(self, info: Info, id: LocalId) -> LeaderType | None:
        return cast(LeaderType | None, await self._lookup(info, EntityKind.LEADER, id))

    @strawberry.field
    async def dependency(self, info: Info, id: LocalId) -> DependencyType | None:
        return cast(DependencyType | None, await self._lookup(info, EntityKind.DEPENDENCY, id))

    @strawberry.field
    async def conflict(self, info: Info, id: LocalId) -> ConflictType | None:
        return cast(ConflictType | None, await self._lookup(info, EntityKind.CONFLICT, id))

    @strawberry.field
    async def tie(self, info: Info, id: LocalId) -> TieType | None:
        return cast(TieType | None, await self._lookup(info, EntityKind.TIE, id))

    @strawberry.field(
        description="Units and leaders where coordination bottlenecks, ranked (docs/analyses.md)."
    )
    async def silo_bottlenecks(
        self,
        info: Info,
        scope: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="A division's local id; the whole organization if null."
            ),
        ] = None,
        top: int = 10,
        include_small_groups: SmallGroups = False,
        kinds: Kinds = None,
        group_by: GroupBy = None,
    ) -> analyses.SiloBottlenecksResult:
        return await analyses.silo_bottlenecks_field(
            info, self.organization_id, scope, top, include_small_groups, kinds, group_by
        )

    @strawberry.field(description="Where cross-unit conflicts pile up unresolved, at a date.")
    async def conflict_hotspots(
        self,
        info: Info,
        as_of: Annotated[
            date | None, strawberry.argument(description="Evaluate at this date; today if null.")
        ] = None,
        top: int = 10,
        include_small_groups: SmallGroups = False,
    ) -> analyses.ConflictHotspotsResult:
        return await analyses.conflict_hotspots_field(
            info, self.organization_id, as_of, top, include_small_groups
        )

    @strawberry.field(description="Factions in the executive team's collaboration ties.")
    async def executive_factions(
        self,
        info: Info,
        include_small_groups: SmallGroups = False,
        kinds: Kinds = None,
        group_by: GroupBy = None,
    ) -> analyses.ExecutiveFactionsResult:
        return await analyses.executive_factions_field(
            info, self.organization_id, include_small_groups, kinds, group_by
        )

    @strawberry.field(description="One summary for the leadership team, figures included.")
    async def execution_report(
        self,
        info: Info,
        as_of: Annotated[
            date | None, strawberry.argument(description="Evaluate at this date; today if null.")
        ] = None,
        top: int = DEFAULT_EXECUTION_TOP,
        include_small_groups: SmallGroups = False,
        kinds: Kinds = None,
    ) -> analyses.ExecutionReportResult:
        return await analyses.execution_report_field(
            info, self.organization_id, as_of, top, include_small_groups, kinds
        )

    @strawberry.field(
        description=(
            "Arcs received and sent, directed betweenness, reciprocity and the E-I index on "
            "arcs, for a layer of directed ties (docs/analyses.md)."
        )
    )
    async def directed_network(
        self,
        info: Info,
        kinds: Annotated[
            list[str] | None,
            strawberry.argument(
                description="Directed tie kinds to read; every directed kind if null."
            ),
        ] = None,
        top: Annotated[
            int,
            strawberry.argument(description="How many leaders to list, most arcs received first."),
        ] = DEFAULT_DIRECTED_TOP,
        group_by: GroupBy = None,
        include_small_groups: SmallGroups = False,
    ) -> analyses.DirectedNetworkResult:
        return await analyses.directed_network_field(
            info, self.organization_id, kinds, top, group_by, include_small_groups
        )

    @strawberry.field(
        description=(
            "The units, sized by their leaders, and what links each pair: dependencies and "
            "collaboration ties, aggregated (docs/explorer.md)."
        )
    )
    async def unit_network(
        self,
        info: Info,
        kinds: Kinds = None,
        include_small_groups: SmallGroups = False,
    ) -> analyses.UnitNetworkResult:
        return await analyses.unit_network_field(
            info, self.organization_id, kinds, include_small_groups
        )

    @strawberry.field(
        description="The execution report before and after changes; nothing is written."
    )
    async def simulation(
        self,
        info: Info,
        changes: Changes,
        as_of: Annotated[
            date | None, strawberry.argument(description="Evaluate at this date; today if null.")
        ] = None,
        top: int = DEFAULT_EXECUTION_TOP,
        include_small_groups: SmallGroups = False,
        kinds: Kinds = None,
    ) -> SimulationResult:
        return await simulation_field(
            info, self.organization_id, changes, as_of, top, include_small_groups, kinds
        )

    @strawberry.field(
        description="The few new ties (or liaisons) that serve a goal most; nothing is written."
    )
    async def recommendations(
        self,
        info: Info,
        goal: RecommendationGoal,  # type: ignore[valid-type]
        count: Count = 3,
        max_new_ties_per_person: PerPerson = 2,
        candidates: Candidates = CANDIDATES_LIMIT,
        liaisons: Liaisons = False,
        kind: NewTieKind = None,
        strength: float = 1.0,
        kinds: Kinds = None,
        include_small_groups: SmallGroups = False,
    ) -> RecommendationsResult:
        layered = analyses.layer(kinds)
        options = Options(
            count, max_new_ties_per_person, candidates, liaisons, layered, kind, strength
        )
        return await recommendations_field(
            info, self.organization_id, goal, options, include_small_groups
        )

    @strawberry.field(
        description=(
            "Each headline figure across the analysis snapshots (kept by `captureSnapshot` and "
            "the command line's import and snapshot), with its changes (docs/analyses.md)."
        )
    )
    async def trends(
        self,
        info: Info,
        include_small_groups: SmallGroups = False,
        last: Annotated[
            int,
            strawberry.argument(description="The newest snapshots to read, 1 to 1000."),
        ] = DEFAULT_LAST,
        units: Annotated[
            list[str] | None,
            strawberry.argument(description="Only these units' series (ids); every unit if null."),
        ] = None,
    ) -> TrendsResult:
        return await trends_field(info, self.organization_id, include_small_groups, last, units)

    async def _lookup(self, info: Info, kind: EntityKind, id: str) -> object:
        entity = await info.context.loaders.entity(kind).load((self.organization_id, id))
        return None if entity is None else wrap(self.organization_id, entity)
