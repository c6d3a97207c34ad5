"""The HTML report's Trends section: the headline figures across the organization's analysis
snapshots (docs/analyses.md, "Trends"), as small line charts and tables.

The series are `graph_queries.snapshots.floored_trend`'s, the same as `Organization.trends`
answers, under the report's own privacy floor (`AnalysisResults.min_group`, lifted only when
the results' floor was): a unit's point is withheld where it had fewer leaders than the floor.
Snapshots keep no leader's figures, so none can appear here. Pure: summaries in, HTML out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from graph_queries.analyses.trends import (
    AnalysisSummary,
    TrendFigure,
    TrendPoint,
    TrendReport,
    TrendSeries,
)
from graph_queries.exports.html_parts import html_table
from graph_queries.exports.report_svg import LinePoint, line_chart_svg, plain_number
from graph_queries.exports.results import AnalysisResults
from graph_queries.snapshots import DEFAULT_TREND_SNAPSHOTS, MIN_TREND_SNAPSHOTS, floored_trend

HOW_TO_CAPTURE = (
    "Trends need two or more analysis snapshots of the organization in a store: capture them "
    "with `unsilo import --effective-date DATE` or `unsilo snapshot --organization ID "
    "--effective-date DATE`, then make the report with `unsilo analyze --organization ID`."
)

# The organization's figures charted, each with its label and whether it is a share.
CHARTED: tuple[tuple[TrendFigure, str, bool], ...] = (
    (TrendFigure.UNRESOLVED_CONFLICT_SHARE, "Unresolved conflict share", True),
    (TrendFigure.RELIABLE_DEPENDENCY_SHARE, "Reliable dependency share", True),
    (TrendFigure.MODULARITY, "Modularity of the executive factions", False),
    (TrendFigure.FACTIONS, "Executive factions", False),
)
SIGNIFICANT = "*"


def trends_section(summaries: Sequence[AnalysisSummary] | None, results: AnalysisResults) -> str:
    """The section: `summaries` are the organization's kept snapshots, oldest first (None when
    the report is made from a file, with no store); the newest `DEFAULT_TREND_SNAPSHOTS` are
    drawn. Fewer than two: one line on how to capture them."""
    head = '<section id="trends"><h2>Trends</h2>'
    if summaries is None or len(summaries) < MIN_TREND_SNAPSHOTS:
        kept = "no store was read" if summaries is None else f"{len(summaries)} kept"
        return f"{head}<p>{escape(HOW_TO_CAPTURE)} ({escape(kept)}.)</p></section>"
    chosen = list(summaries)[-DEFAULT_TREND_SNAPSHOTS:]
    report, withheld = floored_trend(chosen, results.min_group, results.floor_lifted)
    dates = [s.effective_date.isoformat() for s in report.snapshots]
    parts = [
        head,
        f"<p>{len(dates)} snapshots from {escape(dates[0])} to {escape(dates[-1])} (the newest "
        f"{DEFAULT_TREND_SNAPSHOTS} at most). A change marked {SIGNIFICANT} (a square on the "
        "charts) exceeds the noise expected from the counts. "
        f"{escape(report.method)}</p>",
        '<div class="trend-charts">',
    ]
    organization = {s.figure: s for s in report.series if s.unit_id is None}
    for figure, label, as_share in CHARTED:
        points = [
            LinePoint(p.effective_date.isoformat(), p.value, p.significant)
            for p in organization[figure].points
        ]
        parts.append(
            f"<figure><figcaption>{escape(label)}</figcaption>"
            f"{line_chart_svg(figure.value.lower(), label, points, as_share)}</figure>"
        )
    parts.append("</div>")
    parts.append(_organization_table(report, organization))
    parts.append(_unit_table(report, dates, withheld, results))
    return "".join(parts) + "</section>"


def _cell(point: TrendPoint | None, as_share: bool) -> str:
    if point is None or point.value is None:
        return "-"
    value = f"{point.value:.0%}" if as_share else plain_number(point.value)
    if point.count is not None and point.total is not None:
        value += f" ({point.count} of {point.total})"
    return value + (f" {SIGNIFICANT}" if point.significant else "")


def _organization_table(report: TrendReport, organization: dict[TrendFigure, TrendSeries]) -> str:
    by_figure = {
        figure: {p.graph_version: p for p in series.points}
        for figure, series in organization.items()
    }
    rows = []
    for snapshot, verdict in zip(report.snapshots, report.faction_verdicts, strict=True):
        cells = [snapshot.effective_date.isoformat(), str(snapshot.graph_version)]
        for figure, _label, as_share in CHARTED:
            cells.append(_cell(by_figure[figure].get(snapshot.graph_version), as_share))
        cells.append(verdict.verdict.value + (" (changed)" if verdict.changed else ""))
        rows.append(cells)
    header = ("Effective date", "Graph version", *(label for _f, label, _s in CHARTED))
    return html_table(
        (*header, "Faction verdict"), rows, "The organization's figures at each snapshot"
    )


def _unit_table(
    report: TrendReport, dates: list[str], withheld: int, results: AnalysisResults
) -> str:
    rows = []
    for series in report.series:
        if series.figure is not TrendFigure.EI_INDEX:
            continue
        at = {p.effective_date.isoformat(): p for p in series.points}
        rows.append([series.unit_name or "", *(_cell(at.get(d), False) for d in dates)])
    if results.floor_lifted:
        floor = "The privacy floor was lifted: every unit is shown."
    else:
        floor = (
            f"A dash: the unit was not in that snapshot, or had fewer than {results.min_group} "
            f"leaders then and its figure is withheld by the privacy floor ({withheld} units "
            "withheld at one snapshot or more)."
        )
    table = (
        html_table(("Unit", *dates), rows, "E-I index of each unit at each snapshot")
        if rows
        else "<p>No unit has an E-I index to show.</p>"
    )
    return (
        "<h3>E-I index per unit</h3><p>The E-I index runs from -1 (every tie inside the unit) "
        f"to 1 (every tie to other units); the counts are its external ties of all. "
        f'{escape(floor)}</p><div class="wide">{table}</div>'
    )
