"""What several API tests set up alike: a SQLite store holding some organizations, and a runner
observer that records its cache lookups."""

from __future__ import annotations

import asyncio
from pathlib import Path

from graph_queries.context import ANONYMOUS
from graph_queries.model import OrgSnapshot
from graph_queries.stores.sqlite_store import SqliteStore


def sqlite_with(path: Path, *snapshots: OrgSnapshot) -> Path:
    """A SQLite store at `path` holding `snapshots`, each as a new organization."""

    async def store_them() -> None:
        store = SqliteStore(path)
        try:
            await store.migrate()
            for snapshot in snapshots:
                await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
        finally:
            await store.close()

    asyncio.run(store_them())
    return path


class Lookups:
    """A `RunnerObserver` keeping each lookup as (what was looked up, found in the cache)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bool]] = []

    def looked_up(self, analysis: str, hit: bool) -> None:
        self.seen.append((analysis, hit))

    def computed(self, analysis: str, seconds: float) -> None:
        pass
