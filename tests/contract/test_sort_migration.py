"""Entities stored before pages ordered by sort text get theirs when the store migrates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from neo4j import GraphDatabase

from graph_queries.context import ANONYMOUS
from graph_queries.model import EntityKind
from graph_queries.natural_order import natural_sorted, sort_text
from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.port import LeaderFilter, PageWindow, UnitFilter
from graph_queries.stores.sqlite_store import SqliteStore
from tests.contract.test_store_paging import UNIT_IDS, paged_organization

# Two tables as files written before `sort_key` had them (the others are created afresh).
OLD_SCHEMA = """
CREATE TABLE organizations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,
    tie_kinds TEXT NOT NULL DEFAULT '[]', attributes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE units (
    org_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    parent_id TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX units_parent ON units (org_id, parent_id);
"""
OLD_UNITS = ["u10", "u2", "u01", "u1", "u9"]


async def test_an_older_sqlite_file_gets_a_sort_key_for_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(OLD_SCHEMA)
        old.execute("INSERT INTO organizations (id, name, version) VALUES ('old', 'Old', 1)")
        old.executemany(
            "INSERT INTO units (org_id, id, name, kind) VALUES ('old', ?, ?, 'TEAM')",
            [(id, f"Unit {id}") for id in OLD_UNITS],
        )
    old.close()
    store = SqliteStore(path)
    try:
        page = await store.page(ANONYMOUS, "old", EntityKind.UNIT, UnitFilter(), PageWindow(last=3))
        assert [unit.id for unit in page.items] == natural_sorted(OLD_UNITS)[-3:]
        assert (page.has_next, page.has_previous) == (False, True)
    finally:
        await store.close()
    with sqlite3.connect(path) as db:
        stored = dict(db.execute("SELECT id, sort_key FROM units"))
        indexes = {row[1] for row in db.execute("PRAGMA index_list(units)")}
    db.close()
    assert stored == {id: sort_text(id) for id in OLD_UNITS}
    assert "units_sort" in indexes


def _unsorted_count(settings: Neo4jSettings) -> int:
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        nodes, _, _ = driver.execute_query(
            "MATCH (n) WHERE (n:Unit OR n:Leader OR n:Conflict) AND n.sort IS NULL "
            "RETURN count(n) AS n"
        )
        relationships, _, _ = driver.execute_query(
            "MATCH ()-[r:DEPENDS_ON|COLLABORATES_WITH]->() WHERE r.sort IS NULL "
            "RETURN count(r) AS n"
        )
    return int(nodes[0]["n"]) + int(relationships[0]["n"])


async def test_neo4j_migrate_fills_entities_stored_without_sort(
    neo4j_settings: Neo4jSettings,
) -> None:
    store = Neo4jStore(neo4j_settings, batch_size=7)  # several batches per kind
    try:
        await store.replace_organization(ANONYMOUS, paged_organization(), expected_version=0)
        with GraphDatabase.driver(
            neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password)
        ) as driver:
            driver.execute_query("MATCH (n) WHERE n:Unit OR n:Leader OR n:Conflict REMOVE n.sort")
            driver.execute_query("MATCH ()-[r:DEPENDS_ON|COLLABORATES_WITH]->() REMOVE r.sort")
        assert _unsorted_count(neo4j_settings) == 26 + 13 * 4
        await store.migrate()
        assert _unsorted_count(neo4j_settings) == 0
        units = await store.page(
            ANONYMOUS, "paged", EntityKind.UNIT, UnitFilter(), PageWindow(first=100)
        )
        assert [unit.id for unit in units.items] == natural_sorted(UNIT_IDS)
        leaders = await store.page(
            ANONYMOUS, "paged", EntityKind.LEADER, LeaderFilter(), PageWindow(last=4, before="l10")
        )
        assert [leader.id for leader in leaders.items] == ["l6", "l7", "l8", "l9"]
    finally:
        await store.close()
