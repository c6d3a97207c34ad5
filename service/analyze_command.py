"""`unsilo analyze`: run the analyses on an organization in process, no server, and export them.

The organization comes from a file or folder `unsilo import` reads, or from the store (read
only: a store that does not exist is not created). Outputs: CSV tables, a JSON document of the
results, the organization graph as GraphML, GEXF or node-link JSON, and a self-contained HTML
report (graph_queries/exports, docs/exports.md). The privacy floor applies unless
`--include-small-groups` lifts it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn

from graph_queries.analyses.run_time import LONG_RUN_SECONDS, silo_run_time
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from graph_queries.analyses.trends import AnalysisSummary
from graph_queries.context import ANONYMOUS
from graph_queries.errors import UnsiloError, ValidationFailed
from graph_queries.exports import (
    ANALYSIS_NAMES,
    GRAPH_FORMATS,
    AnalysisResults,
    analysis_tables,
    compute_results,
    organization_graph,
    write_graph,
    write_tables,
)
from graph_queries.exports.document import results_document, write_results_json
from graph_queries.exports.report_html import report_html, report_network, write_report
from graph_queries.exports.results import EXECUTION_REPORT, SILO_BOTTLENECKS
from graph_queries.formats.files import read_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.privacy_floor import min_group_for
from graph_queries.snapshots import stored_summaries
from service.argument_types import path_sample_argument
from service.progress import stderr_console
from service.settings import Settings, SettingsError
from service.stores import read_snapshot, read_store
from service.wording import counted


class AnalyzeError(Exception):
    """A mistake in the command's arguments or inputs: one line, exit status 1."""


def add_analyze_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "analyze",
        help="run the analyses in process (no server) and export results and graphs",
    )
    parser.add_argument(
        "source", type=Path, nargs="?", help="a .json file or CSV folder (or --organization)"
    )
    parser.add_argument("--organization", help="analyze this organization of the store instead")
    parser.add_argument(
        "--analysis", action="append", metavar="NAME",
        help=f"run only this one (repeatable): {', '.join(ANALYSIS_NAMES)}; default: all",
    )  # fmt: skip
    parser.add_argument("--csv", type=Path, metavar="DIR", help="write every table as CSV here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results as JSON")
    parser.add_argument(
        "--graph", type=Path, metavar="FILE",
        help="write the organization graph (.graphml, .gexf or .json)",
    )  # fmt: skip
    parser.add_argument(
        "--report", type=Path, metavar="FILE.html",
        help="write a self-contained HTML report (opens offline; holds personal data)",
    )  # fmt: skip
    parser.add_argument("--as-of", metavar="DATE", help="date of the conflict figures (today)")
    parser.add_argument(
        "--include-small-groups", action="store_true",
        help="lift the privacy floor: include figures of groups under UNSILO_PRIVACY_MIN_GROUP",
    )  # fmt: skip
    parser.add_argument(
        "--path-sample", type=path_sample_argument, metavar="N",
        help="count shortest paths from at most N units and leaders, estimate above; 0: all "
        "(default: UNSILO_PATH_SAMPLE, else 2000)",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    # Usage mistakes end in one line too, not argparse's usage block.
    parser.error = usage_error


def usage_error(message: str) -> NoReturn:
    print(f"unsilo analyze: {message}", file=sys.stderr)
    raise SystemExit(2)


def analyze_command(settings: Settings, args: argparse.Namespace) -> int:
    try:
        return _analyze(settings, args)
    except ValidationFailed as failure:
        first = failure.errors[0] if failure.errors else "invalid input"
        count = len(failure.errors)
        print(
            f"unsilo: {counted(count, 'problem')} in the source, the first: {first}",
            file=sys.stderr,
        )
    except (AnalyzeError, SettingsError, UnsiloError, ValueError) as error:
        print(f"unsilo: {error}", file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"unsilo: {where}{error.strerror or error}", file=sys.stderr)
    return 1


def _analyze(settings: Settings, args: argparse.Namespace) -> int:
    analyses = _analyses(args.analysis)
    as_of = _as_of(args.as_of)
    _check_outputs(args)
    say = _step
    if args.organization is not None:
        if args.source is not None:
            raise AnalyzeError("give SOURCE or --organization, not both")
        say(f"reading {args.organization!r} from the store")
        # Read only: a missing SQLite store is StoreNotFound, never created empty.
        snapshot = read_snapshot(settings, args.organization)
    elif args.source is None:
        raise AnalyzeError("give SOURCE (a .json file or a CSV folder) or --organization")
    else:
        say(f"reading {args.source}")
        snapshot = read_organization(args.source)
    say("building the graphs")
    graphs = build_graphs(snapshot)
    sample = settings.path_sample if args.path_sample is None else args.path_sample
    path_sample = sample or None  # 0: every unit and leader is a path start
    if SILO_BOTTLENECKS in analyses or EXECUTION_REPORT in analyses:
        notice = long_run_notice(graphs, path_sample)
        if notice is not None:
            # Terminal or not: a wait of minutes deserves a line in a log too.
            print(notice, file=sys.stderr)
    floor = min_group_for(
        [kind.name for kind in snapshot.tie_kinds],
        settings.privacy_min_group,
        settings.privacy_min_group_metadata,
    )
    results = compute_results(
        graphs,
        as_of,
        floor,
        analyses,
        include_small_groups=args.include_small_groups,
        path_sample=path_sample,
        on_step=lambda name: say(f"computing {name}"),
    )
    summaries = None  # the report's trends: only a stored organization has snapshots
    if args.organization is not None and args.report is not None:
        organization = args.organization
        summaries = read_store(
            settings, lambda store: stored_summaries(store, ANONYMOUS, organization)
        )
    written = _write_outputs(args, snapshot, graphs, results, say, summaries)
    for line in summary(snapshot, results):
        print(line)
    for path in written:
        print(f"wrote {path}")
    return 0


def long_run_notice(graphs: OrgGraphs, path_sample: int | None) -> str | None:
    """One line saying how long the silo analysis will take and what the default path sample
    would save, when it is expected to take `LONG_RUN_SECONDS` or more; else None."""
    estimate = silo_run_time(graphs, path_sample)
    if estimate.seconds < LONG_RUN_SECONDS:
        return None
    paths = (
        "every unit and leader a path start"
        if estimate.exact
        else f"{estimate.leader_starts:,} sampled path starts"
    )
    line = (
        f"unsilo analyze: the silo analysis of {estimate.leaders:,} leaders and "
        f"{estimate.ties:,} ties will take about {_duration(estimate.seconds)} ({paths})"
    )
    sampled = silo_run_time(graphs, DEFAULT_PATH_SAMPLE)
    if sampled.seconds < estimate.seconds / 2:
        line += (
            f"; --path-sample {DEFAULT_PATH_SAMPLE} would take about {_duration(sampled.seconds)}"
        )
    return line


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds):d} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60):d} minutes"
    return f"{seconds / 3600:.1f} hours"


def _step(message: str) -> None:
    # Each step on a terminal; nothing in a pipe or a log, like every command's progress.
    console = stderr_console()
    if console.is_terminal:
        console.print(f"{message}...", highlight=False)


def _analyses(names: list[str] | None) -> list[str]:
    chosen = names or list(ANALYSIS_NAMES)
    for name in chosen:
        if name not in ANALYSIS_NAMES:
            raise AnalyzeError(
                f"--analysis {name!r}: unknown; choose from {', '.join(ANALYSIS_NAMES)}"
            )
    return list(dict.fromkeys(chosen))


def _as_of(text: str | None) -> date:
    if text is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AnalyzeError(f"--as-of {text!r}: not a date; write it YYYY-MM-DD") from None


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse before any work: an unknown graph format, or an output that exists already."""
    if args.graph is not None and args.graph.suffix.lower() not in GRAPH_FORMATS:
        suffix = args.graph.suffix or "(no extension)"
        raise AnalyzeError(
            f"--graph {args.graph}: unknown format {suffix!r}; use {', '.join(GRAPH_FORMATS)}"
        )
    if args.force:
        return
    outputs = (("--json", args.json), ("--graph", args.graph), ("--report", args.report))
    for option, path in outputs:
        if path is not None and path.exists():
            raise AnalyzeError(f"{option} {path} exists; pass --force to overwrite it")
    csv = args.csv
    if csv is not None and csv.exists() and (not csv.is_dir() or any(csv.iterdir())):
        raise AnalyzeError(f"--csv {args.csv} exists; pass --force to overwrite its tables")


def _write_outputs(
    args: argparse.Namespace,
    snapshot: OrgSnapshot,
    graphs: OrgGraphs,
    results: AnalysisResults,
    say: Callable[[str], None],
    summaries: list[AnalysisSummary] | None = None,
) -> list[Path]:
    written: list[Path] = []
    if args.csv is not None:
        say(f"writing the tables to {args.csv}")
        written += write_tables(analysis_tables(results), args.csv)
    if args.json is not None:
        say(f"writing {args.json}")
        document = results_document(results, snapshot.organization.id, snapshot.version)
        write_results_json(document, args.json)
        written.append(args.json)
    if args.graph is not None:
        say(f"writing {args.graph}")
        write_graph(organization_graph(graphs, results), args.graph)
        written.append(args.graph)
    if args.report is not None:
        say(f"writing {args.report}")
        network = report_network(graphs, results)
        text = report_html(snapshot.organization.name, results, network, summaries)
        write_report(text, args.report)
        written.append(args.report)
    return written


def summary(snapshot: OrgSnapshot, results: AnalysisResults) -> list[str]:
    """A few headline figures per analysis, for the terminal."""
    lines = [
        f"organization {snapshot.organization.id!r}: {len(snapshot.units)} units, "
        f"{len(snapshot.leaders)} leaders, {len(snapshot.ties)} ties, as of {results.as_of}"
    ]
    if (silos := results.silo_bottlenecks) is not None:
        if silos.bottlenecks:
            top = silos.bottlenecks[0]
            worst = f"{top.name} ({top.kind.value.lower()}, score {top.score:.2f})"
        else:
            worst = silos.empty_reason or "none"
        lines.append(f"silo_bottlenecks: {len(silos.bottlenecks)} ranked; worst: {worst}")
    if (hotspots := results.conflict_hotspots) is not None:
        overall = hotspots.overall.counts
        lines.append(
            f"conflict_hotspots: {overall.unresolved} of {overall.total} conflicts unresolved; "
            f"{hotspots.pairs_total} unit pairs, {hotspots.clusters_total} clusters"
        )
    if (factions := results.executive_factions) is not None:
        lines.append(
            f"executive_factions: verdict {factions.verdict.value} among "
            f"{factions.executives} executives, modularity {factions.modularity:.2f}"
        )
    if (execution := results.execution_report) is not None:
        lines.extend(f"execution_report: {headline}" for headline in execution.headlines)
    withheld = sum(results.withheld.values())
    if results.floor_lifted:
        lines.append(f"privacy floor lifted: groups under {results.min_group} included")
    elif withheld:
        lines.append(
            f"privacy floor: {counted(withheld, 'group')} of fewer than {results.min_group} "
            "withheld"
        )
    return lines
