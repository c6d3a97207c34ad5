"""The hostile queries of issue 9 against a live server, with /healthz latency meanwhile.

Run from the repository root::

    .venv/bin/python -m bench.bench_limits                       # this tree (~1 min)
    git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python -m bench.bench_limits --source /tmp/before  # the same cases, older code

A generated organization (`--leaders`, id `demo`) is imported into a temporary SQLite store.
For each case a fresh server (uvicorn, production mode, one worker, the code of `--source`)
is started in a process of its own; the case's request is sent from a thread, with the client
giving up after `--cap` seconds, while the main thread asks /healthz every 20 ms. Then the
server is sent SIGTERM and killed if it has not exited `--cap` seconds later.

Columns: the answer (HTTP status and error code, or `gave up`), seconds until it came, the
slowest /healthz answer meanwhile (the event loop blocked that long), the server's peak RSS,
and seconds from SIGTERM to exit. The last case sends a cold analysis, gives up after one
fifth of a second (as a client that went away) and sends SIGTERM at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from tests.hostile import dated_reports, fan_out, fragment_bomb, many_aliases, many_directives

ROOT = Path(__file__).resolve().parents[1]
ORG = "demo"
COLD_REPORT = '{ organization(id: "demo") { executionReport(asOf: "2024-02-29") { __typename } } }'


@dataclass
class Case:
    name: str
    body: Callable[[], bytes]
    give_up: float | None = None  # the client goes away after this many seconds


def _json(query: str) -> bytes:
    return json.dumps({"query": query}).encode()


CASES = [
    Case("30 fragments, each spreading the last twice", lambda: _json(fragment_bomb(ORG))),
    Case("10,000 aliases of a page of 100 units", lambda: _json(many_aliases(ORG))),
    Case("depth-12 fan-out", lambda: _json(fan_out(ORG))),
    Case("50,000 directives", lambda: _json(many_directives())),
    Case("100 MB body", lambda: _json("{ organizations { localId } }")[:-1] + b" " * 10**8 + b"}"),
    Case("executionReport at 10 dates", lambda: _json(dated_reports(ORG))),
    Case("1,200 repeated fields (within the limits)", lambda: _json(_widest())),
    Case("cold analysis, client gone after 0.2 s", lambda: _json(COLD_REPORT), give_up=0.2),
]


def _widest() -> str:
    """1,200 fields in 1,300 tokens, within every limit: graphql-core's validation compares
    them pairwise (at 1,800 it gives up, past Python's recursion limit)."""
    fields = " id name kind parentId" * 300
    return '{ organization(id: "demo") { units(first: 1) { edges { node {' + fields + " } } } } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(source: Path, store: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(source),
        "UNSILO_STORE": f"sqlite:{store}",
        "UNSILO_MODE": "production",
    }
    command = [sys.executable, "-m", "uvicorn", "service.app:app_from_environment", "--factory"]
    command += ["--port", str(port), "--log-level", "error"]
    # The server's own log (a refused document is logged whole) would drown the table.
    return subprocess.Popen(command, cwd=source, env=env, stderr=subprocess.DEVNULL)


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _outcome(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors") or []
    except ValueError:
        return str(response.status_code)
    code = errors[0].get("extensions", {}).get("code", "?") if errors else "ok"
    return f"{response.status_code} {code}"


def run_case(case: Case, source: Path, store: Path, cap: float) -> tuple[str, ...]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _start(source, store, port)
    try:
        with httpx.Client(timeout=cap) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get(f"{url}/healthz")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            client.post(f"{url}/graphql", json={"query": "{ organizations { localId } }"})  # warm
            body = case.body()
            outcome: list[str] = []

            def attack() -> None:
                started = time.monotonic()
                timeout = case.give_up or cap
                try:
                    with httpx.Client(timeout=timeout) as attacker:
                        response = attacker.post(
                            f"{url}/graphql",
                            content=body,
                            headers={"content-type": "application/json"},
                        )
                    outcome.append(_outcome(response))
                except httpx.HTTPError:
                    outcome.append("gave up")
                outcome.append(f"{time.monotonic() - started:.2f}")

            thread = threading.Thread(target=attack)
            thread.start()
            slowest = 0.0
            while thread.is_alive():
                asked = time.monotonic()
                try:
                    client.get(f"{url}/healthz")
                    slowest = max(slowest, time.monotonic() - asked)
                except httpx.HTTPError:
                    slowest = max(slowest, cap)
                time.sleep(0.02)
            thread.join()
        rss = _peak_rss_mib(server.pid)
    finally:
        stopping = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=cap)
            stop = f"{time.monotonic() - stopping:.2f}"
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            stop = f">{cap:g} (killed)"
    return (case.name, outcome[0], outcome[1], f"{slowest:.3f}", f"{rss:.0f}", stop)


def document_costs(repeat: int = 5) -> None:
    """Event-loop time for the largest documents the default limits let through: parse,
    measure, validate, in this process (the best of `repeat` runs, caches bypassed)."""
    from graphql import parse, validate

    from schema import schema
    from schema.query_limits import measure
    from schema.request_limits import QueryLimits

    limits = QueryLimits()
    documents = {"1,200 repeated fields": _widest(), "the 30-fragment document": fragment_bomb(ORG)}
    for name, query in documents.items():
        best = [float("inf")] * 3
        for _ in range(repeat):
            started = time.perf_counter()
            document = parse(query, max_tokens=limits.max_query_tokens)
            parsed = time.perf_counter()
            found = measure(schema._schema, document, None, {}, limits.max_analyses_per_request)
            measured = time.perf_counter()
            if found.cost <= limits.max_query_cost:
                validate(schema._schema, document)
            validated = time.perf_counter()
            steps = (parsed - started, measured - parsed, validated - measured)
            best = [min(a, b) for a, b in zip(best, steps, strict=True)]
        figures = ", ".join(
            f"{step} {1000 * seconds:.2f} ms"
            for step, seconds in zip(("parse", "measure", "validate"), best, strict=True)
        )
        print(f"{name}: {figures}")


async def _seed(path: Path, leaders: int) -> None:
    store = SqliteStore(path)
    try:
        await store.migrate()
        snapshot = generate_organization(leaders=leaders, organization_id=ORG)
        await store.replace_organization(ANONYMOUS, snapshot, expected_version=0)
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the source tree to serve")
    parser.add_argument("--leaders", type=int, default=1000)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before giving up")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    options = parser.parse_args()
    if options.source == ROOT:
        document_costs()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "unsilo.sqlite3"
        asyncio.run(_seed(store, options.leaders))
        header = ("case", "answer", "s", "max /healthz s", "peak RSS MiB", "SIGTERM to exit s")
        print(" | ".join(header))
        for case in CASES:
            if options.only and options.only not in case.name:
                continue
            print(" | ".join(run_case(case, options.source, store, options.cap)), flush=True)


if __name__ == "__main__":
    main()
