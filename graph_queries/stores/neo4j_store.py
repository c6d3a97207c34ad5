"""The production store: Neo4j through the official async driver.

Every query is a file in `cypher/`, loaded by name and always run with parameters. Reads and
writes go through managed transactions (`execute_read` / `execute_write`), so the driver retries
transient errors; a lost server surfaces as StoreUnavailable, and the driver reconnects by itself
when the server is back. Graph model: docs/neo4j.md.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar, cast

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph_queries.errors import NotFound, StoreUnavailable, VersionConflict
from graph_queries.model import (
    KINDS,
    Entity,
    EntityKind,
    Organization,
    OrgSnapshot,
    Tie,
    kind_of,
)
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.port import (
    RELATIONS,
    ChangeSet,
    EntityFilter,
    Match,
    Page,
    Relation,
    Store,
    conditions,
    diff,
)
from graph_queries.stores.records import LAYOUTS, Record, to_record

R = TypeVar("R")

BATCH_SIZE = 1000

# Nodes first, then what hangs between them; links after all nodes of a write exist.
NODE_KINDS = (EntityKind.UNIT, EntityKind.LEADER, EntityKind.CONFLICT)
RELATIONSHIP_KINDS = (EntityKind.DEPENDENCY, EntityKind.TIE)


# The query files, shipped as package data beside this module.
QUERIES = resources.files("graph_queries.stores") / "cypher"


@functools.cache
def cypher(name: str) -> str:
    """The text of `cypher/<name>.cypher`."""
    return (QUERIES / f"{name}.cypher").read_text("utf-8")


def _query(kind: EntityKind, query: str) -> str:
    """`<kind>_<query>`: like `related_<relation>`, a name made from fixed enums, never input."""
    return f"{KINDS[kind].name}_{query}"


def _filter_parameters(entity_filter: EntityFilter) -> dict[str, Any]:
    """The page query's parameters; every filter field is present, null when unused.

    Text is looked for in the lowercased `search` property, so it is lowercased too.
    """
    return {
        condition.name: value.lower()
        if condition.match is Match.CONTAINS and isinstance(value, str)
        else value
        for condition, value in conditions(entity_filter)
    }


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"
    max_pool_size: int = 50
    connection_timeout: float = 5.0


class Neo4jStore(Store):
    """One driver per store (one store per process); close it on shutdown."""

    def __init__(self, settings: Neo4jSettings, batch_size: int = BATCH_SIZE) -> None:
        self.settings = settings
        self.batch_size = batch_size
        auth = (settings.user, settings.password) if settings.password else None
        self._driver = AsyncGraphDatabase.driver(
            settings.uri,
            auth=auth,
            max_connection_pool_size=settings.max_pool_size,
            connection_timeout=settings.connection_timeout,
            # Give up on an unreachable server quickly: readiness and errors should say so.
            connection_acquisition_timeout=settings.connection_timeout * 2,
            max_transaction_retry_time=settings.connection_timeout * 2,
        )

    async def close(self) -> None:
        await self._driver.close()

    async def migrate(self) -> None:
        """Create the constraints and indexes; safe to run again."""
        for statement in cypher("schema").split(";"):
            body = "\n".join(
                line for line in statement.splitlines() if not line.lstrip().startswith("//")
            ).strip()
            if body:
                await self._guard(
                    self._driver.execute_query(body, database_=self.settings.database)
                )

    # ---- plumbing ------------------------------------------------------------------------------

    async def _guard(self, work: Awaitable[R]) -> R:
        try:
            return await work
        except (ServiceUnavailable, SessionExpired, AuthError) as error:
            # Down, unreachable or refusing our credentials: the caller cannot fix it.
            raise StoreUnavailable(f"Neo4j at {self.settings.uri}: {error}") from error

    async def _read(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R:
        async with self._driver.session(database=self.settings.database) as session:
            return await self._guard(session.execute_read(work))

    async def _write(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R:
        async with self._driver.session(database=self.settings.database) as session:
            return await self._guard(session.execute_write(work))

    async def _rows(self, query: str, /, **params: Any) -> list[neo4j.Record]:
        async def work(tx: AsyncManagedTransaction) -> list[neo4j.Record]:
            return await _fetch(tx, query, **params)

        return await self._read(work)

    # ---- reads ---------------------------------------------------------------------------------

    async def _ping(self) -> None:
        await self._rows("ping")

    async def _organizations(self) -> list[Organization]:
        return [Organization(r["id"], r["name"]) for r in await self._rows("organizations")]

    async def _organizations_by_id(self, ids: Sequence[str]) -> list[Organization]:
        rows = await self._rows("organizations_by_id", ids=list(ids))
        return [Organization(r["id"], r["name"]) for r in rows]

    async def _graph_version(self, organization_id: str) -> int | None:
        rows = await self._rows("graph_version", org=organization_id)
        return int(rows[0]["version"]) if rows else None

    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        rows = await self._rows(_query(kind, "by_id"), org=organization_id, ids=list(ids))
        read = LAYOUTS[kind].from_record
        found = {row["row"]["id"]: read(row["row"]) for row in rows}
        return [found.get(id) for id in ids]

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        read = LAYOUTS[RELATIONS[relation].kind].from_record
        rows = await self._rows(
            f"related_{relation.value.lower()}", org=organization_id, keys=list(keys)
        )
        grouped: dict[str, list[Entity]] = {key: [] for key in keys}
        for row in rows:
            grouped[row["key"]].append(read(row["row"]))
        return [grouped[key] for key in keys]

    async def _page(
        self,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        first: int,
        after: str | None,
    ) -> Page[Entity]:
        [record] = await self._rows(
            _query(kind, "page"),
            org=organization_id,
            after=after,
            limit=first + 1,
            **_filter_parameters(entity_filter),
        )
        rows = record["rows"]
        items = [LAYOUTS[kind].from_record(row) for row in rows[:first]]
        return Page(items=items, has_next=len(rows) > first, total_count=record["total"])

    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None:
        async def work(tx: AsyncManagedTransaction) -> OrgSnapshot | None:
            return await _read_snapshot(tx, organization_id)

        return await self._read(work)

    async def _local_view(self, organization_id: str, read: LocalRead) -> LocalView | None:
        async def work(tx: AsyncManagedTransaction) -> LocalView | None:
            version = await _fetch(tx, "graph_version", org=organization_id)
            if not version:
                return None
            return await _read_local_view(tx, organization_id, read, int(version[0]["version"]))

        return await self._read(work)

    # ---- writes --------------------------------------------------------------------------------

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        async def work(tx: AsyncManagedTransaction) -> int:
            locked = await _fetch(tx, "organization_lock", org=organization_id)
            if not locked:
                raise NotFound("Organization", organization_id)
            actual = int(locked[0]["version"])
            if actual != expected_version:
                raise VersionConflict(organization_id, expected_version, actual)
            await self._apply(tx, organization_id, changes.upserts, changes.deletes)
            name = changes.organization.name if changes.organization else None
            await _fetch(tx, "organization_set", org=organization_id, name=name, version=actual + 1)
            return actual + 1

        return await self._write(work)

    async def _replace_organization(
        self, snapshot: OrgSnapshot, expected_version: int | None
    ) -> int:
        org = snapshot.organization

        async def work(tx: AsyncManagedTransaction) -> int:
            claimed = await _fetch(tx, "organization_claim", org=org.id, name=org.name)
            actual = int(claimed[0]["version"])
            if expected_version is not None and actual != expected_version:
                raise VersionConflict(org.id, expected_version, actual)
            before = await _read_snapshot(tx, org.id) if actual else None
            if before is None:
                await self._apply(tx, org.id, snapshot.entities(), [], cleared=True)
            else:
                # Write only what differs: deleting and re-creating every node and relationship
                # in one transaction made re-importing 10,000 leaders take minutes.
                changes = diff(before, snapshot)
                await self._apply(tx, org.id, changes.upserts, changes.deletes)
            await _fetch(tx, "organization_set", org=org.id, name=org.name, version=actual + 1)
            return actual + 1

        return await self._write(work)

    async def _delete_organization(self, organization_id: str) -> bool:
        async def work(tx: AsyncManagedTransaction) -> bool:
            await _fetch(tx, "organization_clear", org=organization_id)
            deleted = await _fetch(tx, "organization_delete", org=organization_id)
            return bool(deleted[0]["deleted"])

        return await self._write(work)

    async def _apply(
        self,
        tx: AsyncManagedTransaction,
        organization_id: str,
        upserts: Sequence[Entity],
        deletes: Sequence[tuple[EntityKind, str]],
        cleared: bool = False,
    ) -> None:
        """Deletes, then nodes, then their links, then relationships: each in batches.

        `cleared`: the organization has no entities yet, so relationships are created without
        first looking for old ones.
        """
        by_kind: dict[EntityKind, list[Record]] = {kind: [] for kind in EntityKind}
        for entity in upserts:
            by_kind[kind_of(entity)].append(to_record(entity))
        doomed: dict[EntityKind, list[str]] = {kind: [] for kind in EntityKind}
        for kind, id in deletes:
            doomed[kind].append(id)
        for kind in (*RELATIONSHIP_KINDS, *reversed(NODE_KINDS)):
            for ids in self._batches(doomed[kind]):
                await _fetch(tx, _query(kind, "delete"), org=organization_id, ids=ids)
        for kind in NODE_KINDS:
            for rows in self._batches(by_kind[kind]):
                await _fetch(tx, _query(kind, "upsert"), org=organization_id, rows=rows)
        for kind in NODE_KINDS:
            for rows in self._batches(by_kind[kind]):
                await _fetch(tx, _query(kind, "link"), org=organization_id, rows=rows)
        write = "create" if cleared else "upsert"
        for kind in RELATIONSHIP_KINDS:
            for rows in self._batches(by_kind[kind]):
                await _fetch(tx, _query(kind, write), org=organization_id, rows=rows)

    def _batches(self, items: list[R]) -> list[list[R]]:
        return [items[i : i + self.batch_size] for i in range(0, len(items), self.batch_size)]


async def _read_snapshot(tx: AsyncManagedTransaction, organization_id: str) -> OrgSnapshot | None:
    """The whole organization, one query per entity kind, inside the caller's transaction."""
    found = await _fetch(tx, "organizations_by_id", ids=[organization_id])
    if not found:
        return None
    version = await _fetch(tx, "graph_version", org=organization_id)
    snapshot = OrgSnapshot(
        Organization(found[0]["id"], found[0]["name"]), int(version[0]["version"])
    )
    for kind in EntityKind:
        table = snapshot.table(kind)
        read = LAYOUTS[kind].from_record
        for row in await _fetch(tx, _query(kind, "all"), org=organization_id):
            entity = read(row["row"])
            table[entity.id] = entity
    return snapshot


async def _read_local_view(
    tx: AsyncManagedTransaction, organization_id: str, read: LocalRead, version: int
) -> LocalView:
    """One query per kind asked by id, per chain, per relation and for all tie pairs."""
    view = LocalView(version)
    for kind in EntityKind:
        ids = [id for asked, id in read.ids if asked is kind]
        if ids:
            decode = LAYOUTS[kind].from_record
            for row in await _fetch(tx, _query(kind, "by_id"), org=organization_id, ids=ids):
                entity = decode(row["row"])
                view.entities[kind, entity.id] = entity
    for chain, start in read.chains:
        found = await _fetch(tx, f"chain_{chain.value.lower()}", org=organization_id, id=start)
        view.chains[chain, start] = tuple(found[0]["ids"]) if found else ()
    for relation, key in read.referrers:
        decode = LAYOUTS[RELATIONS[relation].kind].from_record
        query = f"related_{relation.value.lower()}"
        rows = await _fetch(tx, query, org=organization_id, keys=[key])
        view.referrers[relation, key] = [decode(row["row"]) for row in rows]
    if read.tie_pairs:
        view.tie_pairs = {pair: [] for pair in read.tie_pairs}
        pairs = [list(pair) for pair in read.tie_pairs]
        decode_tie = LAYOUTS[EntityKind.TIE].from_record
        for row in await _fetch(
            tx, _query(EntityKind.TIE, "between"), org=organization_id, pairs=pairs
        ):
            view.tie_pairs[row["a"], row["b"]].append(cast(Tie, decode_tie(row["row"])))
    return view


async def _fetch(tx: AsyncManagedTransaction, query: str, /, **params: Any) -> list[neo4j.Record]:
    """Run the named query file with `params` and return all its records."""
    result = await tx.run(cypher(query), params)
    return [record async for record in result]
