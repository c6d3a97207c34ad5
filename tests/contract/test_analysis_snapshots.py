"""Analysis snapshots on every store: kept, read back in order, replaced, bounded, and gone with
their organization, but not with a replace of its content."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph_queries.context import ANONYMOUS, RequestContext, Role
from graph_queries.errors import ErrorCode, Forbidden, NotFound, ValidationFailed
from graph_queries.stores.analysis_snapshots import MAX_SUMMARY_CHARS, AnalysisSnapshot
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from tests.orgs import acme

KEEP = 10


def _snapshot(
    day: int, version: int, summary: str = '{"n":1}', org: str = "acme"
) -> AnalysisSnapshot:
    captured = datetime(2026, 2, day, 12, 30, tzinfo=UTC)
    return AnalysisSnapshot(org, date(2026, 1, day), version, 1, captured, summary)


def _keys(snapshots: list[AnalysisSnapshot]) -> list[tuple[int, int]]:
    return [(s.effective_date.day, s.graph_version) for s in snapshots]


async def test_snapshots_read_back_whole_and_oldest_first(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    for day, version in [(9, 1), (2, 1), (9, 3), (5, 2)]:
        await store.save_analysis_snapshot(
            ANONYMOUS, _snapshot(day, version, f'"{day}.{version}"'), KEEP
        )
    kept = await store.analysis_snapshots(ANONYMOUS, "acme")
    assert _keys(kept) == [(2, 1), (5, 2), (9, 1), (9, 3)]
    assert kept[0] == _snapshot(2, 1, '"2.1"')
    assert [s.summary for s in kept] == ['"2.1"', '"5.2"', '"9.1"', '"9.3"']


async def test_the_same_date_and_version_again_replaces(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(3, 1, '"old"'), KEEP)
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(3, 1, '"new"'), KEEP)
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(3, 2, '"next"'), KEEP)
    kept = await store.analysis_snapshots(ANONYMOUS, "acme")
    assert [(s.graph_version, s.summary) for s in kept] == [(1, '"new"'), (2, '"next"')]


async def test_only_the_newest_are_kept(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    for day in [4, 1, 6, 2, 5, 3]:
        await store.save_analysis_snapshot(ANONYMOUS, _snapshot(day, 1), keep=4)
    assert _keys(await store.analysis_snapshots(ANONYMOUS, "acme")) == [
        (3, 1),
        (4, 1),
        (5, 1),
        (6, 1),
    ]
    # An older one than all kept is dropped at once.
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1), keep=4)
    assert len(await store.analysis_snapshots(ANONYMOUS, "acme")) == 4


async def test_a_replace_keeps_them_and_a_deletion_takes_them(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    await store.replace_organization(ANONYMOUS, acme("other"), expected_version=0)
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1), KEEP)
    await store.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1, org="other"), KEEP)
    await store.replace_organization(ANONYMOUS, acme(), expected_version=None)
    assert _keys(await store.analysis_snapshots(ANONYMOUS, "acme")) == [(1, 1)]
    await store.delete_organization(ANONYMOUS, "acme")
    with pytest.raises(NotFound):
        await store.analysis_snapshots(ANONYMOUS, "acme")
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    assert await store.analysis_snapshots(ANONYMOUS, "acme") == []
    assert _keys(await store.analysis_snapshots(ANONYMOUS, "other")) == [(1, 1)]


async def test_no_organization_no_snapshot(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1, org="nobody"), KEEP)
    with pytest.raises(NotFound):
        await store.analysis_snapshots(ANONYMOUS, "nobody")


async def test_analysts_read_them_editors_capture_them_and_others_see_nothing(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)

    def caller(role: Role) -> RequestContext:
        return RequestContext.granted(role.name, {"acme": role})

    with pytest.raises(Forbidden):
        await store.save_analysis_snapshot(caller(Role.ANALYST), _snapshot(1, 1), KEEP)
    await store.save_analysis_snapshot(caller(Role.EDITOR), _snapshot(1, 1), KEEP)
    with pytest.raises(Forbidden):
        await store.analysis_snapshots(caller(Role.VIEWER), "acme")
    assert len(await store.analysis_snapshots(caller(Role.ANALYST), "acme")) == 1
    stranger = RequestContext.granted("stranger", {"other": Role.ADMIN})
    with pytest.raises(NotFound):
        await store.analysis_snapshots(stranger, "acme")


async def test_an_oversized_summary_or_no_room_is_refused_naming_it(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    huge = _snapshot(1, 1, "x" * (MAX_SUMMARY_CHARS + 1))
    with pytest.raises(ValidationFailed) as refused:
        await store.save_analysis_snapshot(ANONYMOUS, huge, KEEP)
    assert [(e.path, e.code) for e in refused.value.errors] == [("summary", ErrorCode.TOO_LONG)]
    with pytest.raises(ValidationFailed) as refused:
        await store.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1), 0)
    assert [(e.path, e.code) for e in refused.value.errors] == [("keep", ErrorCode.OUT_OF_RANGE)]
    assert await store.analysis_snapshots(ANONYMOUS, "acme") == []


async def test_an_older_sqlite_file_gets_the_table_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite3"
    store = SqliteStore(path)
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    await store.close()
    with sqlite3.connect(path) as db:  # as a file made before snapshots were kept
        db.execute("DROP TABLE analysis_snapshots")
    reopened = SqliteStore(path, create=False)
    try:
        await reopened.save_analysis_snapshot(ANONYMOUS, _snapshot(1, 1), KEEP)
        assert _keys(await reopened.analysis_snapshots(ANONYMOUS, "acme")) == [(1, 1)]
    finally:
        await reopened.close()
