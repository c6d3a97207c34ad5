"""The long fuzzing run: the API (schemathesis, GraphQL mode) and the importer (hypothesis).

Run from the repository root::

    .venv/bin/python -m bench.fuzz                          # 100 per root field, 2,000 imports
    .venv/bin/python -m bench.fuzz --examples 300 --imports 10000

The service runs under uvicorn on a loopback port over a temporary SQLite store holding a
generated organization (200 leaders, id `gen`); schemathesis sends `--examples` generated
operations per root field and counts answers of 500 or more. Then `--imports` generated import
documents go through the importer into another SQLite store; a refused one must leave the
store's content fingerprint unchanged, and anything but a refusal is counted as a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.fuzz_api import fuzz_service
from tests.fuzz_import import fingerprint, import_documents, import_once
from tests.live import serve
from tests.orgs import acme

IMPORT = "mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--imports", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "api.sqlite3"
        with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
            server.graphql(IMPORT, d=to_document(generate_organization(200, organization_id="gen")))
            report = fuzz_service(server.url, args.examples)
        print(
            f"API: {report.requests} requests over {report.operations} root fields, "
            f"{len(report.failures)} failures, {report.seconds:.0f} s"
        )
        for failure in report.failures[:10]:
            print("  " + failure)
        _fuzz_importer(Path(folder) / "import.sqlite3", args.imports)


def _fuzz_importer(path: Path, imports: int) -> None:
    store = SqliteStore(path)
    asyncio.run(import_once(store, to_document(acme("fuzzed"))))
    counts = {"refused": 0, "stored": 0, "failures": 0}
    began = time.perf_counter()

    @settings(
        max_examples=imports, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(document=import_documents())
    def attempt(document: object) -> None:
        async def once() -> None:
            before = await fingerprint(store)
            try:
                stored = await import_once(store, document)
            except Exception as error:  # counted, not raised: the run goes on
                counts["failures"] += 1
                print(f"  import raised {error!r}")
                return
            counts["stored" if stored else "refused"] += 1
            if not stored and await fingerprint(store) != before:
                counts["failures"] += 1
                print("  a refused import changed the store")

        asyncio.run(once())

    attempt()
    asyncio.run(store.close())
    print(
        f"importer: {sum(counts.values()) - counts['failures']} documents, "
        f"{counts['refused']} refused, {counts['stored']} stored, "
        f"{counts['failures']} failures, {time.perf_counter() - began:.0f} s"
    )


if __name__ == "__main__":
    main()
