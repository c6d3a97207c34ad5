"""Analysis snapshots: capture the headline figures of an organization's graph, read them back.

A capture runs `analyses.trends.analysis_summary` on the stored graph (the silo analysis with
the path sample is most of its cost) off the event loop, and keeps the summary under its
effective date and graph version (`Store.save_analysis_snapshot`). `unsilo import`,
`unsilo snapshot` and the `captureSnapshot` mutation call it; `Organization.trends`, the
Python API and the HTML report read the summaries back through `floored_trend`, the one place
the privacy floor and `analyses.trends.trend` are put together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime

from graph_queries.analyses.trends import (
    SUMMARY_FORMAT,
    AnalysisSummary,
    TrendReport,
    analysis_summary,
    summary_from_json,
    summary_to_json,
    trend,
)
from graph_queries.context import RequestContext, Role
from graph_queries.privacy_floor import floor_summaries
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.analysis_snapshots import AnalysisSnapshot
from graph_queries.stores.port import Store

# Snapshots a trend reads by default: six years of quarterly extracts (`Organization.trends`'s
# `last`, the HTML report's trends).
DEFAULT_TREND_SNAPSHOTS = 24
# Snapshots a trend needs before it has a change to show.
MIN_TREND_SNAPSHOTS = 2


async def capture_snapshot(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    effective_date: date,
    *,
    path_sample: int | None,
    keep: int,
    runner: AnalysisRunner | None = None,
) -> AnalysisSnapshot:
    """Summarize the organization's stored graph at `effective_date` and keep it, replacing a
    snapshot of the same date and graph version; the oldest beyond `keep` go. An EDITOR's,
    checked before the analyses run. `path_sample` as in `silo_bottlenecks` (None: exact).

    With the server's `runner`, the graphs come from its cache and the summary is computed in
    its pool, beside the analyses and never more at once; without (the command line), in a
    thread of its own."""
    ctx.require(organization_id, Role.EDITOR)
    if runner is None:
        graphs = await store.graphs(ctx, organization_id)
        summary = await asyncio.to_thread(analysis_summary, graphs, effective_date, path_sample)
    else:
        graphs = await runner.graphs(store, ctx, organization_id)
        summary = await runner.in_pool(
            lambda: analysis_summary(graphs, effective_date, path_sample)
        )
    snapshot = AnalysisSnapshot(
        organization_id=organization_id,
        effective_date=effective_date,
        graph_version=graphs.version,
        summary_format=SUMMARY_FORMAT,
        captured_at=datetime.now(UTC),
        summary=summary_to_json(summary),
    )
    await store.save_analysis_snapshot(ctx, snapshot, keep)
    return snapshot


async def stored_summaries(
    store: Store, ctx: RequestContext, organization_id: str, last: int | None = None
) -> list[AnalysisSummary]:
    """The organization's kept summaries, oldest first (an ANALYST's, like the analyses); only
    the newest `last` when given (`decoded_summaries`)."""
    return decoded_summaries(await store.analysis_snapshots(ctx, organization_id), last)


def decoded_summaries(
    kept: Sequence[AnalysisSnapshot], last: int | None = None
) -> list[AnalysisSummary]:
    """The summaries of `kept` (oldest first), only the newest `last` when given, so that only
    those are decoded. A summary of a newer format (written by a newer release during a
    rolling upgrade) is left out, not misread."""
    readable = [s for s in kept if s.summary_format <= SUMMARY_FORMAT]
    chosen = readable if last is None else readable[-last:] if last > 0 else []
    return [summary_from_json(snapshot.summary) for snapshot in chosen]


def floored_trend(
    summaries: Sequence[AnalysisSummary],
    k: int,
    lifted: bool = False,
    units: Collection[str] | None = None,
) -> tuple[TrendReport, int]:
    """The trend of `summaries` under the privacy floor `k` (docs/security.md#privacy-floor):
    a unit's point is withheld at every snapshot where it had fewer than `k` leaders, unless
    the floor is `lifted` (an ADMIN's `includeSmallGroups`, the CLI's
    `--include-small-groups`); with the number of distinct units withheld. `units` keeps only
    those units' series (None: every unit's)."""
    chosen, withheld = list(summaries), 0
    if not lifted:
        chosen, withheld = floor_summaries(chosen, k)
    return trend(chosen, units), withheld
