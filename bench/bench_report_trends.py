"""The HTML report's Trends section: what 24 analysis snapshots add to the report's size and
to the time to make it.

Run from the repository root::

    .venv/bin/python -m bench.bench_report_trends                    # 1,000 leaders (~30 s)
    .venv/bin/python -m bench.bench_report_trends --leaders 1000 10000

A generated organization (id `gen`, seed 7) is stored in a temporary SQLite store and captured
at `--snapshots` effective dates, every other capture with a quarter of its cross-unit ties
left out (so the series move). Then, in this process: the kept summaries read and decoded
(`stored_summaries`), and `report_html` made twice from the same results, without summaries
(the baseline: the report as it was) and with them; the section alone (`trends_section`,
the privacy floor and `trend` included) is timed too. Figures: seconds (best of `--repeat`),
the report's size in KiB, and the ratio of the report with trends to the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from graph_queries.analyses.trends import AnalysisSummary
from graph_queries.context import ANONYMOUS
from graph_queries.exports.report_html import report_html, report_network
from graph_queries.exports.report_trends import trends_section
from graph_queries.exports.results import compute_results
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.snapshots import capture_snapshot, stored_summaries
from graph_queries.stores.sqlite_store import SqliteStore

AS_OF = date(2026, 1, 1)
FLOOR = 5


def _thinned(snapshot: OrgSnapshot) -> OrgSnapshot:
    unit_of = {leader.id: leader.unit_id for leader in snapshot.leaders.values()}
    kept = {
        tie_id: tie
        for index, (tie_id, tie) in enumerate(snapshot.ties.items())
        if unit_of[tie.leader_a_id] == unit_of[tie.leader_b_id] or index % 4
    }
    return dataclasses.replace(snapshot, ties=kept)


async def _captured(path: Path, snapshot: OrgSnapshot, count: int) -> list[AnalysisSummary]:
    store = SqliteStore(str(path))
    try:
        await store.migrate()
        for index in range(count):
            wave = _thinned(snapshot) if index % 2 else snapshot
            await store.replace_organization(ANONYMOUS, wave, None)
            day = AS_OF - timedelta(days=91 * (count - index))
            await capture_snapshot(store, ANONYMOUS, "gen", day, path_sample=2000, keep=200)
        return await stored_summaries(store, ANONYMOUS, "gen")
    finally:
        await store.close()


def _best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(leaders: int, snapshots: int, repeat: int) -> None:
    snapshot = generate_organization(leaders=leaders, organization_id="gen", seed=7)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        summaries = asyncio.run(_captured(Path(folder) / "unsilo.sqlite3", snapshot, snapshots))
        captured = time.perf_counter() - started
    graphs = build_graphs(snapshot)
    results = compute_results(graphs, AS_OF, FLOOR, path_sample=2000)
    network = report_network(graphs, results)
    name = snapshot.organization.name
    plain = report_html(name, results, network)
    with_trends = report_html(name, results, network, summaries)
    baseline = _best(repeat, lambda: report_html(name, results, network))
    full = _best(repeat, lambda: report_html(name, results, network, summaries))
    section = _best(repeat, lambda: trends_section(summaries, results))
    units = len(summaries[-1].units)
    print(
        f"{leaders:,} leaders, {units} units, {len(summaries)} snapshots "
        f"(captured in {captured:.1f} s)"
    )
    print(f"  report without trends: {baseline:.3f} s, {len(plain) / 1024:,.0f} KiB")
    print(
        f"  report with trends:    {full:.3f} s, {len(with_trends) / 1024:,.0f} KiB "
        f"(x{full / baseline:.2f} time, x{len(with_trends) / len(plain):.2f} size)"
    )
    print(f"  the section alone:     {section:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, nargs="+", default=[1000])
    parser.add_argument("--snapshots", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for leaders in args.leaders:
        measure(leaders, args.snapshots, args.repeat)


if __name__ == "__main__":
    main()
