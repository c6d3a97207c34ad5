"""What the typed client costs over plain httpx, against a live server on this machine.

Run from the repository root::

    .venv/bin/python -m bench.bench_client                 # 1,000 leaders (~30 s)
    .venv/bin/python -m bench.bench_client --leaders 5000 --repeat 7

A generated organization (`--leaders`, id `gen`) is imported into a temporary SQLite store and
served by uvicorn in this process (development mode, rate limit off). Figures, each the median
of `--repeat` runs after one warm-up:

- **import**: `import unsilo_client` in a fresh interpreter (the generated pydantic models are
  built then), against `import httpx, pydantic`, the least any client of this kind imports.
- **page all leaders**: `client.each_leader(page_size=100)` (the models validated, the typed
  errors checked) against the same query text sent with httpx and decoded with `json`, the
  same pages in the same order.
- **execution report**: `client.execution_report` against the same query sent raw; the
  server answers both from its response cache after the warm-up, so this is the client's own
  cost per request.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.bench_analyses import import_organization
from bench.bench_stores import ratio_text, seconds_text
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.live import serve
from unsilo_client import connect
from unsilo_client.generated.client import Client

IMPORT = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"


def import_seconds(modules: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT.format(modules)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def timed(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: connections, caches, the server's analysis
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def operation_text(name: str) -> str:
    """The query text the generated method sends, so both sides ask the same thing."""
    source = Path(sys.modules[Client.__module__].__file__ or "").read_text("utf-8")
    start = source.index('gql("""', source.index(f"    def {name}(")) + len('gql("""')
    return source[start : source.index('""")', start)]


def raw_pages(http: httpx.Client, url: str, query: str) -> int:
    after: str | None = None
    count = 0
    while True:
        variables: dict[str, Any] = {"organizationId": "gen", "first": 100, "after": after}
        body = http.post(url, json={"query": query, "variables": variables}).json()
        page = body["data"]["organization"]["leaders"]
        count += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return count
        after = page["pageInfo"]["endCursor"]


def row(name: str, value: float, base: float) -> str:
    figures = f"{seconds_text(value):>10} {seconds_text(base):>10} {ratio_text(value, base):>7}"
    return f"{name:<22} {figures}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"{'':<22} {'client':>10} {'httpx':>10} {'ratio':>7}")
    imports = [import_seconds("unsilo_client") for _ in range(args.repeat)]
    bases = [import_seconds("httpx, pydantic") for _ in range(args.repeat)]
    print(row("import", statistics.median(imports), statistics.median(bases)))

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unsilo.sqlite3"
        import_organization(
            generate_organization(leaders=args.leaders, organization_id="gen"), path
        )
        settings = Settings(rate_limit=0)
        with serve(create_app(settings, lambda: SqliteStore(path))) as api:
            url = f"{api.url}/graphql"
            with connect(api.url) as client, httpx.Client(timeout=60) as http:
                leaders = operation_text("leaders")
                assert raw_pages(http, url, leaders) == len(list(client.each_leader("gen")))
                typed = timed(lambda: list(client.each_leader("gen")), args.repeat)
                plain = timed(lambda: raw_pages(http, url, leaders), args.repeat)
                print(row(f"page {args.leaders} leaders", typed, plain))

                report = operation_text("execution_report")
                variables = {"organizationId": "gen"}
                typed = timed(lambda: client.execution_report("gen"), args.repeat)
                plain = timed(
                    lambda: http.post(url, json={"query": report, "variables": variables}).json(),
                    args.repeat,
                )
                print(row("execution report", typed, plain))


if __name__ == "__main__":
    main()
