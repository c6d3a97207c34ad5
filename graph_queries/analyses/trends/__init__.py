"""Trends: the headline figures of an organization across snapshots of its graph.

`analysis_summary` keeps the headline figures of one graph version (a few numbers per unit,
with the counts behind every share), small enough for a store to keep hundreds of;
`trend` orders summaries by effective date and gives each figure's series with the change
between consecutive snapshots and whether it exceeds the noise expected from the counts.

Inner modules, private to this package: `_summary` (the summary, its JSON form) and `_series`
(the series and the noise test, whose method its docstring states).
"""

from graph_queries.analyses.trends._series import (
    METHOD,
    SnapshotRef,
    TrendFigure,
    TrendPoint,
    TrendReport,
    TrendSeries,
    VerdictPoint,
    share_change_significant,
    trend,
)
from graph_queries.analyses.trends._summary import (
    SUMMARY_FORMAT,
    AnalysisSummary,
    ShareCount,
    UnitSummary,
    analysis_summary,
    summary_from_json,
    summary_to_json,
)

__all__ = [
    "METHOD",
    "SUMMARY_FORMAT",
    "AnalysisSummary",
    "ShareCount",
    "SnapshotRef",
    "TrendFigure",
    "TrendPoint",
    "TrendReport",
    "TrendSeries",
    "UnitSummary",
    "VerdictPoint",
    "analysis_summary",
    "share_change_significant",
    "summary_from_json",
    "summary_to_json",
    "trend",
]
