"""Concurrent writers on one organization, and hostile input, against a live server.

Run from the repository root::

    .venv/bin/python -m bench.bench_writers                 # SQLite store, 50 clients (~10 s)
    .venv/bin/python -m bench.bench_writers --clients 200 --resends 3

A generated organization (100 leaders, id `gen`) is imported into a temporary SQLite store and
served by uvicorn on a loopback port. `--clients` clients then each create a unit, a leader in
it and rename the unit, all starting at once (tests/concurrent_writers.py); with `--resends`,
a write answered with a retryable conflict is sent again. Printed: the answers by kind, the
writes acknowledged and found stored, whether the organization still validates as a whole,
then the answers to malformed bodies and hostile text (status and error code each).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from graph_queries.validation import validate_snapshot
from service.app import create_app
from service.settings import Settings
from tests.concurrent_writers import run_writers
from tests.live import serve

IMPORT = """mutation($document: JSON!) { importOrganization(document: $document) { __typename } }"""
FILTER = """query($text: String) { organization(id: "gen") {
  units(first: 1, filter: {text: $text}) { totalCount } } }"""
HOSTILE_BODIES: list[tuple[str, bytes, str]] = [
    ("JSON string", b'"{ organizations { localId } }"', "application/json"),
    ("JSON null", b"null", "application/json"),
    ("JSON number", b"42", "application/json"),
    ("JSON array", b"[]", "application/json"),
    ("invalid UTF-8", b'{"query": "{ organizations { localId } }\xff"}', "application/json"),
    ("invalid JSON", b'{"query": ', "application/json"),
    ("text/plain", b'{"query": "{ organizations { localId } }"}', "text/plain"),
    ("no content type", b'{"query": "{ organizations { localId } }"}', ""),
    ("no query", b'{"variables": {}}', "application/json"),
    (
        "variables a list",
        b'{"query": "{ organizations { localId } }", "variables": []}',
        "application/json",
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--resends", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unsilo.sqlite3"
        with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
            document = to_document(generate_organization(leaders=100, organization_id="gen"))
            server.graphql(IMPORT, document=document)
            began = time.perf_counter()
            outcome = asyncio.run(run_writers(server.url, "gen", args.clients, args.resends))
            took = time.perf_counter() - began
            print(f"{args.clients} writers x 3 writes, {args.resends} resends: {took:.1f} s")
            for kind, count in sorted(outcome.answers.items()):
                print(f"  {kind:>20}: {count}")
            print(f"  acknowledged: {len(outcome.acknowledged)}, resent: {outcome.resends}")
            print("hostile input:")
            for name, body, content_type in HOSTILE_BODIES:
                headers = {"content-type": content_type} if content_type else {}
                try:
                    answer = server.client.post(
                        f"{server.url}/graphql", content=body, headers=headers
                    )
                except httpx.TransportError as error:
                    print(f"  {name:>20}: no answer ({error!r})")
                    continue
                print(f"  {name:>20}: {answer.status_code} {_code(answer)}")
            for name, text in [
                ("50,000-char filter", "x" * 50_000),
                ("NUL in filter", "Unit\x00anything"),
            ]:
                answer = server.client.post(
                    f"{server.url}/graphql", json={"query": FILTER, "variables": {"text": text}}
                )
                print(f"  {name:>20}: {answer.status_code} {_code(answer)} {answer.text[:120]}")
        asyncio.run(_check_stored(path, outcome.acknowledged))


def _code(answer: httpx.Response) -> str:
    try:
        return str(answer.json()["errors"][0]["extensions"]["code"])
    except (ValueError, KeyError, IndexError, TypeError):
        return "(no GraphQL error body)"


async def _check_stored(path: Path, acknowledged: set[tuple[str, str]]) -> None:
    store = SqliteStore(path)
    try:
        snapshot = await store.snapshot(ANONYMOUS, "gen")
    finally:
        await store.close()
    missing = [
        (operation, id)
        for operation, id in acknowledged
        if (operation == "createLeader" and id not in snapshot.leaders)
        or (operation == "createUnit" and id not in snapshot.units)
        or (operation == "updateUnit" and not snapshot.units[id].name.startswith("Renamed"))
    ]
    problems = validate_snapshot(snapshot)
    print(f"acknowledged but not stored: {len(missing)}; rules broken after: {len(problems)}")


if __name__ == "__main__":
    main()
