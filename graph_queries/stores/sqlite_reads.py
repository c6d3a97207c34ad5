"""The SQLite store's reads: SQL made from the model's tables, run on a caller's connection.

Every table and column name comes from `sqlite_schema` (the model), never from input; values are
always parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import cast

from graph_queries.model import Declarations, Entity, EntityKind, Tie, directed_kinds
from graph_queries.natural_order import natural_sorted
from graph_queries.stores.local_reads import CHAINS, Chain, LocalRead, LocalView, walk_chain
from graph_queries.stores.port import RELATIONS, Relation
from graph_queries.stores.records import decode_attributes, decode_tie_kinds
from graph_queries.stores.sqlite_schema import TABLES


def relation_sources(relation: Relation) -> tuple[str, ...]:
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
    relation: relation_sources(relation) for relation in Relation
}


def select_sql(kind: EntityKind) -> str:
    return f"SELECT {TABLES[kind].select} FROM {TABLES[kind].name} t"


def by_id(
    db: sqlite3.Connection, organization_id: str, kind: EntityKind, ids: Sequence[str]
) -> dict[str, Entity]:
    table = TABLES[kind]
    marks = ",".join("?" * len(ids))
    sql = f"{select_sql(kind)} WHERE t.org_id = ? AND t.id IN ({marks})"
    return {r["id"]: table.from_row(r) for r in db.execute(sql, [organization_id, *ids])}


def related(
    db: sqlite3.Connection, organization_id: str, relation: Relation, keys: Sequence[str]
) -> list[list[Entity]]:
    if not keys:
        return []
    table = TABLES[RELATIONS[relation].kind]
    sources = RELATION_SOURCES[relation]
    keys_sql = " UNION ALL ".join(["SELECT ? AS key"] * len(keys))
    selects = " UNION ALL ".join(
        f"SELECT {table.select}, t.sort_key AS sort_key, k.key AS related_key FROM {source}"
        for source in sources
    )
    # Natural order of ids: `sort_key`, then the id for ids with equal numbers (`u01`, `u1`).
    sql = f"WITH k(key) AS ({keys_sql}) SELECT * FROM ({selects}) ORDER BY sort_key, id"
    params = [*keys, *([organization_id] * len(sources))]
    grouped: dict[str, list[Entity]] = {key: [] for key in keys}
    for row in db.execute(sql, params):
        grouped[row["related_key"]].append(table.from_row(row))
    return [grouped[key] for key in keys]


def chain_sql(chain: Chain) -> str:
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


CHAIN_SQL: dict[Chain, str] = {chain: chain_sql(chain) for chain in Chain}

# One direction of a pair: a search of `ties_a` or `ties_b`. Run once per direction, since an OR
# of both (or a UNION ordered by id) makes SQLite walk the organization's ties in id order.
TIES_ONE_WAY_SQL = (
    f"{select_sql(EntityKind.TIE)} WHERE t.org_id = ? AND t.leader_a_id = ? AND t.leader_b_id = ?"
)


def local_view(
    db: sqlite3.Connection, organization_id: str, read: LocalRead, version: int
) -> LocalView:
    view = LocalView(version)
    for kind in EntityKind:
        ids = [id for asked, id in read.ids if asked is kind]
        if ids:
            for id, entity in by_id(db, organization_id, kind, ids).items():
                view.entities[kind, id] = entity
    for chain, start in read.chains:
        rows = db.execute(CHAIN_SQL[chain], [organization_id, start, organization_id])
        view.chains[chain, start] = walk_chain(start, {r["id"]: r["parent"] for r in rows})
    for relation, key in read.referrers:
        [view.referrers[relation, key]] = related(db, organization_id, relation, [key])
    tie_table = TABLES[EntityKind.TIE]
    if read.tie_pairs or read.declarations:
        declarations = declarations_of(db, organization_id) or Declarations()
        view.directed_kinds = directed_kinds(declarations.tie_kinds)
        view.attributes = declarations.attributes
    for a, b in read.tie_pairs:
        found: dict[str, Tie] = {}
        for ends in ((a, b), (b, a)):
            for row in db.execute(TIES_ONE_WAY_SQL, [organization_id, *ends]):
                found[row["id"]] = cast(Tie, tie_table.from_row(row))
        view.tie_pairs[a, b] = [found[id] for id in natural_sorted(found)]
    return view


def declarations_of(db: sqlite3.Connection, organization_id: str) -> Declarations | None:
    row = db.execute(
        "SELECT tie_kinds, attributes FROM organizations WHERE id = ?", [organization_id]
    ).fetchone()
    if row is None:
        return None
    return Declarations(decode_tie_kinds(row[0]), decode_attributes(row[1]))


def version_of(db: sqlite3.Connection, organization_id: str) -> int | None:
    row = db.execute("SELECT version FROM organizations WHERE id = ?", [organization_id]).fetchone()
    return None if row is None else int(row[0])
