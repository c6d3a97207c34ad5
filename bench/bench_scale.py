"""How every cost grows with the organization: generated organizations of 1,000, 10,000 and
100,000 leaders, from import to analysis, with the growth exponent of each cost.

Run from the repository root::

    .venv/bin/python -m bench.bench_scale                      # 1k, 10k, 100k (~6 min)
    .venv/bin/python -m bench.bench_scale --leaders 1000 10000 --accuracy

Each size runs in a fresh interpreter (so its peak memory is its own) and measures, in wall
seconds on an otherwise idle machine:

- `generate`: `generate_organization(leaders=N)`;
- `import`: `commands.import_organization` of it (validated, one transaction) into an empty
  SQLite store in a temporary folder;
- `load`: the stored organization read back (`store.snapshot`) and `build_graphs` on it;
- the four analyses at their defaults (`silo_bottlenecks`, `execution_report`,
  `conflict_hotspots`, `executive_factions`), each run once cold (the first run also compiles
  or loads the compiled kernels: see `compile`) and `--repeat` times warm (median printed);
- `peak RSS`: the interpreter's peak resident memory (all of the above; an upper bound for the
  analyses alone) and its resident memory before the analyses;
- the baseline, in the same interpreter: plain `networkx.betweenness_centrality` (exact,
  unweighted) on the silo analysis's leader graph, the kernel floor of the same analysis on
  plain networkx. Above `--networkx-cap` leaders it is timed from 100 sources and scaled to all
  of them (its cost is linear in the sources), and marked `~`. The ratio is baseline / silo.

Then, in one more interpreter, the two stress figures of the targets: `conflict_hotspots` over
`--conflicts` conflicts (default 1,000,000: the generated 10,000-leader organization's
conflicts copied under new ids, so the status mix and dates stay realistic), timed with and
without `build_graphs`; and `executive_factions` for a top team of `--executives` people
(default 500: that many of its leaders made executives, tied as four planted groups, each tie
inside a group with probability 0.1 and across with 0.005). `--no-stress` skips them.

`--accuracy` also computes the exact cross-unit loads (no sampling) for sizes of at most 20,000
leaders and prints how many of the exact top 20 brokers the default sample keeps, for three
seeds: the check behind `silos.DEFAULT_PATH_SAMPLE`.

The exponent between two sizes is log(t2 / t1) / log(n2 / n1): 1 grows like the organization,
2 like its pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import itertools
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from graph_queries import commands
from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import execution_report
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.metrics import cross_group_loads
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE, leader_graph, silo_bottlenecks
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import LeaderLevel, OrgSnapshot, Tie
from graph_queries.stores.sqlite_store import SqliteStore

DEFAULT_LEADERS = (1_000, 10_000, 100_000)
AS_OF = date(2026, 1, 1)  # the generator's default "today"
BASELINE_SOURCES = 100
ACCURACY_LIMIT = 20_000
ACCURACY_SEEDS = (42, 1, 2)
ANALYSES = ("silo_bottlenecks", "execution_report", "conflict_hotspots", "executive_factions")
COSTS = ("generate", "import", "load", *ANALYSES, "networkx_betweenness")
MIB = 1024 * 1024


def wall(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure_one(leaders: int, repeat: int, networkx_cap: int, accuracy: bool) -> dict[str, Any]:
    """Every figure for one size, in this interpreter."""
    figures: dict[str, Any] = {"leaders": leaders}

    def say(text: str) -> None:
        print(f"  [{leaders:,}] {text}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    snapshot = generate_organization(leaders=leaders)
    figures["generate"] = time.perf_counter() - started
    figures["counts"] = {kind.value: count for kind, count in snapshot.counts().items()}
    say(f"generated in {figures['generate']:.2f} s; importing")

    async def store_round_trip(folder: str) -> tuple[float, float, Any]:
        store = SqliteStore(Path(folder) / "unsilo.sqlite3")
        await store.migrate()
        try:
            begun = time.perf_counter()
            await commands.import_organization(store, ANONYMOUS, snapshot, replace=False)
            imported = time.perf_counter() - begun
            begun = time.perf_counter()
            stored = await store.snapshot(ANONYMOUS, snapshot.organization.id)
            graphs = build_graphs(stored)
            return imported, time.perf_counter() - begun, graphs
        finally:
            await store.close()

    with tempfile.TemporaryDirectory() as folder:
        figures["import"], figures["load"], graphs = asyncio.run(store_round_trip(folder))
    say(f"imported in {figures['import']:.2f} s, loaded in {figures['load']:.2f} s")

    runs: dict[str, Callable[[], object]] = {
        "silo_bottlenecks": lambda: silo_bottlenecks(graphs),
        "execution_report": lambda: execution_report(graphs, AS_OF),
        "conflict_hotspots": lambda: conflict_hotspots(graphs, as_of=AS_OF),
        "executive_factions": lambda: executive_factions(graphs),
    }
    figures["rss_before_analyses"] = resident_bytes()
    cold: dict[str, float] = {}
    for name, run in runs.items():
        say(f"{name} (cold)")
        cold[name] = wall(run)
    for name, run in runs.items():
        say(f"{name} x{repeat}")
        figures[name] = statistics.median(wall(run) for _ in range(repeat))
    figures["compile"] = cold["silo_bottlenecks"] - figures["silo_bottlenecks"]
    figures["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    report = silo_bottlenecks(graphs)
    figures["path_counting"] = {
        "exact": report.path_counting.exact,
        "leader_sources": report.path_counting.leader_sources,
        "unit_sources": report.path_counting.unit_sources,
        "units": report.path_counting.units,
    }

    people = leader_graph(graphs)
    figures["tied_pairs"] = people.number_of_edges()
    if leaders <= networkx_cap:
        say("networkx betweenness (exact)")
        figures["networkx_betweenness"] = wall(lambda: nx.betweenness_centrality(people))
        figures["networkx_extrapolated"] = False
    else:
        say(f"networkx betweenness ({BASELINE_SOURCES} sources, scaled)")
        part = wall(lambda: nx.betweenness_centrality(people, k=BASELINE_SOURCES, seed=42))
        figures["networkx_betweenness"] = part * leaders / BASELINE_SOURCES
        figures["networkx_extrapolated"] = True

    if accuracy and leaders <= ACCURACY_LIMIT and leaders > DEFAULT_PATH_SAMPLE:
        say("exact cross-unit loads, for the accuracy of the sample")
        unit_of = dict(people.nodes(data="unit"))
        exact = cross_group_loads(people, unit_of)
        top = _top_brokers(exact)
        figures["accuracy"] = {
            str(seed): len(
                top
                & _top_brokers(
                    cross_group_loads(people, unit_of, sample=DEFAULT_PATH_SAMPLE, seed=seed)
                )
            )
            / len(top)
            for seed in ACCURACY_SEEDS
        }
    return figures


def measure_stress(conflicts: int, executives: int) -> dict[str, Any]:
    """Conflict hotspots over many conflicts, executive factions over a large top team."""
    base = generate_organization(leaders=10_000)
    copies = [
        dataclasses.replace(conflict, id=f"{conflict.id}-{i}")
        for i in range(math.ceil(conflicts / max(len(base.conflicts), 1)))
        for conflict in base.conflicts.values()
    ][:conflicts]
    print(f"  [stress] {len(copies):,} conflicts", file=sys.stderr, flush=True)
    many = OrgSnapshot.of(
        base.organization,
        [*base.units.values(), *base.leaders.values(), *base.ties.values(), *copies],
    )
    figures: dict[str, Any] = {"conflicts": len(copies), "executives": executives}
    started = time.perf_counter()
    graphs = build_graphs(many)
    figures["conflict_graphs"] = time.perf_counter() - started
    figures["conflict_hotspots"] = wall(lambda: conflict_hotspots(graphs, as_of=AS_OF))
    del graphs, many, copies

    print(f"  [stress] a top team of {executives:,}", file=sys.stderr, flush=True)
    chosen = sorted(base.leaders)[:executives]
    promoted = [
        dataclasses.replace(base.leaders[leader], level=LeaderLevel.EXECUTIVE) for leader in chosen
    ]
    draw = random.Random(11)
    ties = [
        Tie(f"xt-{i}-{j}", chosen[i], chosen[j], strength=0.5)
        for i in range(len(chosen))
        for j in range(i + 1, len(chosen))
        if draw.random() < (0.1 if i % 4 == j % 4 else 0.005)
    ]
    top_team = OrgSnapshot.of(
        base.organization,
        [*base.units.values(), *base.leaders.values(), *promoted, *base.ties.values(), *ties],
    )
    graphs = build_graphs(top_team)
    figures["executive_ties"] = len(ties)
    figures["executive_factions"] = wall(lambda: executive_factions(graphs))
    return figures


def _top_brokers(loads: dict[str, Any], count: int = 20) -> set[str]:
    ranked = sorted(loads.items(), key=lambda item: (-item[1].paths, item[0]))
    return {leader for leader, _ in ranked[:count]}


# ---- the parent: one interpreter per size, then the table ----------------------------------------


def run_sizes(args: argparse.Namespace) -> list[dict[str, Any]]:
    results = []
    for leaders in args.leaders:
        print(f"measuring {leaders:,} leaders ...", file=sys.stderr, flush=True)
        command = [
            sys.executable,
            "-m",
            "bench.bench_scale",
            "--one",
            str(leaders),
            "--repeat",
            str(args.repeat),
            "--networkx-cap",
            str(args.networkx_cap),
        ] + (["--accuracy"] if args.accuracy else [])
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout))
    return results


def run_stress(args: argparse.Namespace) -> dict[str, Any]:
    print("measuring the stress figures ...", file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "bench.bench_scale", "--one-stress"]
    command += ["--conflicts", str(args.conflicts), "--executives", str(args.executives)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def print_stress(figures: dict[str, Any]) -> None:
    print(
        f"conflict_hotspots over {figures['conflicts']:,} conflicts: "
        f"{seconds(figures['conflict_hotspots'])} (build_graphs before it: "
        f"{seconds(figures['conflict_graphs'])})"
    )
    print(
        f"executive_factions for {figures['executives']:,} executives "
        f"({figures['executive_ties']:,} ties among them): "
        f"{seconds(figures['executive_factions'])}"
    )


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    header = ["cost"] + [f"{r['leaders']:,} leaders" for r in results]
    header += [
        f"exp {a['leaders'] // 1000}k-{b['leaders'] // 1000}k"
        for a, b in itertools.pairwise(results)
    ]
    rows = [header]
    for cost in COSTS:
        row = [cost]
        for r in results:
            text = seconds(r[cost])
            if cost == "networkx_betweenness" and r["networkx_extrapolated"]:
                text = "~" + text
            row.append(text)
        for a, b in itertools.pairwise(results):
            row.append(f"{math.log(b[cost] / a[cost]) / math.log(b['leaders'] / a['leaders']):.2f}")
        rows.append(row)
    rows.append(
        ["silo ratio to networkx"]
        + [f"{r['networkx_betweenness'] / r['silo_bottlenecks']:.0f}x" for r in results]
    )
    rows.append(
        ["first silo run: compile/load kernels"]
        + [seconds(max(r["compile"], 0.0)) for r in results]
    )
    rows.append(["peak RSS (process)"] + [f"{r['peak_rss'] / MIB:.0f} MiB" for r in results])
    rows.append(
        ["RSS before analyses"] + [f"{r['rss_before_analyses'] / MIB:.0f} MiB" for r in results]
    )
    rows.append(["tied leader pairs"] + [f"{r['tied_pairs']:,}" for r in results])
    rows.append(["paths counted from"] + [_counting_text(r["path_counting"]) for r in results])
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    for r in results:
        if "accuracy" in r:
            kept = ", ".join(f"seed {seed}: {share:.0%}" for seed, share in r["accuracy"].items())
            print(
                f"{r['leaders']:,} leaders: the sample of {DEFAULT_PATH_SAMPLE:,} path starts "
                f"keeps of the exact top 20 brokers: {kept}"
            )


def _counting_text(counting: dict[str, Any]) -> str:
    if counting["exact"]:
        return "all (exact)"
    return (
        f"{counting['leader_sources']:,} leaders, "
        f"{counting['unit_sources']:,}/{counting['units']:,} units"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--leaders", type=int, nargs="+", default=list(DEFAULT_LEADERS))
    parser.add_argument("--repeat", type=int, default=1, help="warm runs per analysis (median)")
    parser.add_argument(
        "--networkx-cap", type=int, default=2_000, help="largest size networkx runs exactly"
    )
    parser.add_argument("--accuracy", action="store_true", help="compare the sample with exact")
    parser.add_argument("--conflicts", type=int, default=1_000_000)
    parser.add_argument("--executives", type=int, default=500)
    parser.add_argument("--no-stress", action="store_true", help="skip the stress figures")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-stress", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure_one(args.one, args.repeat, args.networkx_cap, args.accuracy)))
        return 0
    if args.one_stress:
        print(json.dumps(measure_stress(args.conflicts, args.executives)))
        return 0
    print_table(run_sizes(args))
    if not args.no_stress:
        print_stress(run_stress(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
