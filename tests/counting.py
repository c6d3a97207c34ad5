"""A real store that counts the calls made to it, to prove that nested queries are batched."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from graph_queries.model import Declarations, Entity, EntityKind, Organization, OrgSnapshot
from graph_queries.stores.analysis_snapshots import AnalysisSnapshot
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.port import (
    ChangeSet,
    EntityFilter,
    Page,
    PageWindow,
    Progress,
    Relation,
    Store,
)


class CountingStore(Store):
    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    async def close(self) -> None:
        await self.inner.close()

    async def _ping(self) -> None:
        self.calls["ping"] += 1
        await self.inner._ping()

    async def _organizations(self) -> list[Organization]:
        self.calls["organizations"] += 1
        return await self.inner._organizations()

    async def _organizations_by_id(self, ids: Sequence[str]) -> list[Organization]:
        self.calls["organizations_by_id"] += 1
        return await self.inner._organizations_by_id(ids)

    async def _graph_version(self, organization_id: str) -> int | None:
        self.calls["graph_version"] += 1
        return await self.inner._graph_version(organization_id)

    async def _declarations(self, organization_id: str) -> Declarations | None:
        self.calls["declarations"] += 1
        return await self.inner._declarations(organization_id)

    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        self.calls["entities_by_id"] += 1
        return await self.inner._entities_by_id(organization_id, kind, ids)

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        self.calls["related"] += 1
        return await self.inner._related(organization_id, relation, keys)

    async def _page(
        self,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        window: PageWindow,
    ) -> Page[Entity]:
        self.calls["page"] += 1
        return await self.inner._page(organization_id, kind, entity_filter, window)

    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None:
        self.calls["snapshot"] += 1
        return await self.inner._snapshot(organization_id)

    async def _local_view(self, organization_id: str, read: LocalRead) -> LocalView | None:
        self.calls["local_view"] += 1
        return await self.inner._local_view(organization_id, read)

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        self.calls["commit"] += 1
        return await self.inner._commit(organization_id, expected_version, changes)

    async def _replace_organization(
        self, snapshot: OrgSnapshot, expected_version: int | None, progress: Progress
    ) -> int:
        self.calls["replace_organization"] += 1
        return await self.inner._replace_organization(snapshot, expected_version, progress)

    async def _delete_organization(self, organization_id: str) -> bool:
        self.calls["delete_organization"] += 1
        return await self.inner._delete_organization(organization_id)

    async def _save_analysis_snapshot(self, snapshot: AnalysisSnapshot, keep: int) -> bool:
        self.calls["save_analysis_snapshot"] += 1
        return await self.inner._save_analysis_snapshot(snapshot, keep)

    async def _analysis_snapshots(self, organization_id: str) -> list[AnalysisSnapshot]:
        self.calls["analysis_snapshots"] += 1
        return await self.inner._analysis_snapshots(organization_id)
