"""Export downloads from a live server: time and size of each file, cold and warm.

Run from the repository root::

    .venv/bin/python -m bench.bench_exports                  # 1,000 leaders (~15 s)
    .venv/bin/python -m bench.bench_exports --leaders 5000

A generated organization (id `gen`) is put into a temporary SQLite store and served by uvicorn
on a loopback port, in development (no credentials). For each file of
`/organizations/gen/exports/{file}`, on a fresh server: the first download (the results
computed, then the file rendered) and the second (the results from the runner's cache, the file
rendered again), its size, and the slowest /healthz answer while the first one ran (the event
loop is free while the analyses and the rendering run in the runner's pool). The baseline:
the same file made in this process as `unsilo analyze` makes it (graphs built, results
computed, file rendered; no store, no HTTP), and the cold download as a ratio to it.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import httpx

from graph_queries.context import ANONYMOUS
from graph_queries.exports.files import EXPORT_FILES, render_export
from graph_queries.exports.results import compute_results
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from service.stores import open_store
from tests.live import LiveServer, serve

AS_OF = "2026-01-01"
UNBOUNDED = 1 << 40


def _in_process(leaders: int, file: str) -> float:
    """Seconds to make `file` as `unsilo analyze` does, from the generated organization."""
    snapshot = generate_organization(leaders=leaders, organization_id="gen")
    started = time.perf_counter()
    graphs = build_graphs(snapshot)
    results = compute_results(
        graphs, as_of=date.fromisoformat(AS_OF), min_group=5, path_sample=2000
    )
    render_export(file, snapshot.organization.name, graphs, results, UNBOUNDED)
    return time.perf_counter() - started


async def _load(path: Path, leaders: int) -> None:
    store = SqliteStore(str(path))
    try:
        await store.migrate()
        await store.replace_organization(
            ANONYMOUS, generate_organization(leaders=leaders, organization_id="gen"), None
        )
    finally:
        await store.close()


def _download(server: LiveServer, file: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = server.client.get(
        f"{server.url}/organizations/gen/exports/{file}", params={"asOf": AS_OF}, timeout=600
    )
    response.raise_for_status()
    return time.perf_counter() - started, len(response.content)


def _slowest_health(server: LiveServer, stop: threading.Event, found: list[float]) -> None:
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            started = time.perf_counter()
            client.get(f"{server.url}/healthz")
            found.append(time.perf_counter() - started)
            time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        asyncio.run(_load(path, args.leaders))
        settings = Settings(store=f"sqlite:{path}", request_timeout=600, rate_limit=0)
        print(f"{args.leaders} leaders, exports at {AS_OF}")
        header = f"{'file':<14} {'in process s':>12} {'cold s':>7} {'ratio':>6} {'warm s':>7}"
        print(f"{header} {'KiB':>8} {'max /healthz ms':>16}", flush=True)
        for file in EXPORT_FILES:
            baseline = _in_process(args.leaders, file)
            # A fresh server each: the first download computes the results again.
            with serve(create_app(settings, lambda: open_store(settings))) as server:
                stop, health = threading.Event(), [0.0]
                watcher = threading.Thread(target=_slowest_health, args=(server, stop, health))
                watcher.start()
                cold, size = _download(server, file)
                stop.set()
                watcher.join()
                warm, _ = _download(server, file)
            print(
                f"{file:<14} {baseline:>12.2f} {cold:>7.2f} {cold / baseline:>6.2f} {warm:>7.2f} "
                f"{size // 1024:>8} {max(health) * 1000:>16.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
