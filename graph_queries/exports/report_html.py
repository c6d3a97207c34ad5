"""`unsilo analyze --report`: one self-contained HTML file of what the analyses found.

`report_html` is pure (results in, text out); `write_report` is the only I/O. The file opens
offline: inline CSS and SVG, no script, no font, image or style sheet from elsewhere, no URL.
Every text from the data goes through `html.escape`: names are user input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from graph_queries.analyses.conflicts import SURVEY_BENCHMARK, BenchmarkComparison
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import BottleneckKind
from graph_queries.analyses.trends import AnalysisSummary
from graph_queries.analyses.unit_network import UnitNetwork, unit_network
from graph_queries.exports.html_parts import html_table
from graph_queries.exports.report_svg import OutcomeBar, network_svg, outcome_bars_svg
from graph_queries.exports.report_trends import trends_section
from graph_queries.exports.results import AnalysisResults
from graph_queries.graphs import OrgGraphs
from graph_queries.model import ConflictStatus
from graph_queries.privacy_floor import floor_unit_network_report

# The drawing marks this many unit bottlenecks, the worst: marking every ranked unit would
# mark nearly all of them and tell nothing.
MARKED_BOTTLENECKS = 5

# The survey's own wording of each outcome (Sull, Homkes & Sull, 2015).
OUTCOME_LABELS = {
    ConflictStatus.ANTICIPATED_AVOIDED: "Anticipated and avoided",
    ConflictStatus.RESOLVED_QUICKLY: "Resolved quickly",
    ConflictStatus.RESOLVED_LATE: "Resolved after a significant delay",
    ConflictStatus.TRIED_FAILED: "Tried but never resolved",
    ConflictStatus.UNADDRESSED: "Never addressed",
}

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; }
.note { border: 2px solid #8a5a00; background: #fff6e0; padding: 0.6rem 1rem; }
table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { border: 1px solid #999; padding: 0.25rem 0.6rem; text-align: left; }
svg { width: 100%; height: auto; font-size: 12px; }
.link { stroke: #777; }
.unit { fill: #9cc3e6; stroke: #2b5d8a; }
.bottleneck { fill: #f4b183; stroke: #000; }
.observed { fill: #2b5d8a; }
.benchmark { fill: url(#hatch); stroke: #444; }
.hatch { stroke: #444; stroke-width: 2; }
.trend-charts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.trend-charts figure { margin: 0; width: 20rem; }
.trend .series { fill: none; stroke: #2b5d8a; stroke-width: 2; }
.trend .axis { stroke: #999; }
.trend .dot { fill: #2b5d8a; }
.trend .sig { fill: #fff; stroke: #000; stroke-width: 2; }
.wide { overflow-x: auto; }
"""


def report_html(
    organization_name: str,
    results: AnalysisResults,
    network: UnitNetwork,
    summaries: Sequence[AnalysisSummary] | None = None,
) -> str:
    """The whole report as one HTML document. `network` is the unit network with the same
    privacy floor as `results`; `summaries` the organization's kept analysis snapshots, oldest
    first, for the Trends section (None: the report is made without a store)."""
    title = f"Unsilo report: {organization_name}"
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<p>Evaluated as of {escape(results.as_of.isoformat())}.</p>",
        _privacy_note(results),
        _network_section(results, network),
        _factions_section(
            results.executive_factions, results.withheld.get("executive_factions", 0)
        ),
        _outcome_section(results),
        _findings_section(results),
        trends_section(summaries, results),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def report_network(graphs: OrgGraphs, results: AnalysisResults) -> UnitNetwork:
    """The unit network to draw, under the same privacy floor as `results`."""
    network = unit_network(graphs)
    if results.floor_lifted:
        return network
    return floor_unit_network_report(network, results.min_group)[0]


def write_report(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def bottleneck_ranks(results: AnalysisResults) -> dict[str, int]:
    """The worst `MARKED_BOTTLENECKS` units among the bottlenecks, by id, with their rank
    among all of them (1 = worst, leaders count too), from the silo analysis or, when only
    the execution report ran, from its worst few."""
    if results.silo_bottlenecks is not None:
        bottlenecks = results.silo_bottlenecks.bottlenecks
    elif results.execution_report is not None:
        bottlenecks = results.execution_report.bottlenecks
    else:
        return {}
    ranks = {
        b.id: rank for rank, b in enumerate(bottlenecks, start=1) if b.kind is BottleneckKind.UNIT
    }
    return dict(list(ranks.items())[:MARKED_BOTTLENECKS])


def _privacy_note(results: AnalysisResults) -> str:
    if results.floor_lifted:
        floor = (
            f"The privacy floor was lifted: figures of groups under {results.min_group} "
            "people are included."
        )
    else:
        withheld = sum(results.withheld.values())
        floor = (
            f"Privacy floor applied: no group figures about a unit or faction of fewer than "
            f"{results.min_group} people ({withheld} groups withheld)."
        )
    return (
        '<p class="note"><strong>This file holds personal data</strong>: who works with whom, '
        "who reports to whom, and figures computed from those. Keep it where only the people "
        f"entitled to the data can read it, and delete it when the work is done. {floor}</p>"
    )


def _network_section(results: AnalysisResults, network: UnitNetwork) -> str:
    return (
        '<section id="network"><h2>Unit network</h2>'
        "<p>Each unit is a circle sized by its people; a solid line joins units with "
        "dependencies between them (thicker: more), a dashed line units whose leaders have "
        f"ties only. The worst {MARKED_BOTTLENECKS} units among the silo bottlenecks are "
        "squares with a thick border, labelled with their rank (#1 is the worst).</p>"
        f"{network_svg(network, bottleneck_ranks(results))}</section>"
    )


def _factions_section(factions: FactionReport | None, withheld: int) -> str:
    head = '<section id="factions"><h2>Executive factions</h2>'
    if factions is None:
        return head + "<p>The executive factions analysis was not run.</p></section>"
    rows = [(f"Faction {f.index}", ", ".join(f.names), f.reason) for f in factions.factions]
    parts = [
        head,
        f"<p><strong>Verdict: {escape(factions.verdict.value)}</strong>. "
        f"{escape(factions.verdict_reason)}</p>",
    ]
    if factions.empty_reason:
        parts.append(f"<p>{escape(factions.empty_reason)}</p>")
    if rows:
        parts.append(html_table(("Faction", "Members", "Reason"), rows))
    if withheld:
        parts.append(
            f"<p>{withheld} factions or groups of executives are withheld by the privacy floor: "
            "each has too few people to name.</p>"
        )
    return "".join(parts) + "</section>"


def _outcome_mix(results: AnalysisResults) -> BenchmarkComparison | None:
    # The execution report's comparison first; the conflict hotspots carry the same one.
    if results.execution_report is not None:
        return results.execution_report.outcome_mix
    if results.conflict_hotspots is not None:
        return results.conflict_hotspots.benchmark
    return None


def outcome_bars(mix: BenchmarkComparison | None) -> list[OutcomeBar]:
    """The bars of the outcome chart: the benchmark's shares always, the organization's when
    it has conflicts with an outcome."""
    observed = {} if mix is None or mix.n == 0 else {o.status: o for o in mix.outcomes}
    return [
        OutcomeBar(
            label=OUTCOME_LABELS[status],
            observed=observed[status].observed_share if status in observed else None,
            benchmark=share,
        )
        for status, share in SURVEY_BENCHMARK.shares
    ]


def _outcome_section(results: AnalysisResults) -> str:
    mix = _outcome_mix(results)
    bars = outcome_bars(mix)
    counts = {} if mix is None else {o.status: o.observed for o in mix.outcomes}
    rows = [
        (
            bar.label,
            str(counts.get(status, 0)) if mix is not None else "-",
            "-" if bar.observed is None else f"{bar.observed:.0%}",
            f"{bar.benchmark:.0%}",
        )
        for bar, (status, _) in zip(bars, SURVEY_BENCHMARK.shares, strict=True)
    ]
    if mix is None:
        said = "The conflict analyses were not run: the benchmark alone is shown."
    else:
        said = mix.verdict
    return (
        '<section id="outcomes"><h2>Conflict outcomes against the survey benchmark</h2>'
        f"<p>{escape(said)}</p>{outcome_bars_svg(bars)}"
        + html_table(("Outcome", "Conflicts", "This organization", "Survey benchmark"), rows)
        + f"<p>Benchmark: {escape(SURVEY_BENCHMARK.citation)}</p></section>"
    )


def _findings_section(results: AnalysisResults) -> str:
    parts = ['<section id="findings"><h2>Findings</h2>']
    if (execution := results.execution_report) is not None:
        parts.append("<h3>Headlines</h3>" + _list(execution.headlines))
    if (silos := results.silo_bottlenecks) is not None:
        rows = [
            (str(rank), b.kind.value.lower(), b.name, f"{b.score:.2f}", b.reason)
            for rank, b in enumerate(silos.bottlenecks, start=1)
        ]
        parts.append("<h3>Silo bottlenecks</h3>")
        parts.append(
            html_table(("Rank", "Kind", "Name", "Score", "Reason"), rows)
            if rows
            else f"<p>{escape(silos.empty_reason or 'No bottlenecks.')}</p>"
        )
    if (hotspots := results.conflict_hotspots) is not None:
        parts.append("<h3>Conflict hotspots: unit pairs</h3>")
        pairs = [(str(p.rank), p.reason) for p in hotspots.pairs]
        parts.append(
            html_table(("Rank", "Reason"), pairs)
            if pairs
            else f"<p>{escape(hotspots.empty_reason or 'No hotspots.')}</p>"
        )
        units = [(str(u.rank), u.name, u.reason) for u in hotspots.units]
        if units:
            parts.append("<h3>Conflict hotspots: units</h3>")
            parts.append(html_table(("Rank", "Unit", "Reason"), units))
    if (factions := results.executive_factions) is not None:
        bridges = [(b.name, b.reason) for b in factions.bridges]
        if bridges:
            parts.append("<h3>Executives bridging factions</h3>")
            parts.append(html_table(("Executive", "Reason"), bridges))
    if len(parts) == 1:
        parts.append("<p>No analysis was run.</p>")
    return "".join(parts) + "</section>"


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
