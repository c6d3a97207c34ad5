"""A fixed rate of mixed reads over loopback while an import and a cold analysis run.

Run from the repository root::

    .venv/bin/python -m bench.bench_load                      # 50 req/s for 60 s (~70 s)
    .venv/bin/python -m bench.bench_load --rate 100 --seconds 30 --leaders 2000

A generated organization (`--leaders`, id `gen`) is imported into a temporary SQLite store and
served by uvicorn in this process (tests/live.py). Reads (organizations, a page of 50 leaders,
divisions with members, open conflicts) are sent at `--rate` a second, each at its turn of the
schedule, its latency counted from that turn (tests/load_under_writes.py); after a tenth of the
run the same organization is imported again (replace) and its execution report computed cold.
Printed: requests, errors, latency p50/p95/p99/max, and when the two writes finished.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.live import serve
from tests.load_under_writes import hold_rate

IMPORT = "mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--leaders", type=int, default=1000)
    args = parser.parse_args()
    document = to_document(generate_organization(leaders=args.leaders, organization_id="gen"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unsilo.sqlite3"
        # All load comes from one address: the per-caller rate limit would refuse part of it.
        settings = Settings(rate_limit=0)
        with serve(create_app(settings, lambda: SqliteStore(path))) as server:
            server.graphql(IMPORT, d=document)
            report = asyncio.run(hold_rate(server.url, args.rate, args.seconds, document))
    ms = {share: report.percentile(share) * 1000 for share in (0.5, 0.95, 0.99, 1.0)}
    print(
        f"{len(report.latencies)} reads at {args.rate:g}/s over {report.seconds:.1f} s "
        f"({args.leaders} leaders): {len(report.errors)} errors"
    )
    print(
        f"latency p50 {ms[0.5]:.1f} ms, p95 {ms[0.95]:.1f} ms, p99 {ms[0.99]:.1f} ms, "
        f"max {ms[1.0]:.1f} ms"
    )
    print("writes finished at: " + ", ".join(report.writes))
    for error in report.errors[:5]:
        print("  " + error)


if __name__ == "__main__":
    main()
