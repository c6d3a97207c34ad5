"""What tracing costs a request: the service with tracing off against the same service tracing
every request, in the same process and the same run.

Run from the repository root::

    .venv/bin/python -m bench.bench_tracing                  # ~2 min
    .venv/bin/python -m bench.bench_tracing --rounds 10 --requests 1000

A generated organization (`generate_organization(leaders=--leaders)`) is imported into a
temporary SQLite store. Three apps of `service.app.create_app` over it run in this process, in
one event loop, each with its lifespan started (development mode, no rate limit, no response
cache, so that every analysis request goes through the runner and its cache):

- off: no tracer provider and no endpoint: tracing off, as by default (the baseline);
- on: an SDK tracer provider sampling every trace, its spans batched (`BatchSpanProcessor`, as
  with an OTLP endpoint) to an exporter that counts and drops them: the cost of making, ending
  and handing over the spans, without the network;
- unsampled: the same with the `always_off` sampler (OTEL_TRACES_SAMPLER=always_off): what a
  request pays when its trace is not sampled.

The requests are ASGI calls made straight to each app (no socket, no HTTP parsing: those cost
the same with tracing on or off, so leaving them out shows the difference more sharply than a
server would), `--clients` at a time. Cases:

- organizations: `{ organizations { localId name } }` (a request span and one store call);
- page of 100: 100 leaders x 5 fields (a request span and a few store calls);
- siloBottlenecks: the analysis, computed before the clock starts, answered from the runner's
  cache (a request span, an analysis span and the store's graph version read);
- /healthz: the request span alone.

Each round sends `--requests` requests of each case to each app in turn (in a turning order),
after `--warmup` unmeasured ones, so that whatever else loads the machine falls on the three
alike. What is compared is the CPU time this process spends a request (`time.process_time`, all
its threads: the span exporter's too), which other work on the machine disturbs far less than
wall time. Columns: `req/s`, the median over the rounds of requests answered per wall second
(shown, not compared); `CPU us/req`, the median CPU microseconds a request; `/off`, the median
over the rounds of the baseline's CPU time a request over the app's in the same round, i.e. its
requests per CPU-second relative to tracing off; `+us`, the median CPU microseconds tracing
adds to a request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON
from starlette.applications import Starlette

from bench.bench_analyses import aligned, import_organization, ratio_text
from bench.bench_http import ORGANIZATIONS, PAGE, Case
from bench.bench_stores import median
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import FIRST_GENERATION, create_app
from service.settings import Settings

OFF, ON, UNSAMPLED = "off", "on", "unsampled"
KINDS = (OFF, ON, UNSAMPLED)
SILOS = """query Silos($id: ID!) { organization(id: $id) {
  siloBottlenecks { __typename ... on SiloBottlenecksAnalysis { graphVersion } } } }"""
# (case, app): (requests a wall second, CPU seconds a request) of each round.
Found = dict[tuple[str, str], list[tuple[float, float]]]
CASES = (
    Case("organizations", "/graphql", ORGANIZATIONS),
    Case("page of 100 x 5", "/graphql", PAGE),
    Case("siloBottlenecks", "/graphql", SILOS),
    Case("/healthz", "/healthz"),
)


class Counting(SpanExporter):
    """Counts the spans it is handed and drops them."""

    def __init__(self) -> None:
        self.spans = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.spans += len(spans)
        return SpanExportResult.SUCCESS


def tracing_app(kind: str, store: Path, exporter: Counting) -> tuple[Starlette, Any]:
    provider = None
    if kind != OFF:
        provider = TracerProvider(sampler=ALWAYS_OFF if kind == UNSAMPLED else ALWAYS_ON)
        provider.add_span_processor(BatchSpanProcessor(exporter))
    settings = Settings(rate_limit=0, response_cache_mb=0, log_level="WARNING")
    return create_app(settings, lambda: SqliteStore(store), tracer_provider=provider), provider


async def call(app: Starlette, case: Case, body: bytes | None) -> tuple[int, bytes]:
    """One request as uvicorn hands it to the app; its status and body."""
    headers = [(b"host", b"127.0.0.1")]
    if body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET" if body is None else "POST",
        "scheme": "http",
        "path": case.path,
        "raw_path": case.path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    delivered = False
    closed = asyncio.Event()  # the client stays until the answer is in
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body or b"", "more_body": False}
        await closed.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    closed.set()
    return status, b"".join(chunks)


async def drive(
    app: Starlette, case: Case, body: bytes | None, clients: int, n: int
) -> tuple[float, float]:
    """`n` requests, `clients` at a time: the wall seconds they took, and the CPU seconds this
    process spent meanwhile (every thread: the store's, the runner's, the span exporter's)."""
    remaining = n

    async def client() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            status, answer = await call(app, case, body)
            if status != 200 or b'"errors"' in answer:
                raise RuntimeError(f"{case.name} answered {status}: {answer[:300]!r}")

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - started, time.process_time() - cpu


async def measure(args: argparse.Namespace, store: Path, organization_id: str) -> str:
    exporters = {kind: Counting() for kind in KINDS}
    found: Found = {}
    async with contextlib.AsyncExitStack() as stack:
        apps = {}
        for kind in KINDS:
            app, provider = tracing_app(kind, store, exporters[kind])
            await stack.enter_async_context(app.router.lifespan_context(app))
            if provider is not None:
                stack.callback(provider.shutdown)
            apps[kind] = app
        bodies = {case.name: case.body(organization_id) for case in CASES}
        for case in CASES:  # the same answers from each, and the analyses computed
            answers = {
                kind: json.loads((await call(app, case, bodies[case.name]))[1])
                for kind, app in apps.items()
            }
            if answers[ON] != answers[OFF] or answers[UNSAMPLED] != answers[OFF]:
                raise RuntimeError(f"the apps answer {case.name} differently")
        # As a serving process does once loaded (service.app.app_from_environment).
        gc.collect()
        gc.freeze()
        gc.set_threshold(FIRST_GENERATION, *gc.get_threshold()[1:])
        for number in range(args.rounds):
            # The order turns each round, so that a drift in the machine's load favours none.
            order = KINDS[number % len(KINDS) :] + KINDS[: number % len(KINDS)]
            for case in CASES:
                for kind in order:
                    app, body = apps[kind], bodies[case.name]
                    await drive(app, case, body, args.clients, args.warmup)
                    wall, cpu = await drive(app, case, body, args.clients, args.requests)
                    found.setdefault((case.name, kind), []).append(
                        (args.requests / wall, cpu / args.requests)
                    )
            print(f"round {number + 1}/{args.rounds}", flush=True)
    if exporters[ON].spans == 0 or exporters[OFF].spans or exporters[UNSAMPLED].spans:
        raise RuntimeError(f"unexpected spans: { {k: e.spans for k, e in exporters.items()} }")
    print(f"spans exported with tracing on: {exporters[ON].spans}")
    return table(found)


def table(found: Found) -> str:
    """Per case and app: the median wall rate and CPU time a request, then, against the baseline
    in the same round (median over the rounds), the CPU time's ratio as a rate (1.0x: no cost;
    0.5x: half as many requests a CPU-second) and the CPU microseconds added to a request."""
    lines: list[tuple[str, ...]] = [("case", "tracing", "req/s", "CPU us/req", "/off", "+us")]
    for case in CASES:
        base = [cpu for _, cpu in found[(case.name, OFF)]]
        for kind in KINDS:
            runs = found[(case.name, kind)]
            cpus = [cpu for _, cpu in runs]
            ratio = median([off / cpu for cpu, off in zip(cpus, base, strict=True)])
            added = median([(cpu - off) * 1e6 for cpu, off in zip(cpus, base, strict=True)])
            lines.append(
                (
                    case.name,
                    kind,
                    f"{median([rate for rate, _ in runs]):.0f}",
                    f"{median(cpus) * 1e6:.0f}",
                    "" if kind == OFF else ratio_text(ratio, 1.0),
                    "" if kind == OFF else f"{added:+.0f}",
                )
            )
    return aligned(lines, 2)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_tracing", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--leaders", type=int, default=1000, help="size of the organization")
    parser.add_argument("--clients", type=int, default=16, help="requests at a time")
    parser.add_argument("--requests", type=int, default=500, help="measured requests a round")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured requests before")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over every case and app")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if min(args.clients, args.requests, args.rounds) < 1:
        print("--clients, --requests and --rounds must be at least 1", file=sys.stderr)
        return 2
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
        f"generated-{args.leaders}, {args.clients} clients, {args.requests} requests a round",
        flush=True,
    )
    started = time.perf_counter()
    organization_id = f"gen-{args.leaders}"
    with tempfile.TemporaryDirectory(prefix="unsilo-bench-tracing-") as name:
        store = Path(name) / "served.sqlite3"
        snapshot = generate_organization(leaders=args.leaders, organization_id=organization_id)
        import_organization(snapshot, store)
        result = asyncio.run(measure(args, store, organization_id))
    print()
    print(result)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
