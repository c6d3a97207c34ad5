"""The Neo4j store's query files, and the reads of several queries that run in one transaction.

Every query is a file in `cypher/`, loaded by name (names made from fixed enums, never input)
and always run with parameters. `org` is the key the organization's entities are stored under
(see `neo4j_store`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any, cast

import neo4j
from neo4j import AsyncManagedTransaction

from graph_queries.model import (
    KINDS,
    Declarations,
    Entity,
    EntityKind,
    Organization,
    OrgSnapshot,
    Tie,
    directed_kinds,
    kind_of,
)
from graph_queries.natural_order import sort_text
from graph_queries.stores.filter_conditions import Match, conditions
from graph_queries.stores.local_reads import LocalRead, LocalView
from graph_queries.stores.paging import Page, PageWindow, page_of
from graph_queries.stores.port import RELATIONS, ChangeSet, EntityFilter
from graph_queries.stores.records import (
    LAYOUTS,
    Record,
    decode_attributes,
    decode_tie_kinds,
    encode_attributes,
    encode_tie_kinds,
    to_record,
)

# Rows a record of the `<kind>_all` queries carries: per record, the driver costs about as much
# as the server spends on ten rows.
SNAPSHOT_CHUNK = 10_000

# Nodes first, then what hangs between them; links after all nodes of a write exist.
NODE_KINDS = (EntityKind.UNIT, EntityKind.LEADER, EntityKind.CONFLICT)
RELATIONSHIP_KINDS = (EntityKind.DEPENDENCY, EntityKind.TIE)

# The query files, shipped as package data beside this module.
QUERIES = resources.files("graph_queries.stores") / "cypher"


@functools.cache
def cypher(name: str) -> str:
    """The text of `cypher/<name>.cypher`."""
    return (QUERIES / f"{name}.cypher").read_text("utf-8")


def schema_statements() -> list[str]:
    """The statements of `cypher/schema.cypher` (constraints and indexes), comments dropped."""
    statements = []
    for statement in cypher("schema").split(";"):
        lines = [line for line in statement.splitlines() if not line.lstrip().startswith("//")]
        if body := "\n".join(lines).strip():
            statements.append(body)
    return statements


def query_name(kind: EntityKind, query: str) -> str:
    """`<kind>_<query>`: like `related_<relation>`, a name made from fixed enums, never input."""
    return f"{KINDS[kind].name}_{query}"


def filter_parameters(entity_filter: EntityFilter) -> dict[str, Any]:
    """The page query's parameters; every filter field is present, null when unused.

    Text is looked for in the lowercased `search` property, so it is lowercased too.
    """
    return {
        condition.name: value.lower()
        if condition.match is Match.CONTAINS and isinstance(value, str)
        else value
        for condition, value in conditions(entity_filter)
    }


def organization_updates(changes: ChangeSet) -> dict[str, Any]:
    """The `organization_set` parameters of a commit: null keeps what is stored."""
    return {
        "name": changes.organization.name if changes.organization else None,
        "tie_kinds": None if changes.tie_kinds is None else encode_tie_kinds(changes.tie_kinds),
        "attributes": None if changes.attributes is None else encode_attributes(changes.attributes),
    }


async def read_declarations(
    tx: AsyncManagedTransaction, organization_id: str
) -> Declarations | None:
    """The organization's declarations, None when it is missing."""
    found = await fetch(tx, "organization_declarations", org=organization_id)
    if not found:
        return None
    return Declarations(
        decode_tie_kinds(found[0]["tie_kinds"]), decode_attributes(found[0]["attributes"])
    )


def records_by_kind(entities: Sequence[Entity]) -> dict[EntityKind, list[Record]]:
    """The upsert rows: each entity's record, with the `sort` text its pages order by."""
    by_kind: dict[EntityKind, list[Record]] = {kind: [] for kind in EntityKind}
    for entity in entities:
        by_kind[kind_of(entity)].append({**to_record(entity), "sort": sort_text(entity.id)})
    return by_kind


async def read_snapshot(
    tx: AsyncManagedTransaction, organization_id: str, key: str, version: int
) -> OrgSnapshot:
    """The whole organization, one query per entity kind, inside the caller's transaction."""
    found = await fetch(tx, "organizations_by_id", ids=[organization_id])
    # Deleted since its key was read: the caller's check at the end sees it and reads again.
    name = found[0]["name"] if found else organization_id
    snapshot = OrgSnapshot(Organization(organization_id, name), version)
    # Deleted since its key was read: no declarations; the caller's check reads again.
    declarations = await read_declarations(tx, organization_id) or Declarations()
    snapshot.tie_kinds, snapshot.attributes = declarations.tie_kinds, declarations.attributes
    for kind in EntityKind:
        table = snapshot.table(kind)
        read = LAYOUTS[kind].from_record
        for record in await fetch(tx, query_name(kind, "all"), org=key, chunk=SNAPSHOT_CHUNK):
            for row in record["rows"]:
                entity = read(row)
                table[entity.id] = entity
    return snapshot


async def read_local_view(
    tx: AsyncManagedTransaction, organization_id: str, org_key: str, read: LocalRead, version: int
) -> LocalView:
    """One query per kind asked by id, per chain, per relation and for all tie pairs (with the
    organization's tie kinds, which say which pairs are arcs)."""
    view = LocalView(version)
    for kind in EntityKind:
        ids = [id for asked, id in read.ids if asked is kind]
        if ids:
            decode = LAYOUTS[kind].from_record
            for row in await fetch(tx, query_name(kind, "by_id"), org=org_key, ids=ids):
                entity = decode(row["row"])
                view.entities[kind, entity.id] = entity
    for chain, start in read.chains:
        found = await fetch(tx, f"chain_{chain.value.lower()}", org=org_key, id=start)
        view.chains[chain, start] = tuple(found[0]["ids"]) if found else ()
    for relation, key in read.referrers:
        decode = LAYOUTS[RELATIONS[relation].kind].from_record
        query = f"related_{relation.value.lower()}"
        rows = await fetch(tx, query, org=org_key, keys=[key])
        view.referrers[relation, key] = [decode(row["row"]) for row in rows]
    if read.tie_pairs or read.declarations:
        declarations = await read_declarations(tx, organization_id) or Declarations()
        view.directed_kinds = directed_kinds(declarations.tie_kinds)
        view.attributes = declarations.attributes
    if read.tie_pairs:
        view.tie_pairs = {pair: [] for pair in read.tie_pairs}
        pairs = [list(pair) for pair in read.tie_pairs]
        decode_tie = LAYOUTS[EntityKind.TIE].from_record
        for row in await fetch(tx, query_name(EntityKind.TIE, "between"), org=org_key, pairs=pairs):
            view.tie_pairs[row["a"], row["b"]].append(cast(Tie, decode_tie(row["row"])))
    return view


def page_from_record(kind: EntityKind, window: PageWindow, record: neo4j.Record) -> Page[Entity]:
    """The page from the one record of the `<kind>_page` query run for a checked `window`."""
    read = LAYOUTS[kind].from_record
    return page_of(
        window,
        [read(row) for row in record["rows"]],
        record["total"],
        any_up_to_after=record["up_to_after"],
        any_from_before=record["from_before"],
    )


async def fill_sort_texts(tx: AsyncManagedTransaction, limit: int) -> int:
    """Give up to `limit` nodes and as many relationships stored without a `sort` property
    (before pages ordered by it) their `natural_order.sort_text`; returns how many it gave."""
    given = 0
    for stored in ("nodes", "relationships"):
        missing = await fetch(tx, f"sort_missing_{stored}", limit=limit)
        rows = [{"element": row["element"], "sort": sort_text(row["id"])} for row in missing]
        await fetch(tx, f"sort_fill_{stored}", rows=rows)
        given += len(rows)
    return given


async def fetch(tx: AsyncManagedTransaction, query: str, /, **params: Any) -> list[neo4j.Record]:
    """Run the named query file with `params` and return all its records."""
    result = await tx.run(cypher(query), params)
    return [record async for record in result]
