"""`unsilo.load_trends`: the trends of a stored organization from Python, with the floor."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

import unsilo
from graph_queries.analyses.trends import TrendFigure
from graph_queries.context import ANONYMOUS
from graph_queries.snapshots import capture_snapshot
from graph_queries.stores.sqlite_store import SqliteStore
from service.settings import Settings
from tests.orgs import acme


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "unsilo.sqlite3"

    async def seed() -> None:
        store = SqliteStore(path)
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        for day in (date(2026, 1, 1), date(2025, 10, 1)):
            await capture_snapshot(store, ANONYMOUS, "acme", day, path_sample=None, keep=10)
        await store.close()

    asyncio.run(seed())
    return path


def test_the_series_come_back_oldest_first_with_small_units_withheld(stored: Path) -> None:
    settings = Settings(privacy_min_group=2)
    report = unsilo.load_trends(f"sqlite:{stored}", organization="acme", settings=settings)
    assert [s.effective_date for s in report.snapshots] == [date(2025, 10, 1), date(2026, 1, 1)]
    assert {s.unit_id for s in report.series if s.unit_id} == {"u1", "u3"}
    everyone = unsilo.load_trends(
        f"sqlite:{stored}", organization="acme", settings=settings, include_small_groups=True
    )
    assert {s.unit_id for s in everyone.series if s.unit_id} == {"u1", "u2", "u3", "u4", "u5"}
    share = next(s for s in everyone.series if s.figure is TrendFigure.UNRESOLVED_CONFLICT_SHARE)
    assert len(share.points) == 2
    one = unsilo.load_trends(f"sqlite:{stored}", organization="acme", units=["u3"])
    assert {s.unit_id for s in one.series} == {None}  # u3 has 2 leaders, under the default 5
    one = unsilo.load_trends(
        f"sqlite:{stored}", organization="acme", settings=settings, units=["u3"]
    )
    assert {s.unit_id for s in one.series} == {None, "u3"}


def test_a_missing_organization_is_not_found(stored: Path) -> None:
    with pytest.raises(unsilo.NotFound):
        unsilo.load_trends(f"sqlite:{stored}", organization="nobody")
