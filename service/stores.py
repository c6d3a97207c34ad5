"""Opens the store the settings name: the embedded SQLite file or a Neo4j server."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from graph_queries.context import ANONYMOUS
from graph_queries.model import OrgSnapshot
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from service.settings import Settings, SettingsError

R = TypeVar("R")


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """`create=False`: a missing SQLite file is StoreNotFound, and nothing is created."""
    scheme, _, rest = settings.store.partition(":")
    if scheme == "sqlite":
        # sqlite:relative/path, sqlite:///absolute/path or sqlite::memory:
        path = rest[2:] if rest.startswith("///") else rest
        if not path:
            raise SettingsError(
                "UNSILO_STORE: 'sqlite:' needs a file path, e.g. sqlite:data/unsilo.sqlite3"
            )
        return SqliteStore(path, create=create)
    # Imported here: loading the driver costs every command a noticeable start-up otherwise.
    from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore

    return Neo4jStore(
        Neo4jSettings(
            uri=settings.store,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            max_pool_size=settings.neo4j_max_pool_size,
            connection_timeout=settings.neo4j_connection_timeout,
        )
    )


def read_snapshot(settings: Settings, organization_id: str) -> OrgSnapshot:
    """One organization read whole from the store the settings name, read only: a missing
    SQLite file is StoreNotFound and a missing organization NotFound; nothing is created.

    As the operator's own tools (`unsilo analyze`, the Python API `unsilo.load_store`), it reads
    as `ANONYMOUS`: whoever can open the store file or holds the Neo4j password sees it all.
    """
    return read_store(settings, lambda store: store.snapshot(ANONYMOUS, organization_id))


def read_store(settings: Settings, read: Callable[[Store], Awaitable[R]]) -> R:
    """`read` run on the store the settings name, opened read only and closed after, from
    code that is not async (the Python API, `unsilo analyze`)."""

    async def opened() -> R:
        # Opened in the thread that reads: a SQLite connection belongs to its thread.
        store = open_store(settings, create=False)
        try:
            return await read(store)
        finally:
            await store.close()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(opened())
    # A loop already runs in this thread (a notebook's kernel): asyncio.run refuses there.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, opened()).result()
