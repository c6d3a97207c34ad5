"""The embedded store: one SQLite file (standard library), WAL mode, one transaction per write.

It needs no server, so a fresh machine can run the service and its tests. sqlite3 calls block,
so each runs in a worker thread; one connection behind a lock keeps them serial, which SQLite
would impose on writers anyway. Tables and columns: `sqlite_schema`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from graph_queries.errors import NotFound, StoreUnavailable, VersionConflict
from graph_queries.model import Entity, EntityKind, Organization, OrgSnapshot, Tie, kind_of
from graph_queries.stores.local_reads import CHAINS, Chain, LocalRead, LocalView, walk_chain
from graph_queries.stores.port import (
    RELATIONS,
    ChangeSet,
    EntityFilter,
    Match,
    Page,
    Relation,
    Store,
    conditions,
)
from graph_queries.stores.sqlite_errors import store_error
from graph_queries.stores.sqlite_schema import SCHEMA, TABLES

R = TypeVar("R")


def _relation_sources(relation: Relation) -> tuple[str, ...]:
    """The FROM clauses that tie the relation's rows `t` to a key `k.key`, one per field."""
    info = RELATIONS[relation]
    table = TABLES[info.kind]
    sources = []
    for field in info.fields:
        side = table.side_tables.get(field)
        if side is None:
            sources.append(f"k CROSS JOIN {table.name} t ON t.org_id = ? AND t.{field} = k.key")
        else:
            sources.append(
                f"k CROSS JOIN {side.name} o ON o.org_id = ? AND o.{side.item} = k.key "
                f"JOIN {table.name} t ON t.org_id = o.org_id AND t.id = o.{side.owner}"
            )
    return tuple(sources)


# Each clause has one `?` for the organization. The keys stay the outer loop (CROSS JOIN), so
# each key is one index search; "either end" relations take one clause per end, joined with
# UNION ALL, since `k.key IN (a, b)` would scan the organization's rows for every key.
RELATION_SOURCES: dict[Relation, tuple[str, ...]] = {
    relation: _relation_sources(relation) for relation in Relation
}

_COMPARISONS = {Match.EQUALS: "=", Match.AT_LEAST: ">=", Match.AT_MOST: "<="}


def _filter_clause(entity_filter: EntityFilter) -> tuple[list[str], list[object]]:
    """SQL conditions and their parameters; column names come from `CONDITIONS`, not input."""
    where: list[str] = []
    params: list[object] = []
    for condition, value in conditions(entity_filter):
        if value is None:
            continue
        columns = [f"t.{field}" for field in condition.fields]
        if condition.match is Match.CONTAINS:
            text = str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
            params += ["%" + text + "%"] * len(columns)
        elif condition.match is Match.EQUALS and len(columns) > 1:  # either field
            where.append(f"? IN ({', '.join(columns)})")
            params.append(value)
        else:
            where.append(f"{columns[0]} {_COMPARISONS[condition.match]} ?")
            params.append(value)
    return where, params


def _select(kind: EntityKind) -> str:
    return f"SELECT {TABLES[kind].select} FROM {TABLES[kind].name} t"


class SqliteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise StoreUnavailable(f"cannot open SQLite store at {self.path}: {error}") from error

    async def _run(self, work: Callable[[sqlite3.Connection], R]) -> R:
        def locked() -> R:
            with self._lock:
                return work(self._db)

        try:
            return await asyncio.to_thread(locked)
        except (sqlite3.DataError, sqlite3.OperationalError) as error:
            raise store_error(error, self.path) from error

    async def _write(self, work: Callable[[sqlite3.Connection], R]) -> R:
        """Run `work` in one IMMEDIATE transaction: all of it lands or none of it does."""

        def transaction(db: sqlite3.Connection) -> R:
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result

        return await self._run(transaction)

    async def close(self) -> None:
        await self._run(lambda db: db.close())

    async def _ping(self) -> None:
        await self._run(lambda db: db.execute("SELECT 1").fetchone())

    async def _organizations(self) -> list[Organization]:
        rows = await self._run(
            lambda db: db.execute("SELECT id, name FROM organizations ORDER BY id").fetchall()
        )
        return [Organization(r["id"], r["name"]) for r in rows]

    async def _organizations_by_id(self, ids: Sequence[str]) -> list[Organization]:
        marks = ",".join("?" * len(ids))
        rows = await self._run(
            lambda db: db.execute(
                f"SELECT id, name FROM organizations WHERE id IN ({marks})", list(ids)
            ).fetchall()
        )
        return [Organization(r["id"], r["name"]) for r in rows]

    async def _graph_version(self, organization_id: str) -> int | None:
        return await self._run(lambda db: _version(db, organization_id))

    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        found = await self._run(lambda db: _by_id(db, organization_id, kind, ids))
        return [found.get(id) for id in ids]

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        return await self._run(lambda db: _related(db, organization_id, relation, keys))

    async def _page(
        self,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        first: int,
        after: str | None,
    ) -> Page[Entity]:
        table = TABLES[kind]
        where, params = _filter_clause(entity_filter)
        where_sql = " AND ".join(["t.org_id = ?", *where])
        base_params = [organization_id, *params]

        def read(db: sqlite3.Connection) -> Page[Entity]:
            total = db.execute(
                f"SELECT count(*) FROM {table.name} t WHERE {where_sql}", base_params
            ).fetchone()[0]
            page_sql = f"{_select(kind)} WHERE {where_sql}"
            page_params = list(base_params)
            if after is not None:
                page_sql += " AND t.id > ?"
                page_params.append(after)
            page_sql += " ORDER BY t.id LIMIT ?"
            rows = db.execute(page_sql, [*page_params, first + 1]).fetchall()
            items = [table.from_row(r) for r in rows[:first]]
            return Page(items=items, has_next=len(rows) > first, total_count=total)

        return await self._run(read)

    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None:
        def read(db: sqlite3.Connection) -> OrgSnapshot | None:
            # One read transaction, so every entity kind comes from the same version.
            db.execute("BEGIN")
            try:
                org = db.execute(
                    "SELECT id, name, version FROM organizations WHERE id = ?", [organization_id]
                ).fetchone()
                if org is None:
                    return None
                snapshot = OrgSnapshot(Organization(org["id"], org["name"]), org["version"])
                for kind, table in TABLES.items():
                    rows = db.execute(
                        f"{_select(kind)} WHERE t.org_id = ? ORDER BY rowid", [organization_id]
                    )
                    target = snapshot.table(kind)
                    for row in rows:
                        entity = table.from_row(row)
                        target[entity.id] = entity
                return snapshot
            finally:
                db.execute("COMMIT")

        return await self._run(read)

    async def _local_view(self, organization_id: str, read: LocalRead) -> LocalView | None:
        def work(db: sqlite3.Connection) -> LocalView | None:
            db.execute("BEGIN")  # one read transaction: every part at the version read
            try:
                version = _version(db, organization_id)
                if version is None:
                    return None
                return _local_view(db, organization_id, read, version)
            finally:
                db.execute("COMMIT")

        return await self._run(work)

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        def write(db: sqlite3.Connection) -> int:
            actual = _version(db, organization_id)
            if actual is None:
                raise NotFound("Organization", organization_id)
            if actual != expected_version:
                raise VersionConflict(organization_id, expected_version, actual)
            if changes.organization is not None:
                db.execute(
                    "UPDATE organizations SET name = ? WHERE id = ?",
                    [changes.organization.name, organization_id],
                )
            for kind, id in changes.deletes:
                _delete_entity(db, organization_id, kind, id)
            for entity in changes.upserts:
                _delete_entity(db, organization_id, kind_of(entity), entity.id)
                _insert_entity(db, organization_id, entity)
            db.execute(
                "UPDATE organizations SET version = ? WHERE id = ?",
                [actual + 1, organization_id],
            )
            return actual + 1

        return await self._write(write)

    async def _replace_organization(
        self, snapshot: OrgSnapshot, expected_version: int | None
    ) -> int:
        org = snapshot.organization

        def write(db: sqlite3.Connection) -> int:
            actual = _version(db, org.id)
            if expected_version is not None and (actual or 0) != expected_version:
                raise VersionConflict(org.id, expected_version, actual)
            version = (actual or 0) + 1
            _delete_contents(db, org.id)
            db.execute(
                "INSERT OR REPLACE INTO organizations (id, name, version) VALUES (?, ?, ?)",
                [org.id, org.name, version],
            )
            for entity in snapshot.entities():
                _insert_entity(db, org.id, entity)
            return version

        return await self._write(write)

    async def _delete_organization(self, organization_id: str) -> bool:
        def write(db: sqlite3.Connection) -> bool:
            if _version(db, organization_id) is None:
                return False
            _delete_contents(db, organization_id)
            db.execute("DELETE FROM organizations WHERE id = ?", [organization_id])
            return True

        return await self._write(write)


def _by_id(
    db: sqlite3.Connection, organization_id: str, kind: EntityKind, ids: Sequence[str]
) -> dict[str, Entity]:
    table = TABLES[kind]
    marks = ",".join("?" * len(ids))
    sql = f"{_select(kind)} WHERE t.org_id = ? AND t.id IN ({marks})"
    return {r["id"]: table.from_row(r) for r in db.execute(sql, [organization_id, *ids])}


def _related(
    db: sqlite3.Connection, organization_id: str, relation: Relation, keys: Sequence[str]
) -> list[list[Entity]]:
    if not keys:
        return []
    table = TABLES[RELATIONS[relation].kind]
    sources = RELATION_SOURCES[relation]
    keys_sql = " UNION ALL ".join(["SELECT ? AS key"] * len(keys))
    selects = " UNION ALL ".join(
        f"SELECT {table.select}, k.key AS related_key FROM {source}" for source in sources
    )
    sql = f"WITH k(key) AS ({keys_sql}) SELECT * FROM ({selects}) ORDER BY id"
    params = [*keys, *([organization_id] * len(sources))]
    grouped: dict[str, list[Entity]] = {key: [] for key in keys}
    for row in db.execute(sql, params):
        grouped[row["related_key"]].append(table.from_row(row))
    return [grouped[key] for key in keys]


def _chain_sql(chain: Chain) -> str:
    """The start's row, then its parent's, and so on: one index search per step. UNION (not
    UNION ALL) drops a row met again, so even a stored cycle ends."""
    info = CHAINS[chain]
    table = TABLES[info.kind].name
    return (
        f"WITH RECURSIVE up(id, parent) AS ("
        f"SELECT id, {info.field} FROM {table} WHERE org_id = ? AND id = ? UNION "
        f"SELECT t.id, t.{info.field} FROM up JOIN {table} t ON t.org_id = ? AND t.id = up.parent"
        f") SELECT id, parent FROM up"
    )


CHAIN_SQL: dict[Chain, str] = {chain: _chain_sql(chain) for chain in Chain}

# One direction of a pair: a search of `ties_a` or `ties_b`. Run once per direction, since an OR
# of both (or a UNION ordered by id) makes SQLite walk the organization's ties in id order.
TIES_ONE_WAY_SQL = (
    f"{_select(EntityKind.TIE)} WHERE t.org_id = ? AND t.leader_a_id = ? AND t.leader_b_id = ?"
)


def _local_view(
    db: sqlite3.Connection, organization_id: str, read: LocalRead, version: int
) -> LocalView:
    view = LocalView(version)
    for kind in EntityKind:
        ids = [id for asked, id in read.ids if asked is kind]
        if ids:
            for id, entity in _by_id(db, organization_id, kind, ids).items():
                view.entities[kind, id] = entity
    for chain, start in read.chains:
        rows = db.execute(CHAIN_SQL[chain], [organization_id, start, organization_id])
        view.chains[chain, start] = walk_chain(start, {r["id"]: r["parent"] for r in rows})
    for relation, key in read.referrers:
        [view.referrers[relation, key]] = _related(db, organization_id, relation, [key])
    tie_table = TABLES[EntityKind.TIE]
    for a, b in read.tie_pairs:
        found: dict[str, Tie] = {}
        for ends in ((a, b), (b, a)):
            for row in db.execute(TIES_ONE_WAY_SQL, [organization_id, *ends]):
                found[row["id"]] = cast(Tie, tie_table.from_row(row))
        view.tie_pairs[a, b] = [found[id] for id in sorted(found)]
    return view


def _version(db: sqlite3.Connection, organization_id: str) -> int | None:
    row = db.execute("SELECT version FROM organizations WHERE id = ?", [organization_id]).fetchone()
    return None if row is None else int(row[0])


def _insert_entity(db: sqlite3.Connection, organization_id: str, entity: Entity) -> None:
    table = TABLES[kind_of(entity)]
    marks = ",".join("?" * (len(table.columns) + 1))
    db.execute(
        f"INSERT INTO {table.name} (org_id, {', '.join(table.columns)}) VALUES ({marks})",
        [organization_id, *table.to_row(entity)],
    )
    for field, side in table.side_tables.items():
        db.executemany(
            f"INSERT INTO {side.name} (org_id, {side.owner}, position, {side.item}) "
            "VALUES (?, ?, ?, ?)",
            [
                (organization_id, entity.id, i, item)
                for i, item in enumerate(getattr(entity, field))
            ],
        )


def _delete_entity(db: sqlite3.Connection, organization_id: str, kind: EntityKind, id: str) -> None:
    table = TABLES[kind]
    db.execute(f"DELETE FROM {table.name} WHERE org_id = ? AND id = ?", [organization_id, id])
    for side in table.side_tables.values():
        db.execute(
            f"DELETE FROM {side.name} WHERE org_id = ? AND {side.owner} = ?", [organization_id, id]
        )


def _delete_contents(db: sqlite3.Connection, organization_id: str) -> None:
    for table in TABLES.values():
        for name in (table.name, *(side.name for side in table.side_tables.values())):
            db.execute(f"DELETE FROM {name} WHERE org_id = ?", [organization_id])
