"""`captureSnapshot`: keep the analysis summary of an organization's stored graph for its trends.

A mutation of its own, not an argument of `importOrganization`: it needs only the EDITOR role
(it changes no entity), it follows any kind of write (imports, entity edits, merged surveys),
and a scheduler can call it alone. Capturing the same graph version at the same date again
replaces that snapshot. It runs the silo analysis with the path sample off the event loop, so it
counts against the request's analyses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from graph_queries.snapshots import capture_snapshot
from schema.context import Info
from schema.failures import NotFoundError, ValidationError, attempt


@strawberry.type(description="A kept analysis snapshot: the point of the trends it adds.")
class SnapshotPayload:
    organization_id: str
    effective_date: dt.date
    graph_version: int
    captured_at: dt.datetime


SnapshotResult = Annotated[
    SnapshotPayload | ValidationError | NotFoundError, strawberry.union("SnapshotResult")
]


@strawberry.type
class SnapshotMutation:
    @strawberry.mutation(
        description=(
            "Keeps the analysis summary of the organization's stored graph under an effective "
            "date, a point of its `trends` (EDITOR). The same graph version and date again "
            "replaces it; the oldest beyond UNSILO_SNAPSHOTS_KEPT go."
        )
    )
    async def capture_snapshot(
        self,
        info: Info,
        organization_id: strawberry.ID,
        effective_date: Annotated[
            dt.date | None,
            strawberry.argument(description="The date the data describes; today (UTC) if null."),
        ] = None,
    ) -> SnapshotResult:
        context = info.context
        day = effective_date or dt.datetime.now(dt.UTC).date()
        context.analyses.admit((organization_id, "capture_snapshot", day))

        async def work() -> SnapshotPayload:
            kept = await capture_snapshot(
                context.store,
                context.request_context,
                organization_id,
                day,
                path_sample=context.runner.path_sample,
                keep=context.snapshots_kept,
                runner=context.runner,
            )
            return SnapshotPayload(
                organization_id=kept.organization_id,
                effective_date=kept.effective_date,
                graph_version=kept.graph_version,
                captured_at=kept.captured_at,
            )

        return await attempt(work)
