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
from typing import TypeVar

from graph_queries.errors import NotFound, StoreNotFound, StoreUnavailable, VersionConflict
from graph_queries.model import Declarations, Entity, EntityKind, Organization, OrgSnapshot, kind_of
from graph_queries.natural_order import sort_text
from graph_queries.stores.filter_conditions import Match, conditions
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.paging import page_of
from graph_queries.stores.port import (
    FILTER_FOR_KIND,
    ChangeSet,
    EntityFilter,
    Page,
    PageWindow,
    Progress,
    Relation,
)
from graph_queries.stores.records import (
    decode_attributes,
    decode_tie_kinds,
    encode_attributes,
    encode_tie_kinds,
)
from graph_queries.stores.sqlite_errors import store_error
from graph_queries.stores.sqlite_reads import (
    by_id,
    declarations_of,
    local_view,
    related,
    select_sql,
    version_of,
)
from graph_queries.stores.sqlite_schema import TABLES, migrate
from graph_queries.stores.sqlite_snapshots import SqliteSnapshots, delete_snapshots

R = TypeVar("R")
PROGRESS_EVERY = 1000  # entities written between two reports to a progress bar


KIND_OF_FILTER = {entity_filter: kind for kind, entity_filter in FILTER_FOR_KIND.items()}
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
        elif condition.match is Match.HAS:  # a list field: a row of its side table
            side = TABLES[KIND_OF_FILTER[type(entity_filter)]].side_tables[condition.fields[0]]
            where.append(
                f"EXISTS (SELECT 1 FROM {side.name} o WHERE o.org_id = t.org_id "
                f"AND o.{side.owner} = t.id AND o.{side.item} = ?)"
            )
            params.append(value)
        elif condition.match is Match.EQUALS and len(columns) > 1:  # either field
            where.append(f"? IN ({', '.join(columns)})")
            params.append(value)
        else:
            where.append(f"{columns[0]} {_COMPARISONS[condition.match]} ?")
            params.append(value)
    return where, params


class SqliteStore(SqliteSnapshots):
    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """`create=False` opens only a store that exists (StoreNotFound otherwise), so that a
        command that only reads leaves no empty file or folder behind."""
        self.path = str(path)
        memory = self.path == ":memory:"
        if create and not memory:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        elif not memory and not Path(self.path).is_file():
            raise StoreNotFound(self.path)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                self.path if create or memory else f"{Path(self.path).resolve().as_uri()}?mode=rw",
                check_same_thread=False,
                isolation_level=None,
                uri=not (create or memory),
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            migrate(self._db)
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
            lambda db: db.execute("SELECT id, name FROM organizations").fetchall()
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
        return await self._run(lambda db: version_of(db, organization_id))

    async def _declarations(self, organization_id: str) -> Declarations | None:
        return await self._run(lambda db: declarations_of(db, organization_id))

    async def _entities_by_id(
        self, organization_id: str, kind: EntityKind, ids: Sequence[str]
    ) -> list[Entity | None]:
        found = await self._run(lambda db: by_id(db, organization_id, kind, ids))
        return [found.get(id) for id in ids]

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        return await self._run(lambda db: related(db, organization_id, relation, keys))

    async def _page(
        self,
        organization_id: str,
        kind: EntityKind,
        entity_filter: EntityFilter,
        window: PageWindow,
    ) -> Page[Entity]:
        table = TABLES[kind]
        where, params = _filter_clause(entity_filter)
        where_sql = " AND ".join(["t.org_id = ?", *where])
        base_params = [organization_id, *params]
        seek = window.seek_parameters()
        after = [seek["after_sort"], seek["after_id"]]
        before = [seek["before_sort"], seek["before_id"]]
        page_sql = f"{select_sql(kind)} WHERE {where_sql}"
        page_params = list(base_params)
        # Each bound only when set: an `? IS NULL OR` would keep SQLite from seeking the index.
        if window.after is not None:
            page_sql += " AND (t.sort_key, t.id) > (?, ?)"
            page_params += after
        if window.before is not None:
            page_sql += " AND (t.sort_key, t.id) < (?, ?)"
            page_params += before
        direction = "DESC" if window.backward else "ASC"
        page_sql += f" ORDER BY t.sort_key {direction}, t.id {direction} LIMIT ?"
        page_params.append(seek["limit"])

        def read(db: sqlite3.Connection) -> Page[Entity]:
            # One pass over the matches counts them and says whether any lies outside a bound
            # (a null bound compares as null, which max() skips).
            total, up_to_after, from_before = db.execute(
                "SELECT count(*), coalesce(max((t.sort_key, t.id) <= (?, ?)), 0), "
                f"coalesce(max((t.sort_key, t.id) >= (?, ?)), 0) FROM {table.name} t "
                f"WHERE {where_sql}",
                [*after, *before, *base_params],
            ).fetchone()
            rows = db.execute(page_sql, page_params).fetchall()
            return page_of(
                window,
                [table.from_row(r) for r in rows],
                total,
                any_up_to_after=bool(up_to_after),
                any_from_before=bool(from_before),
            )

        return await self._run(read)

    async def _snapshot(self, organization_id: str) -> OrgSnapshot | None:
        def read(db: sqlite3.Connection) -> OrgSnapshot | None:
            # One read transaction, so every entity kind comes from the same version.
            db.execute("BEGIN")
            try:
                org = db.execute(
                    "SELECT id, name, version, tie_kinds, attributes FROM organizations "
                    "WHERE id = ?",
                    [organization_id],
                ).fetchone()
                if org is None:
                    return None
                snapshot = OrgSnapshot(Organization(org["id"], org["name"]), org["version"])
                snapshot.tie_kinds = decode_tie_kinds(org["tie_kinds"])
                snapshot.attributes = decode_attributes(org["attributes"])
                for kind, table in TABLES.items():
                    rows = db.execute(
                        f"{select_sql(kind)} WHERE t.org_id = ? ORDER BY rowid", [organization_id]
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
                version = version_of(db, organization_id)
                if version is None:
                    return None
                return local_view(db, organization_id, read, version)
            finally:
                db.execute("COMMIT")

        return await self._run(work)

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        def write(db: sqlite3.Connection) -> int:
            actual = version_of(db, organization_id)
            if actual is None:
                raise NotFound("Organization", organization_id)
            if actual != expected_version:
                raise VersionConflict(organization_id, expected_version, actual)
            if changes.organization is not None:
                db.execute(
                    "UPDATE organizations SET name = ? WHERE id = ?",
                    [changes.organization.name, organization_id],
                )
            if changes.tie_kinds is not None:
                db.execute(
                    "UPDATE organizations SET tie_kinds = ? WHERE id = ?",
                    [encode_tie_kinds(changes.tie_kinds), organization_id],
                )
            if changes.attributes is not None:
                db.execute(
                    "UPDATE organizations SET attributes = ? WHERE id = ?",
                    [encode_attributes(changes.attributes), organization_id],
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
        self, snapshot: OrgSnapshot, expected_version: int | None, progress: Progress
    ) -> int:
        org = snapshot.organization

        def write(db: sqlite3.Connection) -> int:
            actual = version_of(db, org.id)
            if expected_version is not None and (actual or 0) != expected_version:
                raise VersionConflict(org.id, expected_version, actual)
            version = (actual or 0) + 1
            _delete_contents(db, org.id)
            db.execute(
                "INSERT OR REPLACE INTO organizations (id, name, version, tie_kinds, attributes) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    org.id,
                    org.name,
                    version,
                    encode_tie_kinds(snapshot.tie_kinds),
                    encode_attributes(snapshot.attributes),
                ],
            )
            entities = snapshot.entities()
            for written, entity in enumerate(entities, start=1):
                _insert_entity(db, org.id, entity)
                if written % PROGRESS_EVERY == 0:
                    progress(PROGRESS_EVERY)
            progress(len(entities) % PROGRESS_EVERY)
            return version

        return await self._write(write)

    async def _delete_organization(self, organization_id: str) -> bool:
        def write(db: sqlite3.Connection) -> bool:
            if version_of(db, organization_id) is None:
                return False
            _delete_contents(db, organization_id)
            delete_snapshots(db, organization_id)
            db.execute("DELETE FROM organizations WHERE id = ?", [organization_id])
            return True

        return await self._write(write)


def _insert_entity(db: sqlite3.Connection, organization_id: str, entity: Entity) -> None:
    table = TABLES[kind_of(entity)]
    marks = ",".join("?" * (len(table.columns) + 2))
    db.execute(
        f"INSERT INTO {table.name} (org_id, sort_key, {', '.join(table.columns)}) VALUES ({marks})",
        [organization_id, sort_text(entity.id), *table.to_row(entity)],
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
