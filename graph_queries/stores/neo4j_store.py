"""The production store: Neo4j through the official async driver, queries in `cypher/`.

Reads and writes go through managed transactions (`execute_read` / `execute_write`), so the
driver retries transient errors; a lost server surfaces as StoreUnavailable, and the driver
reconnects by itself when the server is back. Graph model and generations: docs/neo4j.md.

An organization's entities are stored under the key (their `org`) its Organization node names.
A replace that changes much writes a new generation under a fresh key in many transactions,
moves the key in one, then deletes the old generation in batches. Readers look the key up
first; reads of several queries check it again at their end.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph_queries.errors import NotFound, StoreUnavailable, VersionConflict
from graph_queries.model import Declarations, Entity, EntityKind, Organization, OrgSnapshot
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.neo4j_queries import (
    NODE_KINDS,
    RELATIONSHIP_KINDS,
    fetch,
    fill_sort_texts,
    filter_parameters,
    organization_updates,
    page_from_record,
    query_name,
    read_declarations,
    read_local_view,
    read_snapshot,
    records_by_kind,
    schema_statements,
)
from graph_queries.stores.neo4j_snapshots import Neo4jSnapshots
from graph_queries.stores.port import (
    RELATIONS,
    ChangeSet,
    EntityFilter,
    Page,
    PageWindow,
    Progress,
    Relation,
    diff,
)
from graph_queries.stores.records import LAYOUTS, encode_attributes, encode_tie_kinds

R = TypeVar("R")

BATCH_SIZE = 1000
# A replace writing more changes than this stages a new generation instead: in one transaction,
# index seeks slow down with every change it holds (10,000 changed ties: 2.5 s; 30,000: 22 s).
IN_PLACE_LIMIT = 5000
# Seconds from the switch to a new generation to deleting the old one, so that a single-query
# read that looked the old key up just before finishes first (longer reads check the key).
RETIRE_DELAY = 1.0
# A multi-query read that saw the organization change under it starts over, at most this often.
READ_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"
    max_pool_size: int = 50
    connection_timeout: float = 5.0


class Neo4jStore(Neo4jSnapshots):
    """One driver per store (one store per process); close it on shutdown."""

    def __init__(
        self,
        settings: Neo4jSettings,
        batch_size: int = BATCH_SIZE,
        *,
        in_place_limit: int = IN_PLACE_LIMIT,
        retire_delay: float = RETIRE_DELAY,
    ) -> None:
        self.settings = settings
        self.batch_size = batch_size
        self.in_place_limit = in_place_limit
        self.retire_delay = retire_delay
        self.transactions_running = 0  # each on a pooled connection: the pool's use, as seen here
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

    def pool_usage(self) -> tuple[int, int]:
        return self.transactions_running, self.settings.max_pool_size

    async def migrate(self) -> None:
        """`cypher/schema.cypher`, then `sort` on entities stored without it, batch by batch."""
        for body in schema_statements():
            await self._guard(self._driver.execute_query(body, database_=self.settings.database))
        while await self._write(lambda tx: fill_sort_texts(tx, self.batch_size)):
            pass

    async def _guard(self, work: Awaitable[R]) -> R:
        self.transactions_running += 1
        try:
            return await work
        except (ServiceUnavailable, SessionExpired, AuthError) as error:
            # Down, unreachable or refusing our credentials: the caller cannot fix it.
            raise StoreUnavailable(f"Neo4j at {self.settings.uri}: {error}") from error
        finally:
            self.transactions_running -= 1

    async def _read(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R:
        async with self._driver.session(database=self.settings.database) as session:
            return await self._guard(session.execute_read(work))

    async def _write(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R:
        async with self._driver.session(database=self.settings.database) as session:
            return await self._guard(session.execute_write(work))

    async def _rows(self, query: str, /, **params: Any) -> list[neo4j.Record]:
        async def work(tx: AsyncManagedTransaction) -> list[neo4j.Record]:
            return await fetch(tx, query, **params)

        return await self._read(work)

    async def _keyed_rows(
        self, organization_id: str, query: str, /, **params: Any
    ) -> list[neo4j.Record]:
        """`query` run with `org` set to the organization's current key, in one transaction."""

        async def work(tx: AsyncManagedTransaction) -> list[neo4j.Record]:
            found = await fetch(tx, "graph_version", org=organization_id)
            # No organization: a null key, which matches nothing.
            key = found[0]["key"] if found else None
            return await fetch(tx, query, org=key, **params)

        return await self._read(work)

    async def _run_write(self, query: str, /, **params: Any) -> list[neo4j.Record]:
        async def work(tx: AsyncManagedTransaction) -> list[neo4j.Record]:
            return await fetch(tx, query, **params)

        return await self._write(work)

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

    async def _declarations(self, organization_id: str) -> Declarations | None:
        return await self._read(lambda tx: read_declarations(tx, organization_id))

    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        rows = await self._keyed_rows(organization_id, query_name(kind, "by_id"), ids=list(ids))
        read = LAYOUTS[kind].from_record
        found = {row["row"]["id"]: read(row["row"]) for row in rows}
        return [found.get(id) for id in ids]

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        read = LAYOUTS[RELATIONS[relation].kind].from_record
        rows = await self._keyed_rows(
            organization_id, f"related_{relation.value.lower()}", keys=list(keys)
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
        window: PageWindow,
    ) -> Page[Entity]:
        seek, wanted = window.seek_parameters(), filter_parameters(entity_filter)
        query = query_name(kind, "page")
        [record] = await self._keyed_rows(organization_id, query, **seek, **wanted)
        return page_from_record(kind, window, record)

    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None:
        async def work(tx: AsyncManagedTransaction, key: str, version: int) -> OrgSnapshot:
            return await read_snapshot(tx, organization_id, key, version)

        return await self._checked_read(organization_id, work)

    async def _local_view(self, organization_id: str, read: LocalRead) -> LocalView | None:
        async def work(tx: AsyncManagedTransaction, key: str, version: int) -> LocalView:
            return await read_local_view(tx, organization_id, key, read, version)

        return await self._checked_read(organization_id, work)

    async def _checked_read(
        self,
        organization_id: str,
        work: Callable[[AsyncManagedTransaction, str, int], Awaitable[R]],
    ) -> R | None:
        """`work` at the organization's key and version, which must be the same at its end.

        Neo4j reads what is committed when each query runs, so a read of several queries can
        see a write land between two of them, or the start of a switched-away generation's
        deletion: it starts over then. After READ_ATTEMPTS, a read that saw only single writes
        land is kept (each of its queries saw a whole write); one that saw a switch is not.
        """

        async def attempt(tx: AsyncManagedTransaction) -> tuple[bool, R | None]:
            before = await fetch(tx, "graph_version", org=organization_id)
            if not before:
                return True, None
            key, version = before[0]["key"], int(before[0]["version"])
            result = await work(tx, key, version)
            after = await fetch(tx, "graph_version", org=organization_id)
            same_key = bool(after) and after[0]["key"] == key
            stable = same_key and int(after[0]["version"]) == version
            if not stable and last and not same_key:
                raise StoreUnavailable(f"{organization_id} was replaced during every read")
            return stable or last, result

        for number in range(READ_ATTEMPTS):
            last = number == READ_ATTEMPTS - 1
            done, result = await self._read(attempt)
            if done:
                return result
        raise AssertionError("unreachable: the last attempt is always done")

    # ---- writes --------------------------------------------------------------------------------

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        async def work(tx: AsyncManagedTransaction) -> int:
            locked = await fetch(tx, "organization_lock", org=organization_id)
            if not locked:
                raise NotFound("Organization", organization_id)
            actual = int(locked[0]["version"])
            if actual != expected_version:
                raise VersionConflict(organization_id, expected_version, actual)
            await self._apply(tx, locked[0]["key"], changes.upserts, changes.deletes)
            updates = organization_updates(changes)
            await fetch(tx, "organization_set", org=organization_id, version=actual + 1, **updates)
            return actual + 1

        return await self._write(work)

    async def _replace_organization(
        self, snapshot: OrgSnapshot, expected_version: int | None, progress: Progress
    ) -> int:
        """Few changes go in place in one transaction (re-importing stays cheap), many are staged
        as a new generation (`_staged_replace`); none counts for `progress` before the switch."""
        org = snapshot.organization
        for _ in range(READ_ATTEMPTS):
            before = await self._snapshot(org.id)
            actual = before.version if before else 0
            if expected_version is not None and actual != expected_version:
                raise VersionConflict(org.id, expected_version, actual)
            if before is None:
                break
            changes = diff(before, snapshot)
            if len(changes.upserts) + len(changes.deletes) > self.in_place_limit:
                break
            try:
                return await self._commit(org.id, before.version, changes)
            except VersionConflict:
                if expected_version is not None:
                    raise
            except NotFound:
                continue  # deleted meanwhile: read again
        return await self._staged_replace(snapshot, expected_version)

    async def _staged_replace(self, snapshot: OrgSnapshot, expected_version: int | None) -> int:
        """Write the organization under a fresh key, switch to it, delete the old generation.

        Readers follow the Organization node's key, which moves in one small transaction, so
        they see the old organization or the new one. A failure before the switch deletes
        what was staged and leaves the stored organization as it was.
        """
        org = snapshot.organization
        key = f"{org.id}#{uuid.uuid4().hex}"  # "#" is not allowed in ids: no organization's key
        swap = {"org": org.id, "key": key, "name": org.name}
        swap["tie_kinds"] = encode_tie_kinds(snapshot.tie_kinds)
        swap["attributes"] = encode_attributes(snapshot.attributes)

        async def switch(tx: AsyncManagedTransaction) -> tuple[int, list[str]]:
            claimed = await fetch(tx, "organization_claim", org=org.id, name=org.name)
            actual = int(claimed[0]["version"])
            if expected_version is not None and actual != expected_version:
                raise VersionConflict(org.id, expected_version, actual)
            swapped = await fetch(tx, "organization_swap", version=actual, **swap)
            return actual + 1, list(swapped[0]["retired"])

        try:
            await self._stage(key, snapshot.entities())
            version, retired = await self._write(switch)
        except BaseException:
            with contextlib.suppress(Exception):  # the first error is the one to report
                current = await self._rows("graph_version", org=org.id)
                if not current or current[0]["key"] != key:  # unless the switch did commit
                    await self._retire(key)
            raise
        if retired:
            await asyncio.sleep(self.retire_delay)
        # The replace has landed: what is left of an old generation stays listed in `retired`,
        # and the next staged replace or the deletion of the organization deletes it.
        with contextlib.suppress(Exception):
            for old in retired:
                await self._retire(old)
                await self._run_write("organization_retired", org=org.id, key=old)
        return version

    async def _stage(self, key: str, entities: Sequence[Entity]) -> None:
        """Nodes, then their links, then relationships, under `key`: one transaction a batch."""
        by_kind = records_by_kind(entities)
        steps = [(kind, "upsert") for kind in NODE_KINDS] + [(kind, "link") for kind in NODE_KINDS]
        steps += [(kind, "create") for kind in RELATIONSHIP_KINDS]
        for kind, query in steps:
            for rows in self._batches(by_kind[kind]):
                await self._run_write(query_name(kind, query), org=key, rows=rows)

    async def _retire(self, key: str) -> None:
        """Delete everything stored under `key`, in batches of their own transactions."""
        limit = self.batch_size * 10
        for kind in (*RELATIONSHIP_KINDS, *reversed(NODE_KINDS)):
            while True:
                [done] = await self._run_write(query_name(kind, "retire"), org=key, limit=limit)
                if done["deleted"] < limit:
                    break

    async def _delete_organization(self, organization_id: str) -> bool:
        """The Organization node goes first, in one transaction; then its entities in batches."""

        async def work(tx: AsyncManagedTransaction) -> list[str] | None:
            locked = await fetch(tx, "organization_lock", org=organization_id)
            if not locked:
                return None
            await fetch(tx, "organization_delete", org=organization_id)
            return [locked[0]["key"], *locked[0]["retired"]]

        keys = await self._write(work)
        for key in keys or []:
            await self._retire(key)
        return keys is not None

    async def _apply(
        self,
        tx: AsyncManagedTransaction,
        organization_id: str,
        upserts: Sequence[Entity],
        deletes: Sequence[tuple[EntityKind, str]],
    ) -> None:
        """Deletes, then nodes, then their links, then relationships: each in batches."""
        by_kind = records_by_kind(upserts)
        doomed: dict[EntityKind, list[str]] = {kind: [] for kind in EntityKind}
        for kind, id in deletes:
            doomed[kind].append(id)
        for kind in (*RELATIONSHIP_KINDS, *reversed(NODE_KINDS)):
            for ids in self._batches(doomed[kind]):
                await fetch(tx, query_name(kind, "delete"), org=organization_id, ids=ids)
        for kind in NODE_KINDS:
            for rows in self._batches(by_kind[kind]):
                await fetch(tx, query_name(kind, "upsert"), org=organization_id, rows=rows)
        for kind in NODE_KINDS:
            for rows in self._batches(by_kind[kind]):
                await fetch(tx, query_name(kind, "link"), org=organization_id, rows=rows)
        for kind in RELATIONSHIP_KINDS:
            for rows in self._batches(by_kind[kind]):
                await fetch(tx, query_name(kind, "upsert"), org=organization_id, rows=rows)

    def _batches(self, items: list[R]) -> list[list[R]]:
        return [items[i : i + self.batch_size] for i in range(0, len(items), self.batch_size)]
