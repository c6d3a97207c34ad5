"""GraphQL serving speed over HTTP against two baselines serving the same JSON, in the same run.

Run from the repository root::

    .venv/bin/python -m bench.bench_http                     # ~3 min
    .venv/bin/python -m bench.bench_http --workers 2         # the service with 2 uvicorn workers

A generated organization (`generate_organization(leaders=--leaders)`) is imported into a
temporary SQLite store. Three servers are started, each in a process of its own on a free
loopback port, with uvicorn:

- unsilo: the service (`unsilo serve` through `service.cli.main`, production mode), with
  `--workers` workers;
- plain: a starlette app whose endpoints return, through `JSONResponse`, the very JSON the
  service answered for each case (fetched from it first): the floor of the same web stack;
- strawberry: a minimal strawberry app serving the same objects from memory (the organization
  and its leaders from the generator, the analysis results computed once at start-up), with the
  same GraphQL types and field names, so the same query gives the same JSON; its answers are
  checked against the service's.

Cases, each sent to each server by `--clients` concurrent keep-alive connections until
`--requests` requests have been answered (after `--warmup` unmeasured ones):

- organizations: `{ organizations { localId name } }`;
- page of 100: 100 leaders x 5 fields (`leaders(first: 100) { edges { node { ... } } }`);
- executionReport cached and siloBottlenecks cached: the analyses at a fixed date, computed by
  the first (unmeasured) request, so every measured request is answered from the caches;
- /healthz (no strawberry baseline).

With `--paced R`, each case is also sent by the most `--clients` connections at R requests a
second in all (each request at its turn of the schedule, its latency counted from that turn):
the latency a client sees when the server is not saturated. Closed-loop, a saturated server's
median latency is about clients / throughput whatever it does (50 clients at 2,000 requests a
second wait 25 ms), so the latency targets are read from the paced rows.

The client is a minimal HTTP/1.1 client on asyncio streams (a prepared request, a response read
by its content length, the status checked), in the benchmark's own process: much cheaper per
request than the servers, so that on a 2-CPU machine it does not set the figures. Columns:
`req/s` (answered requests / wall time), latency `median`, `p95`, `p99` (nearest rank), and
the ratio of the service's throughput to each baseline's (`/plain`, `/strawberry`; 0.5x means
half the requests per second).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench.bench_analyses import aligned, import_organization, quantile, ratio_text
from bench.bench_stores import median, seconds_text
from graph_queries.generator import generate_organization

AS_OF = date(2026, 1, 1)  # the generator's default "today"
DEFAULT_CLIENTS = (16, 50)
UNSILO, PLAIN, STRAWBERRY = "unsilo", "plain", "strawberry"

ORGANIZATIONS = "{ organizations { localId name } }"
PAGE = """query Page($id: ID!) { organization(id: $id) { leaders(first: 100) {
  edges { node { localId name title level unitId } } } } }"""
REPORT = """query Report($id: ID!, $asOf: Date) { organization(id: $id) {
  executionReport(asOf: $asOf) { __typename
    ... on ExecutionReportAnalysis { graphVersion computedAt report {
      asOf headlines factionVerdict factionReason emptyReason
      bottlenecks { kind id name score reason }
      hotspots { unitA unitB unitAName unitBName reason figures { score } }
      outcomeMix { n pValue differs verdict outcomes { status observed benchmarkShare } }
      reliability { overall { dependencies reliable share } byDivision { scope share } }
      alignmentTrap { unit name signal reason } } } } } }"""
SILOS = """query Silos($id: ID!) { organization(id: $id) {
  siloBottlenecks { __typename
    ... on SiloBottlenecksAnalysis { graphVersion computedAt report { scope emptyReason
      bottlenecks { kind id name score reason }
      units { unitId name leaders eiIndex insularity partnerUnits betweenness articulationPoint }
      bridges { leaderA leaderB unitA unitB } } } } } }"""


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    query: str | None = None  # a GraphQL POST; None: a GET of `path`

    def body(self, organization_id: str) -> bytes | None:
        if self.query is None:
            return None
        variables: dict[str, Any] = {"id": organization_id}
        if "$asOf" in self.query:
            variables["asOf"] = AS_OF.isoformat()
        if "$id" not in self.query:
            variables = {}
        return json.dumps({"query": self.query, "variables": variables}).encode()


CASES = (
    Case("organizations", "/graphql", ORGANIZATIONS),
    Case("page of 100 x 5", "/graphql", PAGE),
    Case("executionReport cached", "/graphql", REPORT),
    Case("siloBottlenecks cached", "/graphql", SILOS),
    Case("/healthz", "/healthz"),
)


# ---- the client ----------------------------------------------------------------------------------


def http_request(case: Case, organization_id: str, port: int) -> bytes:
    body = case.body(organization_id)
    if body is None:
        return f"GET {case.path} HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\n\r\n".encode()
    head = (
        f"POST {case.path} HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    return status, await reader.readexactly(length)


async def fetch(port: int, request: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        return await read_response(reader)
    finally:
        writer.close()


@dataclass(frozen=True)
class Load:
    """`clients` connections, each sending its next request as soon as it has the answer, or,
    with a `rate`, at its turn of a schedule of `rate` requests a second in all."""

    clients: int
    rate: float | None = None

    def __str__(self) -> str:
        return f"{self.clients} @{self.rate:.0f}/s" if self.rate else str(self.clients)


async def drive(port: int, request: bytes, load: Load, requests: int) -> tuple[float, list[float]]:
    """`requests` requests under `load`: (wall seconds, latencies). A paced request's latency
    counts from its scheduled time, so a server that falls behind shows it."""
    latencies: list[float] = []
    remaining = requests
    sent = 0
    started = time.perf_counter()

    async def client() -> None:
        nonlocal remaining, sent
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while remaining > 0:
                remaining -= 1
                now = time.perf_counter()
                if load.rate:
                    scheduled = started + sent / load.rate
                    sent += 1
                    if scheduled > now:
                        await asyncio.sleep(scheduled - now)
                    now = scheduled
                writer.write(request)
                status, body = await read_response(reader)
                latencies.append(time.perf_counter() - now)
                if status != 200:
                    raise RuntimeError(f"answered {status}: {body[:300]!r}")
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(load.clients)))
    return time.perf_counter() - started, latencies


# ---- the servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def server_process(command: list[str], port: int, environ: dict[str, str]) -> Iterator[int]:
    """A server started by `command`, once it answers on `port`; stopped by SIGINT after."""
    process = subprocess.Popen(command, env={**os.environ, **environ})
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command} ended with {process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command} did not listen on {port}") from None
                time.sleep(0.05)
        yield port
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def unsilo_server(store: Path, workers: int) -> contextlib.AbstractContextManager[int]:
    port = free_port()
    argv = ["--store", f"sqlite:{store}", "serve", "--port", str(port)]
    if workers > 1:
        argv += ["--workers", str(workers)]
    code = f"import sys; from service.cli import main; sys.exit(main({argv!r}))"
    # Development: no credentials to send (production refuses to start without a source). The
    # load comes from one address: the per-caller rate limit would refuse most of it.
    environ = {
        "UNSILO_MODE": "development",
        "UNSILO_LOG_LEVEL": "WARNING",
        "UNSILO_RATE_LIMIT": "0",
    }
    return server_process([sys.executable, "-c", code], port, environ)


def baseline_server(kind: str, fixture: Path) -> contextlib.AbstractContextManager[int]:
    port = free_port()
    command = [sys.executable, "-m", "bench.http_baselines", kind, str(fixture), str(port)]
    return server_process(command, port, {})


# ---- measuring -----------------------------------------------------------------------------------


@dataclass
class Measured:
    server: str
    case: str
    load: Load
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


def answers(port: int, organization_id: str) -> dict[str, bytes]:
    """The service's answer to each case (this also computes and caches the analyses)."""
    found = {}
    for case in CASES:
        status, body = asyncio.run(fetch(port, http_request(case, organization_id, port)))
        if status != 200 or b'"errors"' in body:
            raise RuntimeError(f"{case.name} answered {status}: {body[:500]!r}")
        found[case.name] = body
    return found


def check_same(server: str, port: int, organization_id: str, expected: dict[str, bytes]) -> None:
    """A baseline must answer the same JSON as the service, or the comparison means nothing."""
    for case in CASES:
        if server == STRAWBERRY and case.query is None:
            continue
        _, body = asyncio.run(fetch(port, http_request(case, organization_id, port)))
        if json.loads(body) != json.loads(expected[case.name]):
            raise RuntimeError(f"{server} answers {case.name} differently from the service")


def measure_case(
    server: str, port: int, case: Case, load: Load, organization_id: str, args: argparse.Namespace
) -> Measured:
    request = http_request(case, organization_id, port)
    asyncio.run(drive(port, request, Load(load.clients), args.warmup))
    seconds, latencies = asyncio.run(drive(port, request, load, args.requests))
    measured = Measured(server, case.name, load, seconds, latencies)
    print(
        f"  {case.name:24} {load!s:>9} clients {server:10}: "
        f"{measured.throughput:7.0f} req/s, median {seconds_text(median(latencies))}",
        flush=True,
    )
    return measured


def measure_round(args: argparse.Namespace, folder: Path) -> list[Measured]:
    """All three servers up at once, then each case and load on each in turn, so that the load
    others put on the machine meanwhile falls on the three alike."""
    organization_id = f"gen-{args.leaders}"
    store = folder / "served.sqlite3"
    fixture_path = folder / "fixture.json"
    found: list[Measured] = []
    with contextlib.ExitStack() as servers:
        ports = {UNSILO: servers.enter_context(unsilo_server(store, args.workers))}
        expected = answers(ports[UNSILO], organization_id)
        # Every worker answers (and caches) each case before the clock starts.
        for _ in range(args.workers * 4):
            answers(ports[UNSILO], organization_id)
        report = json.loads(expected["executionReport cached"])["data"]["organization"]
        silos = json.loads(expected["siloBottlenecks cached"])["data"]["organization"]
        fixture = {
            "leaders": args.leaders,
            "id": organization_id,
            "version": report["executionReport"]["graphVersion"],
            "report_computed_at": report["executionReport"]["computedAt"],
            "silos_computed_at": silos["siloBottlenecks"]["computedAt"],
            "answers": {
                case.query: json.loads(expected[case.name]) for case in CASES if case.query
            },
        }
        fixture_path.write_text(json.dumps(fixture))
        for server in (PLAIN, STRAWBERRY):
            ports[server] = servers.enter_context(baseline_server(server, fixture_path))
            check_same(server, ports[server], organization_id, expected)
        for case in CASES:
            for load in loads(args):
                for server, port in ports.items():
                    if server == STRAWBERRY and case.query is None:
                        continue
                    found.append(measure_case(server, port, case, load, organization_id, args))
    return found


# ---- output --------------------------------------------------------------------------------------


def table(found: Sequence[Measured]) -> str:
    """One row per case and client count: the service's figures and its ratio to each baseline
    (throughput and latencies pooled over the rounds)."""
    pooled: dict[tuple[str, str, Load], list[Measured]] = {}
    for measured in found:
        pooled.setdefault((measured.server, measured.case, measured.load), []).append(measured)

    def throughput(key: tuple[str, str, Load]) -> float | None:
        runs = pooled.get(key)
        return median([run.throughput for run in runs]) if runs else None

    header = ("case", "clients", "server", "req/s", "median", "p95", "p99", "/plain", "/strawberry")
    lines: list[tuple[str, ...]] = [header]
    for case in CASES:
        for load in dict.fromkeys(m.load for m in found):
            plain = throughput((PLAIN, case.name, load))
            berry = throughput((STRAWBERRY, case.name, load))
            for server in (UNSILO, PLAIN, STRAWBERRY):
                runs = pooled.get((server, case.name, load))
                if not runs:
                    continue
                latencies = [s for run in runs for s in run.latencies]
                rate = median([run.throughput for run in runs])
                lines.append(
                    (
                        case.name,
                        str(load),
                        server,
                        f"{rate:.0f}",
                        seconds_text(median(latencies)),
                        seconds_text(quantile(latencies, 0.95)),
                        seconds_text(quantile(latencies, 0.99)),
                        ratio_text(rate, plain) if plain and server != PLAIN else "",
                        ratio_text(rate, berry) if berry and server == UNSILO else "",
                    )
                )
    return aligned(lines, 3)


# ---- main ----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_http", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--leaders", type=int, default=1000, help="size of the organization")
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=list(DEFAULT_CLIENTS),
        help="concurrent connections (default: 16 50)",
    )
    parser.add_argument(
        "--paced",
        type=float,
        nargs="*",
        default=[],
        help="also these total rates (requests/s) spread over the most clients (default: none)",
    )
    parser.add_argument("--requests", type=int, default=1000, help="measured requests per case")
    parser.add_argument("--warmup", type=int, default=100, help="unmeasured requests before")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (fresh servers each)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the service")
    return parser.parse_args(argv)


def loads(args: argparse.Namespace) -> list[Load]:
    most = max(args.clients)
    return [Load(n) for n in args.clients] + [Load(most, rate) for rate in args.paced]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if min(args.clients) < 1 or args.requests < 1 or args.repeat < 1 or args.workers < 1:
        print("--clients, --requests, --repeat and --workers must be at least 1", file=sys.stderr)
        return 2
    if any(rate <= 0 for rate in args.paced):
        print("--paced rates must be greater than 0", file=sys.stderr)
        return 2
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
        f"generated-{args.leaders}, {args.requests} requests per case, {args.workers} worker(s)",
        flush=True,
    )
    started = time.perf_counter()
    found: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="unsilo-bench-http-") as name:
        folder = Path(name)
        snapshot = generate_organization(
            leaders=args.leaders, organization_id=f"gen-{args.leaders}"
        )
        import_organization(snapshot, folder / "served.sqlite3")
        for number in range(args.repeat):
            print(f"round {number + 1}/{args.repeat}", flush=True)
            found += measure_round(args, folder)
    print()
    print(table(found))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
