"""Fixtures shared by every test: the stores the contract runs against, each empty per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from tests.neo4j_fixture import Neo4jServer, ci, find_neo4j

STORE_KINDS = ["sqlite", "neo4j"]


@dataclass(frozen=True)
class Backend:
    """One empty store of one kind; `open` makes a new client of it (for another event loop)."""

    name: str
    open: Callable[[], Store]


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    found = find_neo4j()
    if isinstance(found, str):
        if ci():
            pytest.fail(f"CI=true needs Neo4j: {found}", pytrace=False)
        pytest.skip(found)
    try:
        yield found
    finally:
        found.stop()


@pytest.fixture(scope="session")
async def migrated_neo4j(neo4j_server: Neo4jServer) -> Neo4jSettings:
    settings = Neo4jSettings(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store = Neo4jStore(settings)
    try:
        await store.migrate()
    finally:
        await store.close()
    return settings


@pytest.fixture
def neo4j_settings(neo4j_server: Neo4jServer, migrated_neo4j: Neo4jSettings) -> Neo4jSettings:
    """The shared Neo4j server, emptied for this test."""
    neo4j_server.wipe()
    return migrated_neo4j


@pytest.fixture(params=STORE_KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "neo4j":
        settings: Neo4jSettings = request.getfixturevalue("neo4j_settings")
        return Backend("neo4j", lambda: Neo4jStore(settings))
    path = tmp_path / "unsilo.sqlite3"
    return Backend("sqlite", lambda: SqliteStore(path))


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Store]:
    opened = backend.open()
    yield opened
    await opened.close()
