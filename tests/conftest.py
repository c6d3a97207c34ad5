"""Fixtures shared by every test: the stores the contract runs against."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph_queries.sqlite_store import SqliteStore
from graph_queries.store import Store

STORE_KINDS = ["sqlite"]


@dataclass(frozen=True)
class Backend:
    """One empty store of one kind; `open` makes a new client of it (for another event loop)."""

    name: str
    open: Callable[[], Store]


@pytest.fixture(params=STORE_KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    path = tmp_path / "unsilo.sqlite3"
    return Backend("sqlite", lambda: SqliteStore(path))


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Store]:
    opened = backend.open()
    yield opened
    await opened.close()
