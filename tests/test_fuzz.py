"""Bounded fuzzing in the suite; bench/fuzz.py runs the same for longer."""

from __future__ import annotations

import asyncio
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
from tests.test_api import IMPORT

API_EXAMPLES = 8  # per root field: about 170 requests, 20 s
IMPORT_EXAMPLES = 150


def test_generated_operations_never_get_a_server_error(tmp_path: Path) -> None:
    path = tmp_path / "unsilo.sqlite3"
    with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
        document = to_document(generate_organization(leaders=60, organization_id="gen"))
        server.graphql(IMPORT, document=document)
        report = fuzz_service(server.url, API_EXAMPLES, seed=0)
        assert server.graphql("{ organizations { localId } }")  # still serving
    assert report.operations >= 20
    assert report.requests >= report.operations * 2
    assert report.failures == []


def test_rejected_import_documents_store_nothing(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "unsilo.sqlite3")
    asyncio.run(import_once(store, to_document(acme("fuzzed"))))
    refused: list[bool] = []

    @settings(
        max_examples=IMPORT_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(document=import_documents())
    def attempt(document: object) -> None:
        async def once() -> None:
            before = await fingerprint(store)
            stored = await import_once(store, document)  # anything but a refusal fails here
            refused.append(not stored)
            if not stored:
                assert await fingerprint(store) == before

        asyncio.run(once())

    try:
        attempt()
    finally:
        asyncio.run(store.close())
    assert sum(refused) > IMPORT_EXAMPLES // 2  # the documents did reach the checks
