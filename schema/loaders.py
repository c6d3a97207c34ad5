"""Per-request DataLoaders, so that nested fields cost one store call per batch, not per node.

Keys carry the organization id, because one request may read several organizations; a batch is
split by organization and each part is one store call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

from graph_queries.context import RequestContext
from graph_queries.model import Declarations, Entity, EntityKind, Organization
from graph_queries.stores.port import Relation, Store

Key = tuple[str, str]  # (organization id, entity id or relation key)
V = TypeVar("V")

MAX_BATCH = 500


async def _by_organization(
    keys: Sequence[Key], fetch: Callable[[str, list[str]], Awaitable[Sequence[V]]]
) -> list[V]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for organization_id, id in keys:
        grouped[organization_id].append(id)
    results: dict[Key, V] = {}
    for organization_id, ids in grouped.items():
        unique = list(dict.fromkeys(ids))
        for id, value in zip(unique, await fetch(organization_id, unique), strict=True):
            results[(organization_id, id)] = value
    return [results[key] for key in keys]


class Loaders:
    """Created once per request; caches what it loaded for the rest of that request."""

    def __init__(self, store: Store, ctx: RequestContext) -> None:
        self._store = store
        self._ctx = ctx
        self._entities: dict[EntityKind, DataLoader[Key, Entity | None]] = {}
        self._related: dict[Relation, DataLoader[Key, list[Entity]]] = {}
        self.organizations: DataLoader[str, Organization | None] = DataLoader(
            self._load_organizations, max_batch_size=MAX_BATCH
        )
        # One read per organization and request, however many ties ask whether they are arcs.
        self.declarations: DataLoader[str, Declarations] = DataLoader(
            self._load_declarations, max_batch_size=MAX_BATCH
        )

    async def _load_declarations(self, ids: list[str]) -> list[Declarations]:
        return [await self._store.declarations(self._ctx, id) for id in ids]

    async def _load_organizations(self, ids: list[str]) -> list[Organization | None]:
        return await self._store.organizations_by_id(self._ctx, ids)

    def entity(self, kind: EntityKind) -> DataLoader[Key, Entity | None]:
        if kind not in self._entities:

            async def load(keys: list[Key]) -> list[Entity | None]:
                async def fetch(organization_id: str, ids: list[str]) -> list[Entity | None]:
                    return await self._store.entities_by_id(self._ctx, organization_id, kind, ids)

                return await _by_organization(keys, fetch)

            self._entities[kind] = DataLoader(load, max_batch_size=MAX_BATCH)
        return self._entities[kind]

    def related(self, relation: Relation) -> DataLoader[Key, list[Entity]]:
        if relation not in self._related:

            async def load(keys: list[Key]) -> list[list[Entity]]:
                async def fetch(organization_id: str, ids: list[str]) -> list[list[Entity]]:
                    return await self._store.related(self._ctx, organization_id, relation, ids)

                return await _by_organization(keys, fetch)

            self._related[relation] = DataLoader(load, max_batch_size=MAX_BATCH)
        return self._related[relation]
