"""In-database graph algorithms on a Neo4j server with Graph Data Science (GDS) 2.x.

Two figures the analyses would otherwise compute with networkx, computed by GDS on a projection
of exactly the graph the analysis builds, read from the stored organization:

- `unit_betweenness`: the silo analysis's unit graph (`silos.unit_graph`): the units in scope,
  joined when a leader of one has a tie to a leader of the other or one depends on the other,
  with weight = summed tie strength + summed criticality / 5 and distance = 1 / weight;
  `gds.betweenness.stream` with `relationshipWeightProperty: 'distance'` (Brandes, 2001), exact.
- `executive_communities`: the faction analysis's executive graph
  (`factions.executive_graph`): EXECUTIVE leaders, parallel ties (either direction) merged into
  one edge of summed strength, self-ties left out; `gds.louvain.stream` weighted
  (Blondel et al., 2008), on one thread so that the same graph gives the same partition.

Each call projects under a name of its own (`unsilo-<kind>-<random hex>`, so concurrent requests
never collide), streams the result and drops the projection in `finally`, also when the
algorithm fails. The projection reads the organization at the graph version the caller's
graphs describe, and raises `GraphMoved` when a write landed meanwhile. Cypher takes values only
as parameters; labels and relationship types are the store's fixed ones.

On an undirected projection GDS counts every pair of endpoints once (its score equals networkx's
unnormalized undirected betweenness, checked in `tests/test_neo4j_gds.py`), so
`unit_betweenness` only normalizes by the (n - 1)(n - 2) / 2 pairs of other units, the
`UnitSilo.betweenness` definition.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable, Sequence
from typing import Any

from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from graph_queries.errors import StoreUnavailable
from graph_queries.natural_order import community_order
from graph_queries.stores.neo4j_store import Neo4jSettings

__all__ = ["GdsUnavailable", "GraphMoved", "InDatabase"]

# The max criticality of a dependency: a dependency of the highest criticality weighs as much as
# a tie of strength 1 (`silos.unit_graph`).
MAX_CRITICALITY = 5

VERSION = "RETURN gds.version() AS version"

GRAPH_VERSION = """
MATCH (o:Organization {id: $org})
RETURN o.version AS version, coalesce(o.key, o.id) AS key
"""

# Every unit in scope is a node (an isolated one has betweenness 0); each pair of units with a
# tie between their leaders or a dependency is one undirected relationship.
UNIT_PROJECTION = """
CALL () {
  MATCH (u:Unit {org: $key})
  WHERE $units IS NULL OR u.id IN $units
  RETURN u AS source, null AS target, null AS distance
  UNION ALL
  CALL () {
    MATCH (a:Leader {org: $key})-[t:COLLABORATES_WITH]->(b:Leader {org: $key}),
          (a)-[:MEMBER_OF]->(x:Unit), (b)-[:MEMBER_OF]->(y:Unit)
    WHERE x <> y AND ($units IS NULL OR (x.id IN $units AND y.id IN $units))
    RETURN x, y, t.strength AS strength, 0 AS criticality
    UNION ALL
    MATCH (x:Unit {org: $key})-[d:DEPENDS_ON]->(y:Unit {org: $key})
    WHERE x <> y AND ($units IS NULL OR (x.id IN $units AND y.id IN $units))
    RETURN x, y, 0.0 AS strength, d.criticality AS criticality
  }
  WITH CASE WHEN x.id < y.id THEN [x, y] ELSE [y, x] END AS pair, strength, criticality
  WITH pair, sum(strength) + sum(criticality) / toFloat($max_criticality) AS weight
  RETURN pair[0] AS source, pair[1] AS target, 1.0 / weight AS distance
}
WITH gds.graph.project(
  $name, source, target,
  CASE WHEN target IS NULL THEN {} ELSE {relationshipProperties: {distance: distance}} END,
  {undirectedRelationshipTypes: ['*']}
) AS projected
RETURN projected.nodeCount AS nodes, projected.relationshipCount AS relationships
"""

EXECUTIVE_PROJECTION = """
CALL () {
  MATCH (e:Leader {org: $key, level: 'EXECUTIVE'})
  RETURN e AS source, null AS target, null AS weight
  UNION ALL
  MATCH (a:Leader {org: $key, level: 'EXECUTIVE'})-[t:COLLABORATES_WITH]->
        (b:Leader {org: $key, level: 'EXECUTIVE'})
  WHERE a <> b
  WITH CASE WHEN a.id < b.id THEN [a, b] ELSE [b, a] END AS pair, t.strength AS strength
  WITH pair, sum(coalesce(toFloat(strength), 1.0)) AS weight
  RETURN pair[0] AS source, pair[1] AS target, weight
}
WITH gds.graph.project(
  $name, source, target,
  CASE WHEN target IS NULL THEN {} ELSE {relationshipProperties: {weight: weight}} END,
  {undirectedRelationshipTypes: ['*']}
) AS projected
RETURN projected.nodeCount AS nodes, projected.relationshipCount AS relationships
"""

BETWEENNESS = """
CALL gds.betweenness.stream($name, {relationshipWeightProperty: 'distance'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
"""

# One thread: Louvain's moves depend on the order nodes are visited, which threads would vary.
LOUVAIN = """
CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId AS community
"""

DROP = "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName"


class GdsUnavailable(RuntimeError):
    """The server has no Graph Data Science library (or does not let us call it)."""


class GraphMoved(RuntimeError):
    """The organization was written (or deleted) after the caller read the graphs it analyses."""


class InDatabase:
    """GDS on the Neo4j server of a store; one per process, `close()` it on shutdown."""

    def __init__(self, settings: Neo4jSettings, max_pool_size: int = 4) -> None:
        self.settings = settings
        auth = (settings.user, settings.password) if settings.password else None
        # A driver of its own, small: a projection holds its connection for a whole algorithm.
        self._driver = AsyncGraphDatabase.driver(
            settings.uri,
            auth=auth,
            max_connection_pool_size=max_pool_size,
            connection_timeout=settings.connection_timeout,
        )

    async def close(self) -> None:
        await self._driver.close()

    async def version(self) -> str:
        """The server's GDS version; raises GdsUnavailable when it has none."""
        try:
            records, _, _ = await self._driver.execute_query(
                VERSION, database_=self.settings.database
            )
        except ClientError as error:
            raise GdsUnavailable(
                f"Neo4j at {self.settings.uri} has no Graph Data Science library "
                f"(gds.version() failed: {error.message})"
            ) from error
        except (ServiceUnavailable, SessionExpired) as error:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri}: {error}") from error
        return str(records[0]["version"])

    async def unit_betweenness(
        self, organization_id: str, version: int, units: Sequence[str] | None
    ) -> dict[str, float]:
        """Normalized weighted betweenness of every unit of `units` (None: all) in the unit
        graph, by unit id: the GDS score (each pair of endpoints counted once) times
        2 / ((n - 1)(n - 2)), with n the units in scope; 0 for every unit when n < 3."""
        rows = await self._run(
            "units",
            organization_id,
            version,
            UNIT_PROJECTION,
            BETWEENNESS,
            units=None if units is None else list(units),
            max_criticality=MAX_CRITICALITY,
        )
        scores = {str(row["id"]): float(row["score"]) for row in rows}
        n = len(scores)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        return {unit: score * scale for unit, score in scores.items()}

    async def executive_communities(self, organization_id: str, version: int) -> list[set[str]]:
        """Louvain communities of the executive graph, largest first, ties by ids in natural
        order (the order of `kernels.communities`)."""
        rows = await self._run(
            "executives", organization_id, version, EXECUTIVE_PROJECTION, LOUVAIN
        )
        found: dict[Hashable, set[str]] = {}
        for row in rows:
            found.setdefault(row["community"], set()).add(str(row["id"]))
        return sorted(found.values(), key=lambda c: (-len(c), community_order(c)))

    async def _run(
        self,
        kind: str,
        organization_id: str,
        version: int,
        projection: str,
        algorithm: str,
        **params: Any,
    ) -> list[Any]:
        name = f"unsilo-{kind}-{secrets.token_hex(8)}"

        async def work(tx: AsyncManagedTransaction) -> list[Any]:
            key = await _key_at(tx, organization_id, version)
            try:
                await (await tx.run(projection, name=name, key=key, **params)).consume()
                # Read committed: a write may land while projecting; the graph must be that of
                # `version`, so look again after.
                await _key_at(tx, organization_id, version)
                return [record async for record in await tx.run(algorithm, name=name)]
            finally:
                await self._drop(name)

        try:
            async with self._driver.session(database=self.settings.database) as session:
                return await session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as error:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri}: {error}") from error

    async def _drop(self, name: str) -> None:
        # Its own transaction: the drop must happen even when the algorithm's one failed.
        await self._driver.execute_query(DROP, name=name, database_=self.settings.database)


async def _key_at(tx: AsyncManagedTransaction, organization_id: str, version: int) -> str:
    record = await (await tx.run(GRAPH_VERSION, org=organization_id)).single()
    if record is None or record["version"] != version:
        found = None if record is None else record["version"]
        raise GraphMoved(f"organization {organization_id!r} is at version {found}, not {version}")
    return str(record["key"])
