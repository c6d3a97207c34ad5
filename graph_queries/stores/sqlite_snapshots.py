"""Analysis snapshots in the SQLite store: the `analysis_snapshots` table (`sqlite_schema`).

A base of `SqliteStore` rather than more of it, so that each module keeps one job; it runs its
statements through the store's serial connection (`_run`, `_write`).
"""

from __future__ import annotations

import abc
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from graph_queries.stores.analysis_snapshots import AnalysisSnapshot
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_reads import version_of

R = TypeVar("R")


def delete_snapshots(db: sqlite3.Connection, organization_id: str) -> None:
    """Inside the transaction that deletes the organization."""
    db.execute("DELETE FROM analysis_snapshots WHERE org_id = ?", [organization_id])


class SqliteSnapshots(Store):
    @abc.abstractmethod
    async def _run(self, work: Callable[[sqlite3.Connection], R]) -> R: ...

    @abc.abstractmethod
    async def _write(self, work: Callable[[sqlite3.Connection], R]) -> R: ...

    async def _save_analysis_snapshot(self, snapshot: AnalysisSnapshot, keep: int) -> bool:
        org = snapshot.organization_id

        def write(db: sqlite3.Connection) -> bool:
            if version_of(db, org) is None:
                return False
            db.execute(
                "INSERT OR REPLACE INTO analysis_snapshots (org_id, effective_date, "
                "graph_version, summary_format, captured_at, summary) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    org,
                    snapshot.effective_date.isoformat(),
                    snapshot.graph_version,
                    snapshot.summary_format,
                    snapshot.captured_at.isoformat(),
                    snapshot.summary,
                ],
            )
            # The newest `keep` stay; ISO dates order as text.
            db.execute(
                "DELETE FROM analysis_snapshots WHERE org_id = ? AND rowid NOT IN (SELECT rowid "
                "FROM analysis_snapshots WHERE org_id = ? "
                "ORDER BY effective_date DESC, graph_version DESC LIMIT ?)",
                [org, org, keep],
            )
            return True

        return await self._write(write)

    async def _analysis_snapshots(self, organization_id: str) -> list[AnalysisSnapshot]:
        rows = await self._run(
            lambda db: db.execute(
                "SELECT effective_date, graph_version, summary_format, captured_at, summary "
                "FROM analysis_snapshots WHERE org_id = ? ORDER BY effective_date, graph_version",
                [organization_id],
            ).fetchall()
        )
        return [
            AnalysisSnapshot(
                organization_id,
                date.fromisoformat(row[0]),
                int(row[1]),
                int(row[2]),
                datetime.fromisoformat(row[3]),
                row[4],
            )
            for row in rows
        ]
