"""The embedded store: one SQLite file (standard library), WAL mode, one transaction per write.

It needs no server, so a fresh machine can run the service and its tests. sqlite3 calls block,
so each runs in a worker thread; one connection behind a lock keeps them serial, which SQLite
would impose on writers anyway.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from graph_queries.errors import NotFound, StoreUnavailable, VersionConflict
from graph_queries.model import (
    Conflict,
    ConflictStatus,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
    kind_of,
)
from graph_queries.sqlite_schema import SCHEMA
from graph_queries.store import (
    ChangeSet,
    ConflictFilter,
    DependencyFilter,
    EntityFilter,
    LeaderFilter,
    Page,
    Relation,
    Store,
    TieFilter,
    UnitFilter,
)

R = TypeVar("R")


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


@dataclass(frozen=True, slots=True)
class _Table:
    """How one entity kind maps to one table. Names here are fixed, never taken from input."""

    name: str
    columns: tuple[str, ...]
    to_row: Callable[[Any], tuple[object, ...]]
    from_row: Callable[[sqlite3.Row], Entity]
    text_columns: tuple[str, ...]


TABLES: dict[EntityKind, _Table] = {
    EntityKind.UNIT: _Table(
        "units",
        ("id", "name", "kind", "parent_id"),
        lambda u: (u.id, u.name, u.kind.value, u.parent_id),
        lambda r: Unit(r["id"], r["name"], UnitKind(r["kind"]), r["parent_id"]),
        ("name",),
    ),
    EntityKind.LEADER: _Table(
        "leaders",
        ("id", "name", "title", "level", "unit_id", "reports_to_id"),
        lambda x: (x.id, x.name, x.title, x.level.value, x.unit_id, x.reports_to_id),
        lambda r: Leader(
            id=r["id"],
            name=r["name"],
            unit_id=r["unit_id"],
            level=LeaderLevel(r["level"]),
            title=r["title"],
            reports_to_id=r["reports_to_id"],
        ),
        ("name", "title"),
    ),
    EntityKind.DEPENDENCY: _Table(
        "dependencies",
        ("id", "from_unit_id", "to_unit_id", "description", "criticality", "reliability"),
        lambda d: (
            d.id,
            d.from_unit_id,
            d.to_unit_id,
            d.description,
            d.criticality,
            d.reliability.value,
        ),
        lambda r: Dependency(
            id=r["id"],
            from_unit_id=r["from_unit_id"],
            to_unit_id=r["to_unit_id"],
            criticality=r["criticality"],
            reliability=Reliability(r["reliability"]),
            description=r["description"],
            owner_ids=tuple(r["owner_ids"].split("\x1f")) if r["owner_ids"] else (),
        ),
        ("description",),
    ),
    EntityKind.CONFLICT: _Table(
        "conflicts",
        (
            "id",
            "unit_a_id",
            "unit_b_id",
            "dependency_id",
            "summary",
            "severity",
            "raised_at",
            "resolved_at",
            "status",
        ),
        lambda c: (
            c.id,
            c.unit_a_id,
            c.unit_b_id,
            c.dependency_id,
            c.summary,
            c.severity,
            c.raised_at.isoformat(),
            c.resolved_at.isoformat() if c.resolved_at else None,
            c.status.value,
        ),
        lambda r: Conflict(
            id=r["id"],
            unit_a_id=r["unit_a_id"],
            unit_b_id=r["unit_b_id"],
            raised_at=date.fromisoformat(r["raised_at"]),
            status=ConflictStatus(r["status"]),
            severity=r["severity"],
            summary=r["summary"],
            dependency_id=r["dependency_id"],
            resolved_at=_opt_date(r["resolved_at"]),
        ),
        ("summary",),
    ),
    EntityKind.TIE: _Table(
        "ties",
        ("id", "leader_a_id", "leader_b_id", "strength", "kind"),
        lambda t: (t.id, t.leader_a_id, t.leader_b_id, t.strength, t.kind),
        lambda r: Tie(r["id"], r["leader_a_id"], r["leader_b_id"], r["strength"], r["kind"]),
        (),
    ),
}

# Owners are a list, kept in their own table and folded back into one column when read.
_OWNERS = (
    "(SELECT group_concat(leader_id, char(31)) FROM "
    "(SELECT leader_id FROM dependency_owners o WHERE o.org_id = t.org_id "
    "AND o.dependency_id = t.id ORDER BY position)) AS owner_ids"
)

# Each relation: the kind on the far side and the FROM clauses that tie its rows `t` to a key
# `k.key`, each with one `?` for the organization. The keys stay the outer loop (CROSS JOIN),
# so each key is one index search; "either end" relations take one clause per end, joined with
# UNION ALL, since `k.key IN (a, b)` would scan the organization's rows for every key.
RELATIONS: dict[Relation, tuple[EntityKind, tuple[str, ...]]] = {
    Relation.UNIT_CHILDREN: (
        EntityKind.UNIT,
        ("k CROSS JOIN units t ON t.org_id = ? AND t.parent_id = k.key",),
    ),
    Relation.UNIT_MEMBERS: (
        EntityKind.LEADER,
        ("k CROSS JOIN leaders t ON t.org_id = ? AND t.unit_id = k.key",),
    ),
    Relation.UNIT_DEPENDS_ON: (
        EntityKind.DEPENDENCY,
        ("k CROSS JOIN dependencies t ON t.org_id = ? AND t.from_unit_id = k.key",),
    ),
    Relation.UNIT_DEPENDED_ON_BY: (
        EntityKind.DEPENDENCY,
        ("k CROSS JOIN dependencies t ON t.org_id = ? AND t.to_unit_id = k.key",),
    ),
    Relation.UNIT_CONFLICTS: (
        EntityKind.CONFLICT,
        (
            "k CROSS JOIN conflicts t ON t.org_id = ? AND t.unit_a_id = k.key",
            "k CROSS JOIN conflicts t ON t.org_id = ? AND t.unit_b_id = k.key",
        ),
    ),
    Relation.LEADER_REPORTS: (
        EntityKind.LEADER,
        ("k CROSS JOIN leaders t ON t.org_id = ? AND t.reports_to_id = k.key",),
    ),
    Relation.LEADER_TIES: (
        EntityKind.TIE,
        (
            "k CROSS JOIN ties t ON t.org_id = ? AND t.leader_a_id = k.key",
            "k CROSS JOIN ties t ON t.org_id = ? AND t.leader_b_id = k.key",
        ),
    ),
    Relation.LEADER_OWNED_DEPENDENCIES: (
        EntityKind.DEPENDENCY,
        (
            "k CROSS JOIN dependency_owners o ON o.org_id = ? AND o.leader_id = k.key "
            "JOIN dependencies t ON t.org_id = o.org_id AND t.id = o.dependency_id",
        ),
    ),
    Relation.DEPENDENCY_CONFLICTS: (
        EntityKind.CONFLICT,
        ("k CROSS JOIN conflicts t ON t.org_id = ? AND t.dependency_id = k.key",),
    ),
}


def _columns(kind: EntityKind) -> str:
    columns = [f"t.{c}" for c in TABLES[kind].columns]
    if kind is EntityKind.DEPENDENCY:
        columns.append(_OWNERS)
    return ", ".join(columns)


def _select(kind: EntityKind) -> str:
    return f"SELECT {_columns(kind)} FROM {TABLES[kind].name} t"


def _filter_clause(entity_filter: EntityFilter) -> tuple[list[str], list[object]]:
    """SQL conditions and their parameters for one filter; column names are fixed here."""
    where: list[str] = []
    params: list[object] = []

    def add(condition: str, *values: object) -> None:
        where.append(condition)
        params.extend(values)

    text = getattr(entity_filter, "text", None)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        columns = {
            UnitFilter: ("name",),
            LeaderFilter: ("name", "title"),
            DependencyFilter: ("description",),
            ConflictFilter: ("summary",),
        }[type(entity_filter)]
        add(
            "(" + " OR ".join(f"t.{c} LIKE ? ESCAPE '\\'" for c in columns) + ")",
            *([pattern] * len(columns)),
        )
    if isinstance(entity_filter, UnitFilter):
        if entity_filter.kind is not None:
            add("t.kind = ?", entity_filter.kind.value)
        if entity_filter.parent_id is not None:
            add("t.parent_id = ?", entity_filter.parent_id)
    elif isinstance(entity_filter, LeaderFilter):
        if entity_filter.unit_id is not None:
            add("t.unit_id = ?", entity_filter.unit_id)
        if entity_filter.level is not None:
            add("t.level = ?", entity_filter.level.value)
    elif isinstance(entity_filter, DependencyFilter):
        if entity_filter.unit_id is not None:
            add("? IN (t.from_unit_id, t.to_unit_id)", entity_filter.unit_id)
        if entity_filter.reliability is not None:
            add("t.reliability = ?", entity_filter.reliability.value)
    elif isinstance(entity_filter, ConflictFilter):
        if entity_filter.unit_id is not None:
            add("? IN (t.unit_a_id, t.unit_b_id)", entity_filter.unit_id)
        if entity_filter.status is not None:
            add("t.status = ?", entity_filter.status.value)
        if entity_filter.raised_from is not None:
            add("t.raised_at >= ?", entity_filter.raised_from.isoformat())
        if entity_filter.raised_to is not None:
            add("t.raised_at <= ?", entity_filter.raised_to.isoformat())
    elif isinstance(entity_filter, TieFilter):
        if entity_filter.leader_id is not None:
            add("? IN (t.leader_a_id, t.leader_b_id)", entity_filter.leader_id)
        if entity_filter.kind is not None:
            add("t.kind = ?", entity_filter.kind)
    return where, params


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
        except sqlite3.OperationalError as error:
            raise StoreUnavailable(f"SQLite store at {self.path}: {error}") from error

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
        table = TABLES[kind]
        marks = ",".join("?" * len(ids))
        sql = f"{_select(kind)} WHERE t.org_id = ? AND t.id IN ({marks})"
        rows = await self._run(lambda db: db.execute(sql, [organization_id, *ids]).fetchall())
        found = {r["id"]: table.from_row(r) for r in rows}
        return [found.get(id) for id in ids]

    async def _related(
        self, organization_id: str, relation: Relation, keys: Sequence[str]
    ) -> list[list[Entity]]:
        if not keys:
            return []
        kind, sources = RELATIONS[relation]
        table = TABLES[kind]
        keys_sql = " UNION ALL ".join(["SELECT ? AS key"] * len(keys))
        selects = " UNION ALL ".join(
            f"SELECT {_columns(kind)}, k.key AS related_key FROM {source}" for source in sources
        )
        sql = f"WITH k(key) AS ({keys_sql}) SELECT * FROM ({selects}) ORDER BY id"
        params = [*keys, *([organization_id] * len(sources))]
        rows = await self._run(lambda db: db.execute(sql, params).fetchall())
        grouped: dict[str, list[Entity]] = {key: [] for key in keys}
        for row in rows:
            grouped[row["related_key"]].append(table.from_row(row))
        return [grouped[key] for key in keys]

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


def _version(db: sqlite3.Connection, organization_id: str) -> int | None:
    row = db.execute("SELECT version FROM organizations WHERE id = ?", [organization_id]).fetchone()
    return None if row is None else int(row[0])


def _insert_entity(db: sqlite3.Connection, organization_id: str, entity: Entity) -> None:
    kind = kind_of(entity)
    table = TABLES[kind]
    marks = ",".join("?" * (len(table.columns) + 1))
    db.execute(
        f"INSERT INTO {table.name} (org_id, {', '.join(table.columns)}) VALUES ({marks})",
        [organization_id, *table.to_row(entity)],
    )
    if isinstance(entity, Dependency):
        db.executemany(
            "INSERT INTO dependency_owners (org_id, dependency_id, position, leader_id) "
            "VALUES (?, ?, ?, ?)",
            [(organization_id, entity.id, i, owner) for i, owner in enumerate(entity.owner_ids)],
        )


def _delete_entity(db: sqlite3.Connection, organization_id: str, kind: EntityKind, id: str) -> None:
    db.execute(
        f"DELETE FROM {TABLES[kind].name} WHERE org_id = ? AND id = ?", [organization_id, id]
    )
    if kind is EntityKind.DEPENDENCY:
        db.execute(
            "DELETE FROM dependency_owners WHERE org_id = ? AND dependency_id = ?",
            [organization_id, id],
        )


def _delete_contents(db: sqlite3.Connection, organization_id: str) -> None:
    for table in [*(t.name for t in TABLES.values()), "dependency_owners"]:
        db.execute(f"DELETE FROM {table} WHERE org_id = ?", [organization_id])
