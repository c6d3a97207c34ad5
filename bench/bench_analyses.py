"""Analysis speed and Python memory against plain networkx betweenness, and how the service
answers /healthz while an analysis computes.

Run from the repository root::

    .venv/bin/python -m bench.bench_analyses              # generated 300 and 1000 leaders
    .venv/bin/python -m bench.bench_analyses --email      # and email-Eu-core (~3 min more)

Part 1, the analyses, for each organization (generated ones of `--leaders` sizes, and with
`--email` email-Eu-core read through the project's CSV import), each timed `--repeat` times in
rounds (one run of everything per round) with the median printed:

- `build_graphs`: the snapshot turned into the networkx graphs every analysis reads;
- `silo_bottlenecks`, `conflict_hotspots` (at the fixed `--as-of` date), `executive_factions`
  and `execution_report` (at the same date) on those graphs, with their default arguments.

The baseline, run in the same rounds: plain `networkx.betweenness_centrality` (unweighted,
normalized) on the simple leader collaboration graph (`silos.leader_graph`, the graph the silo
analysis works on, built before the clock starts). Shortest-path betweenness over every leader is
the kernel floor of the silo analysis: its cross-unit betweenness alone takes one breadth-first
search per leader, as this does. The ratio is analysis / baseline.

Peak memory is what tracemalloc sees (Python allocations only) during one traced run of
`silo_bottlenecks` and one of the baseline, after the timed rounds (tracemalloc slows both 2-4x,
so they are not timed; the peak of these deterministic computations differs by well under 1%
between runs).

Part 2, responsiveness (`--serve-leaders`, default 1000; 0 skips it): a generated organization is
imported into a temporary SQLite store and the app (`service.app.create_app`) is served by
uvicorn on a loopback port (`tests.live.serve`). Each of `--repeat` rounds starts two fresh
servers (so an empty analysis cache), each warmed by one unmeasured /healthz:

- probed: `--probes` sequential GET /healthz while idle; then one `executionReport` GraphQL
  request (cold: snapshot, graphs and the analyses) sent from another thread, while the main
  thread keeps probing /healthz until it returns; then the same request again (cached);
- quiet: the cold `executionReport` with nothing else going on, then the cached one. The probes
  take CPU and the GIL from the analysis, so the cold time while probed is longer.

Latencies are pooled over the rounds (median, nearest-rank p95 and p99, max); request times are the
median over the rounds. The probe client, the server and its analysis threads share one process
and one GIL, as in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import networkx as nx

from bench.bench_stores import MIB, median, runs_text, seconds_text, timed_sync, traced
from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import execution_report
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import leader_graph, silo_bottlenecks
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import EntityKind, OrgSnapshot
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.graphql_app import request_context
from service.settings import Settings
from tests.live import LiveServer, serve

DEFAULT_LEADERS = (300, 1_000)
DEFAULT_SERVE_LEADERS = 1_000
DEFAULT_PROBES = 50
AS_OF = date(2026, 1, 1)  # the generator's default "today"
BASELINE = "betweenness_centrality"

REPORT_QUERY = """query($id: ID!, $asOf: Date) { organization(id: $id) {
  executionReport(asOf: $asOf) { __typename
    ... on ExecutionReportAnalysis { graphVersion computedAt report { asOf headlines
      bottlenecks { id score } hotspots { unitA unitB } factionVerdict } } } } }"""


# ---- part 1: the analyses ------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    name: str
    snapshot: OrgSnapshot

    def describe(self, people: nx.Graph) -> str:
        counts = self.snapshot.counts()
        parts = [
            f"{counts[EntityKind.UNIT]} units",
            f"{counts[EntityKind.LEADER]} leaders",
            f"{counts[EntityKind.TIE]} ties ({people.number_of_edges()} tied pairs)",
            f"{counts[EntityKind.DEPENDENCY]} dependencies",
            f"{counts[EntityKind.CONFLICT]} conflicts",
        ]
        return f"{self.name}: {', '.join(parts)}"


@dataclass
class Figure:
    """One operation on one organization: times in seconds, peaks in bytes (None: not traced)."""

    workload: str
    operation: str
    times: list[float]
    baseline: list[float]
    peak: int | None = None
    baseline_peak: int | None = None


def analyses(graphs: OrgGraphs, as_of: date) -> dict[str, Callable[[], object]]:
    return {
        "silo_bottlenecks": lambda: silo_bottlenecks(graphs),
        "conflict_hotspots": lambda: conflict_hotspots(graphs, as_of=as_of),
        "executive_factions": lambda: executive_factions(graphs),
        "execution_report": lambda: execution_report(graphs, as_of),
    }


def measure_analyses(workload: Workload, repeat: int, as_of: date) -> list[Figure]:
    snapshot = workload.snapshot
    graphs = build_graphs(snapshot)
    people = leader_graph(graphs)
    print(workload.describe(people), flush=True)

    def baseline() -> object:
        return nx.betweenness_centrality(people)

    work: dict[str, Callable[[], object]] = {
        BASELINE: baseline,
        "build_graphs": lambda: build_graphs(snapshot),
        **analyses(graphs, as_of),
    }
    times: dict[str, list[float]] = {name: [] for name in work}
    for round_ in range(repeat):
        started = time.perf_counter()
        for name, run in work.items():
            times[name].append(timed_sync(run)[0])
        print(f"  round {round_ + 1}/{repeat}: {time.perf_counter() - started:.1f} s", flush=True)
    with traced() as silo_peak:
        silo_bottlenecks(graphs)
    with traced() as baseline_peak:
        baseline()
    peaks = {BASELINE: baseline_peak[0], "silo_bottlenecks": silo_peak[0]}
    return [
        Figure(
            workload.name,
            f"{name} (baseline)" if name == BASELINE else name,
            times[name],
            times[BASELINE],
            peaks.get(name),
            baseline_peak[0] if name in peaks else None,
        )
        for name in work
    ]


# ---- part 2: responsiveness ----------------------------------------------------------------------


@dataclass
class Served:
    """What two fresh servers gave, in seconds: `idle` and `during` the /healthz probes before
    and during the probed cold request (`probed`); `cold` and `cached` the requests alone."""

    idle: list[float]
    during: list[float]
    probed: float
    cold: float
    cached: list[float]


def import_organization(snapshot: OrgSnapshot, path: Path) -> None:
    async def write() -> None:
        store = SqliteStore(path)
        try:
            await store.replace_organization(ANONYMOUS, snapshot, 0)
        finally:
            await store.close()

    asyncio.run(write())


def probe(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"/healthz answered {response.status_code}: {response.text}")
    return elapsed


def report_request(client: httpx.Client, url: str, organization_id: str, as_of: date) -> Any:
    variables = {"id": organization_id, "asOf": as_of.isoformat()}
    response = client.post(f"{url}/graphql", json={"query": REPORT_QUERY, "variables": variables})
    body = response.json()
    if "errors" in body:
        raise RuntimeError(f"executionReport failed: {body['errors']}")
    result = body["data"]["organization"]["executionReport"]
    if result["__typename"] != "ExecutionReportAnalysis":
        raise RuntimeError(f"executionReport answered {result}")
    return result


@dataclass(frozen=True)
class Target:
    path: Path  # the SQLite store holding the organization
    organization_id: str
    as_of: date

    def report(self, client: httpx.Client, url: str) -> tuple[float, Any]:
        """(seconds, result) of one executionReport request."""
        return timed_sync(lambda: report_request(client, url, self.organization_id, self.as_of))

    @contextmanager
    def served(self) -> Iterator[LiveServer]:
        """A fresh server (an empty analysis cache) on the store, warmed by one /healthz."""
        settings = Settings(mode="production", store=f"sqlite:{self.path}")
        # The anonymous developer as caller: production would otherwise ask for credentials.
        app = create_app(settings, lambda: SqliteStore(self.path), request_context)
        with serve(app) as server:
            probe(server.client, f"{server.url}/healthz")
            yield server


def probed_server(target: Target, probes: int) -> tuple[list[float], list[float], float, float]:
    """Idle /healthz probes, then probes while a cold executionReport computes in another
    thread, then the same request (cached): (idle, during, cold seconds, cached seconds)."""
    with target.served() as server:
        healthz = f"{server.url}/healthz"
        idle = [probe(server.client, healthz) for _ in range(probes)]
        cold: list[tuple[float, Any]] = []
        failed: list[BaseException] = []

        def request() -> None:
            try:
                with httpx.Client(timeout=600) as client:
                    cold.append(target.report(client, server.url))
            except BaseException as error:  # raised again by the main thread
                failed.append(error)

        worker = threading.Thread(target=request, name="cold-report")
        worker.start()
        during: list[float] = []
        while worker.is_alive():
            during.append(probe(server.client, healthz))
        worker.join()
        if failed:
            raise failed[0]
        cached_seconds, cached = target.report(server.client, server.url)
        if cached["computedAt"] != cold[0][1]["computedAt"]:
            raise RuntimeError("the second executionReport was computed again, not cached")
    return idle, during, cold[0][0], cached_seconds


def quiet_server(target: Target) -> tuple[float, float]:
    """A cold executionReport with nothing else going on, then the cached one: seconds."""
    with target.served() as server:
        cold_seconds, cold = target.report(server.client, server.url)
        cached_seconds, cached = target.report(server.client, server.url)
        if cached["computedAt"] != cold["computedAt"]:
            raise RuntimeError("the second executionReport was computed again, not cached")
    return cold_seconds, cached_seconds


def measure_responsiveness(
    leaders: int, repeat: int, probes: int, as_of: date, folder: Path
) -> list[Served]:
    organization_id = f"gen-{leaders}"
    snapshot = generate_organization(leaders=leaders, organization_id=organization_id)
    target = Target(folder / "served.sqlite3", organization_id, as_of)
    import_organization(snapshot, target.path)
    print(f"served: generated-{leaders} in a SQLite store, {repeat} x 2 fresh servers", flush=True)
    found = []
    for number in range(repeat):
        idle, during, probed, probed_cached = probed_server(target, probes)
        cold, cached = quiet_server(target)
        print(
            f"  round {number + 1}/{repeat}: cold executionReport {seconds_text(cold)} alone, "
            f"{seconds_text(probed)} with {len(during)} /healthz probes meanwhile",
            flush=True,
        )
        found.append(Served(idle, during, probed, cold, [probed_cached, cached]))
    return found


# ---- output --------------------------------------------------------------------------------------


def ratio_text(value: float, base: float) -> str:
    if base <= 0:
        return "-"
    ratio = value / base
    if ratio >= 0.95 or ratio == 0:
        return f"{ratio:.1f}x"
    # Two significant digits, never in exponent notation: 0.15x, 0.0045x, 0.000045x.
    return f"{ratio:.{max(2, 1 - math.floor(math.log10(ratio)))}f}x"


def quantile(values: Sequence[float], q: float) -> float:
    """Nearest rank: the smallest value with at least a share q of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def aligned(lines: list[tuple[str, ...]], left: int) -> str:
    """A table: the first `left` columns left-aligned, the rest right-aligned."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if column < left else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        text.append("  ".join(cells).rstrip())
        if number == 0:
            text.append("  ".join("-" * width for width in widths))
    return "\n".join(text)


def analyses_table(figures: Sequence[Figure]) -> str:
    header = (
        "organization",
        "operation",
        "median",
        "runs",
        "baseline",
        "ratio",
        "peak MiB",
        "base MiB",
        "mem ratio",
    )
    lines: list[tuple[str, ...]] = [header]
    for f in figures:
        value, base = median(f.times), median(f.baseline)
        memory: tuple[str, str, str] = ("", "", "")
        if f.peak is not None and f.baseline_peak is not None:
            memory = (
                f"{f.peak / MIB:.2f}",
                f"{f.baseline_peak / MIB:.2f}",
                ratio_text(f.peak, f.baseline_peak),
            )
        lines.append(
            (
                f.workload,
                f.operation,
                seconds_text(value),
                runs_text(f.times),
                seconds_text(base),
                ratio_text(value, base),
                *memory,
            )
        )
    return aligned(lines, 2)


def responsiveness_table(found: Sequence[Served]) -> str:
    """Latencies pooled over all servers (median, p95, max); request times over the rounds."""
    idle = [s for served in found for s in served.idle]
    during = [s for served in found for s in served.during]
    cold = [served.cold for served in found]
    probed = [served.probed for served in found]
    cached = [s for served in found for s in served.cached]

    def row(label: str, values: Sequence[float], spread: bool, ratio: str) -> tuple[str, ...]:
        p95 = seconds_text(quantile(values, 0.95)) if spread else ""
        p99 = seconds_text(quantile(values, 0.99)) if spread else ""
        middle, top = seconds_text(median(values)), seconds_text(max(values))
        return (label, middle, p95, p99, top, str(len(values)), ratio)

    return aligned(
        [
            ("measure", "median", "p95", "p99", "max", "n", "ratio"),
            row("/healthz idle", idle, True, ""),
            row(
                "/healthz during cold executionReport",
                during,
                True,
                f"during / idle: {ratio_text(median(during), median(idle))} median, "
                f"{ratio_text(quantile(during, 0.95), quantile(idle, 0.95))} p95, "
                f"p99 {seconds_text(quantile(during, 0.99) - quantile(idle, 0.99))} above idle",
            ),
            row("executionReport cold, alone", cold, False, ""),
            row(
                "executionReport cold, while probed",
                probed,
                False,
                f"probed / alone: {ratio_text(median(probed), median(cold))}",
            ),
            row(
                "executionReport cached",
                cached,
                False,
                f"cold alone / cached: {ratio_text(median(cold), median(cached))}",
            ),
        ],
        1,
    )


# ---- main ----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_analyses", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--leaders",
        type=int,
        nargs="*",
        default=list(DEFAULT_LEADERS),
        help="sizes of the generated organizations (default: 300 1000; none: skip them)",
    )
    parser.add_argument(
        "--email", action="store_true", help="also email-Eu-core (~40 s per round and ~70 s traced)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=AS_OF,
        help=f"the date of conflict_hotspots and execution_report (default {AS_OF})",
    )
    parser.add_argument(
        "--serve-leaders",
        type=int,
        default=DEFAULT_SERVE_LEADERS,
        help="leaders of the organization served for the responsiveness part (0: skip it)",
    )
    parser.add_argument(
        "--probes", type=int, default=DEFAULT_PROBES, help="idle /healthz probes per server"
    )
    return parser.parse_args(argv)


def workloads(args: argparse.Namespace, folder: Path) -> list[Workload]:
    found = [
        Workload(f"generated-{n}", generate_organization(leaders=n, organization_id=f"gen-{n}"))
        for n in args.leaders
    ]
    if args.email:
        from tests.realdata import email_eu_core

        found.append(Workload("email-Eu-core", email_eu_core(folder / "email-eu-core")))
    return found


def measure_all(args: argparse.Namespace, folder: Path) -> list[Figure]:
    figures: list[Figure] = []
    for workload in workloads(args, folder):
        figures += measure_analyses(workload, args.repeat, args.as_of)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.repeat < 1 or args.probes < 1 or args.serve_leaders < 0:
        print(
            "--repeat and --probes must be at least 1, --serve-leaders 0 or more", file=sys.stderr
        )
        return 2
    print(
        f"Python {platform.python_version()}, networkx {nx.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; median of {args.repeat} runs; as of {args.as_of}",
        flush=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="unsilo-bench-") as name:
        folder = Path(name)
        figures = measure_all(args, folder)
        gc.collect()  # the organizations measured are gone before the server starts
        served: list[Served] = []
        if args.serve_leaders:
            served = measure_responsiveness(
                args.serve_leaders, args.repeat, args.probes, args.as_of, folder
            )
    if figures:
        print()
        print(analyses_table(figures))
    if served:
        print()
        print(f"responsiveness (generated-{args.serve_leaders}, SQLite store):")
        print(responsiveness_table(served))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
