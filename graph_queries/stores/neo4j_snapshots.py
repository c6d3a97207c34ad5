"""Analysis snapshots in the Neo4j store: `AnalysisSnapshot` nodes, one per kept summary.

A node holds the summary's JSON text as a string property beside its `organization` (the id,
not the generation key: snapshots outlive replaces), `effective_date` (ISO text, which orders
as dates do), `graph_version`, `summary_format` and `captured_at`; the schema makes the first
three a key. Deleting the organization deletes them (`cypher/organization_delete.cypher`).
A base of `Neo4jStore`, in a module of its own; it runs through the store's managed
transactions (`_read`, `_write`).
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeVar

from neo4j import AsyncManagedTransaction

from graph_queries.stores.analysis_snapshots import AnalysisSnapshot
from graph_queries.stores.neo4j_queries import fetch
from graph_queries.stores.port import Store

R = TypeVar("R")


class Neo4jSnapshots(Store):
    @abc.abstractmethod
    async def _read(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R: ...

    @abc.abstractmethod
    async def _write(self, work: Callable[[AsyncManagedTransaction], Awaitable[R]]) -> R: ...

    async def _save_analysis_snapshot(self, snapshot: AnalysisSnapshot, keep: int) -> bool:
        """In one transaction holding the organization's lock, so that a deletion running at
        the same time cannot leave the snapshot behind."""
        org = snapshot.organization_id

        async def work(tx: AsyncManagedTransaction) -> bool:
            if not await fetch(tx, "organization_lock", org=org):
                return False
            await fetch(
                tx,
                "analysis_snapshot_save",
                organization=org,
                effective_date=snapshot.effective_date.isoformat(),
                graph_version=snapshot.graph_version,
                summary_format=snapshot.summary_format,
                captured_at=snapshot.captured_at.isoformat(),
                summary=snapshot.summary,
            )
            await fetch(tx, "analysis_snapshot_trim", organization=org, keep=keep)
            return True

        return await self._write(work)

    async def _analysis_snapshots(self, organization_id: str) -> list[AnalysisSnapshot]:
        async def work(tx: AsyncManagedTransaction) -> list[AnalysisSnapshot]:
            rows = await fetch(tx, "analysis_snapshots", organization=organization_id)
            return [
                AnalysisSnapshot(
                    organization_id,
                    date.fromisoformat(row["effective_date"]),
                    int(row["graph_version"]),
                    int(row["summary_format"]),
                    datetime.fromisoformat(row["captured_at"]),
                    row["summary"],
                )
                for row in rows
            ]

        return await self._read(work)
