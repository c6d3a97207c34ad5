"""How entities lie in the SQLite store's tables: the DDL, and each kind's table and columns.

One table per kind, named by its collection (`units`), one column per single-valued field under
the field's name, every row keyed by (org_id, id). Values are the shared stored records
(`records`). A list field lives in a side table, one row per element with its position:
a dependency's owners in `dependency_owners`, a unit's or leader's custom attribute values
(`name=value`) in `unit_attributes` / `leader_attributes`. Analysis snapshots (`sqlite_snapshots`)
are in `analysis_snapshots`, keyed by organization id, effective date and graph version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from graph_queries.model import KINDS, Entity, EntityKind
from graph_queries.natural_order import sort_text
from graph_queries.stores.records import LAYOUTS, Fields, Scalar

SCHEMA = """
CREATE TABLE IF NOT EXISTS organizations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,
    tie_kinds TEXT NOT NULL DEFAULT '[]', attributes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS units (
    org_id TEXT NOT NULL, id TEXT NOT NULL, sort_key TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL,
    parent_id TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS units_parent ON units (org_id, parent_id);
CREATE TABLE IF NOT EXISTS leaders (
    org_id TEXT NOT NULL, id TEXT NOT NULL, sort_key TEXT NOT NULL,
    name TEXT NOT NULL, title TEXT NOT NULL,
    level TEXT NOT NULL, unit_id TEXT NOT NULL, reports_to_id TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS leaders_unit ON leaders (org_id, unit_id);
CREATE INDEX IF NOT EXISTS leaders_manager ON leaders (org_id, reports_to_id);
CREATE TABLE IF NOT EXISTS dependencies (
    org_id TEXT NOT NULL, id TEXT NOT NULL, sort_key TEXT NOT NULL,
    from_unit_id TEXT NOT NULL,
    to_unit_id TEXT NOT NULL, description TEXT NOT NULL, criticality INTEGER NOT NULL,
    reliability TEXT NOT NULL, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS dependencies_from ON dependencies (org_id, from_unit_id);
CREATE INDEX IF NOT EXISTS dependencies_to ON dependencies (org_id, to_unit_id);
CREATE TABLE IF NOT EXISTS dependency_owners (
    org_id TEXT NOT NULL, dependency_id TEXT NOT NULL, position INTEGER NOT NULL,
    leader_id TEXT NOT NULL, PRIMARY KEY (org_id, dependency_id, position)
);
CREATE INDEX IF NOT EXISTS dependency_owners_leader ON dependency_owners (org_id, leader_id);
CREATE TABLE IF NOT EXISTS conflicts (
    org_id TEXT NOT NULL, id TEXT NOT NULL, sort_key TEXT NOT NULL,
    unit_a_id TEXT NOT NULL, unit_b_id TEXT NOT NULL,
    dependency_id TEXT, summary TEXT NOT NULL, severity INTEGER NOT NULL,
    raised_at TEXT NOT NULL, resolved_at TEXT, status TEXT NOT NULL, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS conflicts_a ON conflicts (org_id, unit_a_id);
CREATE INDEX IF NOT EXISTS conflicts_b ON conflicts (org_id, unit_b_id);
CREATE INDEX IF NOT EXISTS conflicts_dependency ON conflicts (org_id, dependency_id);
CREATE INDEX IF NOT EXISTS conflicts_status ON conflicts (org_id, status, raised_at);
CREATE TABLE IF NOT EXISTS ties (
    org_id TEXT NOT NULL, id TEXT NOT NULL, sort_key TEXT NOT NULL,
    leader_a_id TEXT NOT NULL,
    leader_b_id TEXT NOT NULL, strength REAL NOT NULL, kind TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS ties_a ON ties (org_id, leader_a_id);
CREATE INDEX IF NOT EXISTS ties_b ON ties (org_id, leader_b_id);
CREATE TABLE IF NOT EXISTS unit_attributes (
    org_id TEXT NOT NULL, unit_id TEXT NOT NULL, position INTEGER NOT NULL,
    entry TEXT NOT NULL, PRIMARY KEY (org_id, unit_id, position)
);
CREATE INDEX IF NOT EXISTS unit_attributes_entry ON unit_attributes (org_id, entry);
CREATE TABLE IF NOT EXISTS leader_attributes (
    org_id TEXT NOT NULL, leader_id TEXT NOT NULL, position INTEGER NOT NULL,
    entry TEXT NOT NULL, PRIMARY KEY (org_id, leader_id, position)
);
CREATE INDEX IF NOT EXISTS leader_attributes_entry ON leader_attributes (org_id, entry);
CREATE TABLE IF NOT EXISTS analysis_snapshots (
    org_id TEXT NOT NULL, effective_date TEXT NOT NULL, graph_version INTEGER NOT NULL,
    summary_format INTEGER NOT NULL, captured_at TEXT NOT NULL, summary TEXT NOT NULL,
    PRIMARY KEY (org_id, effective_date, graph_version)
);
"""

ENTITY_TABLES = tuple(KINDS[kind].collection for kind in EntityKind)

# Columns added after the first release, each with what `ALTER TABLE` adds to a file made
# before it (`CREATE TABLE IF NOT EXISTS` leaves an existing table as it is).
MIGRATIONS: tuple[tuple[str, str, str], ...] = (
    ("organizations", "tie_kinds", "TEXT NOT NULL DEFAULT '[]'"),
    ("organizations", "attributes", "TEXT NOT NULL DEFAULT '[]'"),
    *((table, "sort_key", "TEXT NOT NULL DEFAULT ''") for table in ENTITY_TABLES),
)

# `sort_key` is `natural_order.sort_text(id)`: pages order and seek by (sort_key, id). Made after
# the migrations, since an older file gets the column only then.
SORT_INDEXES = "".join(
    f"CREATE INDEX IF NOT EXISTS {table}_sort ON {table} (org_id, sort_key, id);"
    for table in ENTITY_TABLES
)
SORT_TEXT_FUNCTION = "unsilo_sort_text"


def migrate(db: sqlite3.Connection) -> None:
    """Create the tables, then add the columns an older file lacks, all in one transaction;
    idempotent. A `sort_key` added to an older file is filled from each row's id."""
    db.create_function(SORT_TEXT_FUNCTION, 1, sort_text, deterministic=True)
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            db.execute(statement)
        for table, column, declaration in MIGRATIONS:
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
                if column == "sort_key":
                    db.execute(f"UPDATE {table} SET sort_key = {SORT_TEXT_FUNCTION}(id)")
        for statement in SORT_INDEXES.split(";"):
            db.execute(statement)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# A list is read back in one column, its elements joined with this character (unit separator).
LIST_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class SideTable:
    """The rows of one list field: (org_id, `owner`, position, `item`)."""

    name: str
    owner: str  # the column holding the entity's id
    item: str  # the column holding one element


SIDE_TABLES: dict[tuple[EntityKind, str], SideTable] = {
    (EntityKind.DEPENDENCY, "owner_ids"): SideTable(
        "dependency_owners", "dependency_id", "leader_id"
    ),
    (EntityKind.UNIT, "attributes"): SideTable("unit_attributes", "unit_id", "entry"),
    (EntityKind.LEADER, "attributes"): SideTable("leader_attributes", "leader_id", "entry"),
}


@dataclass(frozen=True, slots=True)
class SqlTable:
    """One kind's table. Every name here comes from the model, never from input."""

    name: str
    columns: tuple[str, ...]
    side_tables: dict[str, SideTable]  # by list field
    to_row: Callable[[Entity], tuple[Scalar, ...]]  # the values of `columns`
    from_row: Callable[[Fields], Entity]  # a row read with `select`
    select: str  # every field, read from the table as `t`


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(LIST_SEPARATOR)) if joined else ()


def _list_column(field: str, side: SideTable) -> str:
    """The list field's elements in order, folded into one column."""
    return (
        f"(SELECT group_concat({side.item}, char({ord(LIST_SEPARATOR)})) FROM "
        f"(SELECT {side.item} FROM {side.name} o WHERE o.org_id = t.org_id "
        f"AND o.{side.owner} = t.id ORDER BY position)) AS {field}"
    )


def _table(kind: EntityKind) -> SqlTable:
    layout = LAYOUTS[kind]
    side_tables = {field: SIDE_TABLES[kind, field] for field in layout.lists}
    select = ", ".join(
        _list_column(field, side_tables[field]) if field in side_tables else f"t.{field}"
        for field in layout.fields
    )
    return SqlTable(
        name=KINDS[kind].collection,
        columns=layout.columns,
        side_tables=side_tables,
        to_row=layout.column_values,
        from_row=layout.reading_lists_with(_split).from_record,
        select=select,
    )


TABLES: dict[EntityKind, SqlTable] = {kind: _table(kind) for kind in EntityKind}
