"""A generated organization stored with several analysis snapshots at different effective
dates, its cross-unit ties thinning from one to the next, so its trends have lines that move:
shared by the report, explorer and client tests of the trends."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.generator.history import thinned
from graph_queries.model import OrgSnapshot
from graph_queries.snapshots import capture_snapshot
from graph_queries.stores.sqlite_store import SqliteStore

DATES = (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))


async def store_waves(
    path: Path,
    organization_id: str,
    dates: Sequence[date] = DATES,
    leaders: int = 300,
    seed: int = 7,
) -> OrgSnapshot:
    """Store the organization at `path` (created when missing) once per date, thinner each
    time, with an analysis snapshot at that date after each; the first wave is returned."""
    store = SqliteStore(path)
    await store.migrate()
    first = generate_organization(leaders=leaders, organization_id=organization_id, seed=seed)
    try:
        for wave, day in enumerate(dates):
            await store.replace_organization(ANONYMOUS, thinned(first, wave), None)
            await capture_snapshot(
                store, ANONYMOUS, organization_id, day, path_sample=None, keep=200
            )
    finally:
        await store.close()
    return first


def stored_waves(path: Path, organization_id: str, dates: Sequence[date] = DATES) -> OrgSnapshot:
    return asyncio.run(store_waves(path, organization_id, dates))
