"""What only the Neo4j store has: query files, batched all-or-nothing imports, outages."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import shutil
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, cast

import httpx
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import KINDS, EntityKind, Leader, OrgSnapshot
from graph_queries.natural_order import natural_sorted
from graph_queries.stores import neo4j_queries
from graph_queries.stores.local_reads import Chain
from graph_queries.stores.neo4j_queries import QUERIES
from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.port import PageWindow, Relation, Store, TieFilter
from service.app import create_app
from service.settings import Settings
from service.stores import open_store
from tests.contract import test_store_replace as replace_contract
from tests.live import serve
from tests.neo4j_fixture import ci
from tests.neo4j_server import RunningNeo4j, start_jvm_neo4j
from tests.orgs import acme

ORGANIZATION_QUERIES = {
    "schema",
    "ping",
    "organizations",
    "organizations_by_id",
    "graph_version",
    "organization_lock",
    "organization_claim",
    "organization_set",
    "organization_swap",
    "organization_declarations",
    "organization_retired",
    "organization_delete",
    "analysis_snapshot_save",
    "analysis_snapshot_trim",
    "analysis_snapshots",
}
ENTITY_QUERIES = ("by_id", "all", "page", "upsert", "delete", "retire")
LINKED_KINDS = (EntityKind.UNIT, EntityKind.LEADER, EntityKind.CONFLICT)
STORED = ("nodes", "relationships")  # what `neo4j_queries.fill_sort_texts` fills


def test_query_files_are_exactly_the_allow_listed_ones() -> None:
    """Every query the store can name exists, and no file is left that it cannot name."""
    files = {
        path.name.removesuffix(".cypher")
        for path in QUERIES.iterdir()
        if path.name.endswith(".cypher")
    }
    nameable = set(ORGANIZATION_QUERIES)
    nameable |= {f"{KINDS[kind].name}_{query}" for kind in EntityKind for query in ENTITY_QUERIES}
    nameable |= {f"{KINDS[kind].name}_link" for kind in LINKED_KINDS}
    nameable |= {f"{KINDS[kind].name}_create" for kind in (EntityKind.DEPENDENCY, EntityKind.TIE)}
    nameable |= {f"related_{relation.value.lower()}" for relation in Relation}
    nameable |= {f"chain_{chain.value.lower()}" for chain in Chain}
    nameable |= {f"{KINDS[EntityKind.TIE].name}_between"}
    nameable |= {f"sort_{step}_{stored}" for step in ("missing", "fill") for stored in STORED}
    assert files == nameable


def test_query_files_take_values_only_as_parameters() -> None:
    """No file has a placeholder for string formatting; values arrive as $parameters."""
    for path in QUERIES.iterdir():
        text = path.read_text("utf-8")
        assert not re.search(r"\{[a-z_]+\}|%s|%\(", text), path.name


async def test_an_import_failing_in_its_last_batch_changes_nothing(
    neo4j_settings: Neo4jSettings,
) -> None:
    store = Neo4jStore(neo4j_settings, batch_size=2)
    try:
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        before = await store.snapshot(ANONYMOUS, "acme")
        broken = acme()
        broken.organization = dataclasses.replace(broken.organization, name="Renamed")
        # 7 leaders in batches of 2: the bad one sorts last, so three batches write first.
        # A map is no property value Neo4j can store, so the server refuses that batch.
        last = cast(Any, {"not": "a string"})
        broken.leaders["l9"] = Leader("l9", "Last One", "u1", title=last)
        assert max(broken.leaders) == "l9"
        with pytest.raises(Neo4jError):
            await store.replace_organization(ANONYMOUS, broken, expected_version=None)
        after = await store.snapshot(ANONYMOUS, "acme")
        assert after == before
    finally:
        await store.close()


async def test_imports_larger_than_a_batch_arrive_whole(neo4j_settings: Neo4jSettings) -> None:
    store = Neo4jStore(neo4j_settings, batch_size=50)
    try:
        generated = generate_organization(leaders=400, organization_id="big")
        await store.replace_organization(ANONYMOUS, generated, expected_version=0)
        loaded = await store.snapshot(ANONYMOUS, "big")
        assert loaded.counts() == generated.counts()
        for kind in EntityKind:
            assert loaded.table(kind) == generated.table(kind)
    finally:
        await store.close()


# ---- staged replaces ---------------------------------------------------------------------------


class Injected(Exception):
    """The failure a test makes happen, at one query of a replace."""


def _stored(settings: Neo4jSettings) -> tuple[str, dict[str, int]]:
    """The current key of `acme`, and how many entity nodes each key holds in the database."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        [current], _, _ = driver.execute_query(
            "MATCH (o:Organization {id: 'acme'}) RETURN coalesce(o.key, o.id) AS key"
        )
        records, _, _ = driver.execute_query(
            "MATCH (n) WHERE n:Unit OR n:Leader OR n:Conflict RETURN n.org AS key, count(*) AS n"
        )
    return current["key"], {record["key"]: record["n"] for record in records}


def _holds(loaded: OrgSnapshot, expected: OrgSnapshot) -> bool:
    return loaded.organization == expected.organization and all(
        loaded.table(kind) == expected.table(kind) for kind in EntityKind
    )


async def test_a_staged_replace_failing_at_any_query_lands_whole_or_not_at_all(
    neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every query of a staged replace fails in turn: before the switch the stored organization
    stays exactly as it was and nothing staged is left; after it, the new one is whole."""
    old = generate_organization(leaders=30, organization_id="acme")
    new = generate_organization(leaders=30, seed=8, organization_id="acme", name="New")
    store = Neo4jStore(neo4j_settings, batch_size=20, in_place_limit=0, retire_delay=0)
    real = neo4j_queries.fetch
    calls, fail_at = 0, 0

    async def failing(tx: Any, query: str, /, **params: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == fail_at:
            raise Injected(query)
        return await real(tx, query, **params)

    monkeypatch.setattr("graph_queries.stores.neo4j_store.fetch", failing)
    try:
        await store.replace_organization(ANONYMOUS, old, expected_version=0)
        calls = 0
        await store.replace_organization(ANONYMOUS, new, expected_version=None)
        queries = calls
        await store.replace_organization(ANONYMOUS, old, expected_version=None)
        outcomes = set()
        for point in range(1, queries + 1):
            before = await store.snapshot(ANONYMOUS, "acme")
            key, held = _stored(neo4j_settings)
            assert held == {key: len(old.units) + len(old.leaders) + len(old.conflicts)}
            calls, fail_at = 0, point
            try:
                await store.replace_organization(ANONYMOUS, new, expected_version=None)
                landed = True
            except Injected:
                landed = False
            fail_at = 0
            after = await store.snapshot(ANONYMOUS, "acme")
            outcomes.add(landed)
            if not landed:
                assert after == before, point
                assert _stored(neo4j_settings) == (key, held), point
                continue
            assert _holds(after, new), point
            assert after.version == before.version + 1, point
            await store.replace_organization(ANONYMOUS, old, expected_version=None)
        assert outcomes == {True, False}
    finally:
        await store.close()


@pytest.mark.parametrize(
    "case",
    [
        replace_contract.test_a_mostly_changed_replace_and_back_leaves_exactly_each,
        replace_contract.test_an_unchanged_replace_keeps_everything_and_bumps_the_version,
        replace_contract.test_a_replaced_organization_deletes_whole_and_comes_back,
    ],
)
async def test_the_replace_contract_holds_when_every_replace_is_staged(
    neo4j_settings: Neo4jSettings, case: Callable[[Store], Awaitable[None]]
) -> None:
    store = Neo4jStore(neo4j_settings, in_place_limit=0, retire_delay=0)
    try:
        await case(store)
    finally:
        await store.close()


async def test_readers_during_staged_replaces_see_one_organization_whole(
    neo4j_settings: Neo4jSettings,
) -> None:
    first = generate_organization(leaders=300, organization_id="big")
    second = generate_organization(leaders=300, seed=8, organization_id="big", name="Second")
    writer = Neo4jStore(neo4j_settings, batch_size=50, in_place_limit=0, retire_delay=0.2)
    reader = Neo4jStore(neo4j_settings)
    pages = [
        ([first.ties[id] for id in natural_sorted(first.ties)[:100]], len(first.ties)),
        ([second.ties[id] for id in natural_sorted(second.ties)[:100]], len(second.ties)),
    ]
    writing = True
    reads = 0

    async def read() -> None:
        nonlocal reads
        while writing:
            loaded = await reader.snapshot(ANONYMOUS, "big")
            assert _holds(loaded, first) or _holds(loaded, second)
            page = await reader.page(
                ANONYMOUS, "big", EntityKind.TIE, TieFilter(), PageWindow(first=100)
            )
            assert (page.items, page.total_count) in pages
            reads += 1

    async def write() -> None:
        nonlocal writing
        try:
            for target in (second, first, second):
                await writer.replace_organization(ANONYMOUS, target, expected_version=None)
        finally:
            writing = False

    try:
        await writer.replace_organization(ANONYMOUS, first, expected_version=0)
        await asyncio.gather(write(), read(), read())
        assert reads > 0
        assert _holds(await reader.snapshot(ANONYMOUS, "big"), second)
    finally:
        await writer.close()
        await reader.close()


# ---- an outage under a running service ----------------------------------------------------


@pytest.fixture
def own_neo4j() -> Iterator[RunningNeo4j]:
    """A Neo4j of this test's own, since the test stops it and starts it again."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        reason = f"a Neo4j this test can stop needs {' and '.join(missing)}"
        if ci():
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    server = start_jvm_neo4j()
    try:
        yield server
    finally:
        server.close()


def _wait_for(client: httpx.Client, url: str, status: int, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if client.get(url).status_code == status:
            return time.monotonic() - start
        time.sleep(0.25)
    raise AssertionError(f"{url} did not answer {status} within {seconds} s")


def test_the_service_reports_an_outage_and_recovers_by_itself(own_neo4j: RunningNeo4j) -> None:
    settings = Settings(
        store=own_neo4j.uri,
        neo4j_user=own_neo4j.user,
        neo4j_password=own_neo4j.password,
        neo4j_connection_timeout=2.0,
    )
    query = '{ organization(id: "acme") { units(first: 100) { totalCount } } }'
    with serve(create_app(settings, lambda: open_store(settings))) as api:
        api.graphql(
            "mutation($d: JSON!) { importOrganization(document: $d) { __typename } }",
            d=to_document(acme()),
        )
        assert api.client.get(f"{api.url}/readyz").status_code == 200

        own_neo4j.stop()
        _wait_for(api.client, f"{api.url}/readyz", 503, seconds=30)
        down = api.graphql_response(query)
        [error] = down["errors"]
        assert error["extensions"].pop("requestId")
        assert error["extensions"] == {"code": "STORE_UNAVAILABLE"}
        assert "Traceback" not in str(down)
        assert api.client.get(f"{api.url}/healthz").status_code == 200

        own_neo4j.restart()
        _wait_for(api.client, f"{api.url}/readyz", 200, seconds=120)
        back = api.graphql(query)
        assert back["organization"]["units"]["totalCount"] == len(acme().units)


async def test_pool_usage_counts_each_running_transaction(
    neo4j_settings: Neo4jSettings,
) -> None:
    store = Neo4jStore(neo4j_settings)
    entered, release = asyncio.Event(), asyncio.Event()

    async def held(tx: Any) -> None:
        entered.set()
        await release.wait()

    try:
        assert store.pool_usage() == (0, neo4j_settings.max_pool_size)
        readers = [asyncio.create_task(store._read(held)) for _ in range(2)]
        await asyncio.wait_for(entered.wait(), 30)
        await asyncio.sleep(0.1)
        assert store.pool_usage() == (2, neo4j_settings.max_pool_size)
        release.set()
        await asyncio.gather(*readers)
        assert store.pool_usage() == (0, neo4j_settings.max_pool_size)

        async def broken(tx: Any) -> None:
            await tx.run("THIS IS NOT CYPHER")

        with pytest.raises(Neo4jError):
            await store._read(broken)
        assert store.pool_usage() == (0, neo4j_settings.max_pool_size), "a failure gives it back"
    finally:
        await store.close()


def test_metrics_show_the_neo4j_pool(neo4j_settings: Neo4jSettings) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    settings = dataclasses.replace(neo4j_settings, max_pool_size=7)
    with serve(create_app(Settings(), lambda: Neo4jStore(settings))) as server:
        server.graphql("{ organizations { localId } }")
        text = server.client.get(f"{server.url}/metrics").text
    samples = {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    assert samples["unsilo_neo4j_pool_max_size"] == 7
    assert samples["unsilo_neo4j_connections_in_use"] == 0
