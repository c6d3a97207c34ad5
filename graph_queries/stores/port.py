"""The store port: everything above it (resolvers, importers, analyses) talks only to `Store`.

Authorization happens here, once: each public method checks the request context for the role
it needs (`RequestContext.require`: reads VIEWER, commits EDITOR, whole-organization replaces
and deletes ADMIN) and then calls the matching underscored method that a concrete store
implements. Writes carry the graph version
they were computed from, and a store refuses them if the organization has moved on, so that the
validation done above the store stays true when the write lands.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from graph_queries.context import RequestContext, Role
from graph_queries.errors import NotFound
from graph_queries.model import (
    AttributeDeclaration,
    ConflictStatus,
    Declarations,
    Entity,
    EntityKind,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    TieKind,
    UnitKind,
)
from graph_queries.natural_order import natural_key
from graph_queries.stores.analysis_snapshots import AnalysisSnapshot, check_snapshot
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.paging import MAX_PAGE_SIZE, Page, PageWindow

# Told how many more entities a long write has stored (a progress bar's `advance`).
Progress = Callable[[int], None]

__all__ = ["MAX_PAGE_SIZE", "Page", "PageWindow"]  # re-exported: callers page through the port

if TYPE_CHECKING:
    from graph_queries.graphs import OrgGraphs


@dataclass(frozen=True, slots=True)
class UnitFilter:
    """`attribute` is one stored attribute value, `name=value` (`model.attribute_entry`)."""

    text: str | None = None
    kind: UnitKind | None = None
    parent_id: str | None = None
    attribute: str | None = None


@dataclass(frozen=True, slots=True)
class LeaderFilter:
    """`attribute` is one stored attribute value, `name=value` (`model.attribute_entry`)."""

    text: str | None = None
    unit_id: str | None = None
    level: LeaderLevel | None = None
    attribute: str | None = None


@dataclass(frozen=True, slots=True)
class DependencyFilter:
    """`unit_id` matches either end of the dependency."""

    text: str | None = None
    unit_id: str | None = None
    reliability: Reliability | None = None


@dataclass(frozen=True, slots=True)
class ConflictFilter:
    """`unit_id` matches either unit; the raisedAt range is inclusive."""

    text: str | None = None
    unit_id: str | None = None
    status: ConflictStatus | None = None
    raised_from: date | None = None
    raised_to: date | None = None


@dataclass(frozen=True, slots=True)
class TieFilter:
    """`leader_id` matches either end of the tie."""

    leader_id: str | None = None
    kind: str | None = None


EntityFilter = UnitFilter | LeaderFilter | DependencyFilter | ConflictFilter | TieFilter

FILTER_FOR_KIND: dict[EntityKind, type] = {
    EntityKind.UNIT: UnitFilter,
    EntityKind.LEADER: LeaderFilter,
    EntityKind.DEPENDENCY: DependencyFilter,
    EntityKind.CONFLICT: ConflictFilter,
    EntityKind.TIE: TieFilter,
}


class Relation(StrEnum):
    """One-to-many relations that nested GraphQL fields batch through `Store.related`."""

    UNIT_CHILDREN = "UNIT_CHILDREN"
    UNIT_MEMBERS = "UNIT_MEMBERS"
    UNIT_DEPENDS_ON = "UNIT_DEPENDS_ON"
    UNIT_DEPENDED_ON_BY = "UNIT_DEPENDED_ON_BY"
    UNIT_CONFLICTS = "UNIT_CONFLICTS"
    LEADER_REPORTS = "LEADER_REPORTS"
    LEADER_TIES = "LEADER_TIES"
    LEADER_OWNED_DEPENDENCIES = "LEADER_OWNED_DEPENDENCIES"
    DEPENDENCY_CONFLICTS = "DEPENDENCY_CONFLICTS"


@dataclass(frozen=True, slots=True)
class RelationInfo:
    """For a key, a relation gives the entities of `kind` that hold it in one of `fields`."""

    kind: EntityKind
    fields: tuple[str, ...]


RELATIONS: dict[Relation, RelationInfo] = {
    Relation.UNIT_CHILDREN: RelationInfo(EntityKind.UNIT, ("parent_id",)),
    Relation.UNIT_MEMBERS: RelationInfo(EntityKind.LEADER, ("unit_id",)),
    Relation.UNIT_DEPENDS_ON: RelationInfo(EntityKind.DEPENDENCY, ("from_unit_id",)),
    Relation.UNIT_DEPENDED_ON_BY: RelationInfo(EntityKind.DEPENDENCY, ("to_unit_id",)),
    Relation.UNIT_CONFLICTS: RelationInfo(EntityKind.CONFLICT, ("unit_a_id", "unit_b_id")),
    Relation.LEADER_REPORTS: RelationInfo(EntityKind.LEADER, ("reports_to_id",)),
    Relation.LEADER_TIES: RelationInfo(EntityKind.TIE, ("leader_a_id", "leader_b_id")),
    Relation.LEADER_OWNED_DEPENDENCIES: RelationInfo(EntityKind.DEPENDENCY, ("owner_ids",)),
    Relation.DEPENDENCY_CONFLICTS: RelationInfo(EntityKind.CONFLICT, ("dependency_id",)),
}


@dataclass(slots=True)
class ChangeSet:
    """Writes to one organization, applied together or not at all; `tie_kinds` and `attributes`
    None keep the declarations."""

    organization: Organization | None = None
    upserts: list[Entity] = field(default_factory=list)
    deletes: list[tuple[EntityKind, str]] = field(default_factory=list)
    tie_kinds: tuple[TieKind, ...] | None = None
    attributes: tuple[AttributeDeclaration, ...] | None = None


def diff(before: OrgSnapshot, after: OrgSnapshot) -> ChangeSet:
    """The writes that turn `before` into `after`: new or changed entities, and deletions."""
    changes = ChangeSet(organization=after.organization)
    if before.tie_kinds != after.tie_kinds:
        changes.tie_kinds = after.tie_kinds
    if before.attributes != after.attributes:
        changes.attributes = after.attributes
    for kind in EntityKind:
        old, new = before.table(kind), after.table(kind)
        changes.deletes += [(kind, id) for id in old if id not in new]
        changes.upserts += [entity for id, entity in new.items() if old.get(id) != entity]
    return changes


class Store(abc.ABC):
    # ---- public API: authorization, then the concrete store's work -------------------------

    async def ping(self) -> None:
        """Raise StoreUnavailable when the store cannot answer."""
        await self._ping()

    async def organizations(self, ctx: RequestContext) -> list[Organization]:
        """The organizations the caller may see, in natural order of ids."""
        visible = [org for org in await self._organizations() if ctx.can_see(org.id)]
        return sorted(visible, key=lambda org: natural_key(org.id))

    async def organizations_by_id(
        self, ctx: RequestContext, ids: Sequence[str]
    ) -> list[Organization | None]:
        visible = [id for id in ids if ctx.can_see(id)]
        found = {org.id: org for org in await self._organizations_by_id(visible) if org}
        return [found.get(id) for id in ids]

    async def graph_version(self, ctx: RequestContext, organization_id: str) -> int:
        ctx.require(organization_id)
        version = await self._graph_version(organization_id)
        if version is None:
            raise NotFound("Organization", organization_id)
        return version

    async def tie_kinds(self, ctx: RequestContext, organization_id: str) -> tuple[TieKind, ...]:
        """The tie kinds the organization declares, in declaration order."""
        return (await self.declarations(ctx, organization_id)).tie_kinds

    async def declarations(self, ctx: RequestContext, organization_id: str) -> Declarations:
        """The tie kinds and custom attributes the organization declares."""
        ctx.require(organization_id)
        found = await self._declarations(organization_id)
        if found is None:
            raise NotFound("Organization", organization_id)
        return found

    async def entities_by_id(
        self, ctx: RequestContext, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        ctx.require(organization_id)
        return await self._entities_by_id(organization_id, kind, ids)

    async def related(
        self, ctx: RequestContext, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        """For each key, the entities on the far side of `relation`, in natural order of ids
        (`natural_order.natural_key`)."""
        ctx.require(organization_id)
        return await self._related(organization_id, relation, keys)

    async def page(
        self,
        ctx: RequestContext,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        window: PageWindow,
    ) -> Page[Entity]:
        """The window of the matching entities in natural order of ids (`paging`): ValueError
        unless exactly one of `first` and `last` is set; the size is clamped to 0..MAX_PAGE_SIZE."""
        ctx.require(organization_id)
        if not isinstance(entity_filter, FILTER_FOR_KIND[kind]):
            raise TypeError(f"{type(entity_filter).__name__} does not filter {kind.value}")
        return await self._page(organization_id, kind, entity_filter, window.checked())

    async def snapshot(self, ctx: RequestContext, organization_id: str) -> OrgSnapshot:
        ctx.require(organization_id)
        snapshot = await self._snapshot(organization_id)
        if snapshot is None:
            raise NotFound("Organization", organization_id)
        return snapshot

    async def local_view(
        self, ctx: RequestContext, organization_id: str, read: LocalRead
    ) -> LocalView:
        """What one write touches (`local_reads`), read in one transaction with its version."""
        ctx.require(organization_id)
        view = await self._local_view(organization_id, read)
        if view is None:
            raise NotFound("Organization", organization_id)
        return view

    async def graphs(self, ctx: RequestContext, organization_id: str) -> OrgGraphs:
        """The whole organization as networkx graphs, for the analyses."""
        # Imported here: networkx takes longer to load than a CLI import or export needs in all.
        from graph_queries.graphs import build_graphs

        return build_graphs(await self.snapshot(ctx, organization_id))

    async def commit(
        self,
        ctx: RequestContext,
        organization_id: str,
        expected_version: int,
        changes: ChangeSet,
    ) -> int:
        """Apply `changes` atomically if the organization is still at `expected_version`.

        Returns the new graph version; raises VersionConflict or NotFound otherwise.
        """
        ctx.require(organization_id, Role.EDITOR)
        return await self._commit(organization_id, expected_version, changes)

    async def replace_organization(
        self,
        ctx: RequestContext,
        snapshot: OrgSnapshot,
        expected_version: int | None,
        progress: Progress | None = None,
    ) -> int:
        """Store a whole organization, creating it or replacing its content, all or nothing:
        readers see the old content or the new, never a mix, and a failure leaves the old (one
        transaction on SQLite; on Neo4j a large replace is staged and switched in one small
        transaction, docs/neo4j.md).

        `expected_version` 0 means the organization must not exist yet; None replaces whatever
        is there. Returns the new graph version. `progress`, if given, is told as entities are
        written (SQLite) or once they all are (Neo4j stages them first).
        """
        ctx.require(snapshot.organization.id, Role.ADMIN)
        return await self._replace_organization(snapshot, expected_version, progress or _unseen)

    async def delete_organization(self, ctx: RequestContext, organization_id: str) -> None:
        ctx.require(organization_id, Role.ADMIN)
        if not await self._delete_organization(organization_id):
            raise NotFound("Organization", organization_id)

    async def save_analysis_snapshot(
        self, ctx: RequestContext, snapshot: AnalysisSnapshot, keep: int
    ) -> None:
        """Keep `snapshot` (replacing one of the same date and graph version), then drop the
        oldest (by date, then version) beyond `keep`; all or nothing. An EDITOR's: a capture
        changes no entity. NotFound without the organization (`analysis_snapshots`)."""
        ctx.require(snapshot.organization_id, Role.EDITOR)
        check_snapshot(snapshot, keep)
        if not await self._save_analysis_snapshot(snapshot, keep):
            raise NotFound("Organization", snapshot.organization_id)

    async def analysis_snapshots(
        self, ctx: RequestContext, organization_id: str
    ) -> list[AnalysisSnapshot]:
        """The organization's snapshots, oldest first; an ANALYST's, since they hold per-unit
        figures like the analyses."""
        ctx.require(organization_id, Role.ANALYST)
        if await self._graph_version(organization_id) is None:
            raise NotFound("Organization", organization_id)
        return await self._analysis_snapshots(organization_id)

    async def migrate(self) -> None:
        """Prepare the store's schema (constraints, indexes); idempotent. Run at start-up."""
        return None

    async def close(self) -> None:
        return None

    def pool_usage(self) -> tuple[int, int] | None:
        """(connections in use, pool size) for a store with a connection pool; else None."""
        return None

    # ---- what a concrete store implements ---------------------------------------------------

    @abc.abstractmethod
    async def _ping(self) -> None: ...

    @abc.abstractmethod
    async def _organizations(self) -> list[Organization]: ...

    @abc.abstractmethod
    async def _organizations_by_id(self, ids: Sequence[str]) -> list[Organization]: ...

    @abc.abstractmethod
    async def _graph_version(self, organization_id: str) -> int | None: ...

    @abc.abstractmethod
    async def _declarations(self, organization_id: str) -> Declarations | None: ...

    @abc.abstractmethod
    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]: ...

    @abc.abstractmethod
    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]: ...

    @abc.abstractmethod
    async def _page(
        self,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        window: PageWindow,
    ) -> Page[Entity]: ...

    @abc.abstractmethod
    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None: ...

    @abc.abstractmethod
    async def _local_view(self, organization_id: str, read: LocalRead) -> LocalView | None: ...

    @abc.abstractmethod
    async def _commit(
        self, organization_id: str, expected_version: int, changes: ChangeSet
    ) -> int: ...

    @abc.abstractmethod
    async def _replace_organization(
        self, snapshot: OrgSnapshot, expected_version: int | None, progress: Progress
    ) -> int: ...

    @abc.abstractmethod
    async def _delete_organization(self, organization_id: str) -> bool: ...

    @abc.abstractmethod
    async def _save_analysis_snapshot(self, snapshot: AnalysisSnapshot, keep: int) -> bool:
        """False when the organization does not exist (nothing kept then)."""

    @abc.abstractmethod
    async def _analysis_snapshots(self, organization_id: str) -> list[AnalysisSnapshot]: ...


def _unseen(done: int) -> None:
    """The progress of a write nobody follows."""
