"""In-database graph algorithms (Neo4j Graph Data Science) against the reference results.

Every Neo4j the tests start has GDS (tests/neo4j_server.py); a server without it fails these
tests, it does not skip them. Tolerances:

- unit betweenness: relative 1e-9 (absolute 1e-12) of the project's own exact betweenness
  (`shortest_paths.betweenness`, the same floats as networkx). The database sums tie strengths in
  its own order, so edge lengths may differ from the analysis's in the last bits; nothing more.
- Louvain: the GDS partition's modularity (computed by `kernels.modularity` on the analysis's
  own executive graph) within 0.02 of the reference partition's (networkx, seed 42); both are
  greedy heuristics that may visit nodes in different orders. Where the structure is clear
  (dense groups joined by a weak tie) the partitions must be the same.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import AsyncIterator, Iterator

import networkx as nx
import pytest
from neo4j import GraphDatabase

from graph_queries.analyses.catalog import EXECUTIVE_FACTIONS, SILO_BOTTLENECKS
from graph_queries.analyses.factions import FactionArguments, executive_factions
from graph_queries.analyses.metrics import kernels, shortest_paths
from graph_queries.analyses.silos import SiloArguments, scope_units, silo_bottlenecks, unit_graph
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import (
    AttributeDeclaration,
    EntityKind,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.runner import AnalysisRunner, GraphAlgorithmsUnavailable
from graph_queries.stores.neo4j_gds import InDatabase
from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.sqlite_store import SqliteStore
from service.settings import Settings, SettingsError

pytestmark = pytest.mark.neo4j

RELATIVE = 1e-9
ABSOLUTE = 1e-12
MODULARITY_TOLERANCE = 0.02
# (leaders, seed): small to medium generated organizations, 9 to about 140 units.
ORGANIZATIONS = [(60, 1), (300, 2), (1000, 3)]


@pytest.fixture
async def store(neo4j_settings: Neo4jSettings) -> AsyncIterator[Neo4jStore]:
    opened = Neo4jStore(neo4j_settings)
    yield opened
    await opened.close()


@pytest.fixture
async def gds(neo4j_settings: Neo4jSettings) -> AsyncIterator[InDatabase]:
    opened = InDatabase(neo4j_settings)
    yield opened
    await opened.close()


@pytest.fixture
def projections(neo4j_settings: Neo4jSettings) -> Iterator[None]:
    """Checks after the test that no projection was left in the database."""
    yield
    auth = (neo4j_settings.user, neo4j_settings.password)
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("CALL gds.graph.list() YIELD graphName RETURN *")
    assert [record["graphName"] for record in records] == []


async def _stored(store: Neo4jStore, snapshot: OrgSnapshot) -> OrgGraphs:
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
    return build_graphs(await store.snapshot(ANONYMOUS, snapshot.organization.id))


def executive_graph(graphs: OrgGraphs) -> nx.Graph:
    """The faction analysis's executive graph (its definition, restated here: the module is
    private to the analysis): executives, parallel ties merged, strength summed."""
    executives = nx.Graph()
    executives.add_nodes_from(
        n for n, level in graphs.collaboration.nodes(data="level") if level == "EXECUTIVE"
    )
    for a, b, strength in graphs.collaboration.edges(list(executives), data="strength"):
        if a != b and a in executives and b in executives:
            before = executives.get_edge_data(a, b, default={"weight": 0.0})["weight"]
            executives.add_edge(a, b, weight=before + float(strength))
    return executives


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=RELATIVE, abs_tol=ABSOLUTE)


async def test_the_test_server_has_graph_data_science(gds: InDatabase) -> None:
    assert (await gds.version()).startswith("2.")


@pytest.mark.parametrize(("leaders", "seed"), ORGANIZATIONS)
async def test_unit_betweenness_equals_the_reference(
    store: Neo4jStore, gds: InDatabase, projections: None, leaders: int, seed: int
) -> None:
    graphs = await _stored(store, generate_organization(leaders, seed, f"org{leaders}"))
    places = unit_graph(graphs)
    reference = shortest_paths.betweenness(places, weight="distance", sample=None)
    found = await gds.unit_betweenness(graphs.organization_id, graphs.version, None)
    assert found.keys() == reference.keys()
    assert max(reference.values()) > 0
    wrong = {u: (found[u], reference[u]) for u in reference if not _close(found[u], reference[u])}
    assert wrong == {}


async def test_unit_betweenness_of_a_scope_is_on_the_scope_graph_only(
    store: Neo4jStore, gds: InDatabase, projections: None
) -> None:
    graphs = await _stored(store, generate_organization(1000, 3, "scoped"))
    division = max(
        (u for u in graphs.units if graphs.units.nodes[u]["parent"] is None),
        key=lambda u: len(scope_units(graphs, u)),
    )
    units = scope_units(graphs, division)
    reference = shortest_paths.betweenness(unit_graph(graphs, units), weight="distance")
    found = await gds.unit_betweenness(graphs.organization_id, graphs.version, units)
    assert found.keys() == reference.keys()
    assert all(_close(found[u], reference[u]) for u in reference)


@pytest.mark.parametrize(("leaders", "seed"), ORGANIZATIONS)
async def test_louvain_modularity_is_that_of_the_reference(
    store: Neo4jStore, gds: InDatabase, projections: None, leaders: int, seed: int
) -> None:
    graphs = await _stored(store, generate_organization(leaders, seed, f"org{leaders}"))
    executives = executive_graph(graphs)
    reference = kernels.communities(executives, weight="weight")
    found = await gds.executive_communities(graphs.organization_id, graphs.version)
    assert set().union(*found) == set(executives)
    q_found = kernels.modularity(executives, list(found), weight="weight")
    q_reference = kernels.modularity(executives, reference, weight="weight")
    assert abs(q_found - q_reference) <= MODULARITY_TOLERANCE


def _three_teams() -> OrgSnapshot:
    """Three cliques of five executives (ties of strength 1), each joined to the next by one
    tie of 0.1, plus one executive with no tie: an unmistakable community structure."""
    leaders = [
        Leader(f"e{g}{i}", f"Exec {g}{i}", f"u{g}", LeaderLevel.EXECUTIVE, f"Head {g}{i}")
        for g in range(3)
        for i in range(5)
    ]
    ties = [
        Tie(f"t{g}{i}{j}", f"e{g}{i}", f"e{g}{j}", 1.0, "WORK")
        for g in range(3)
        for i in range(5)
        for j in range(i + 1, 5)
    ]
    ties += [Tie(f"x{g}", f"e{g}0", f"e{(g + 1) % 3}1", 0.1, "MEETING") for g in range(3)]
    return OrgSnapshot.of(
        Organization("teams", "Three Teams"),
        [
            *(Unit(f"u{g}", f"Division {g}", UnitKind.DIVISION) for g in range(3)),
            *leaders,
            Leader("alone", "Al One", "u0", LeaderLevel.EXECUTIVE, "Head of Nothing"),
            *ties,
        ],
    )


async def test_louvain_finds_the_same_clear_communities(
    store: Neo4jStore, gds: InDatabase, projections: None
) -> None:
    graphs = await _stored(store, _three_teams())
    reference = kernels.communities(executive_graph(graphs), weight="weight")
    found = await gds.executive_communities(graphs.organization_id, graphs.version)
    assert found == reference
    assert [len(c) for c in found] == [5, 5, 5, 1]


async def test_the_runner_computes_silos_and_factions_in_the_database(
    store: Neo4jStore, projections: None
) -> None:
    graphs = await _stored(store, generate_organization(300, 2, "org300"))
    runner = AnalysisRunner(graph_algorithms="gds", path_sample=None)
    await runner.prepare(store)
    try:
        silos = await runner.run(store, ANONYMOUS, "org300", SILO_BOTTLENECKS, SiloArguments())
        factions = await runner.run(
            store, ANONYMOUS, "org300", EXECUTIVE_FACTIONS, FactionArguments()
        )
    finally:
        await runner.close()
    local = silo_bottlenecks(graphs, path_sample=None)
    assert silos.result.path_counting.unit_engine == "gds"
    assert local.path_counting.unit_engine == "local"
    got = {row.unit_id: row.betweenness for row in silos.result.units}
    assert all(_close(got[row.unit_id], row.betweenness) for row in local.units)
    assert [b.id for b in silos.result.bottlenecks] == [b.id for b in local.bottlenecks]
    assert factions.result == executive_factions(graphs)


async def test_a_layer_is_computed_here_since_the_projection_holds_every_tie(
    store: Neo4jStore, projections: None
) -> None:
    graphs = await _stored(store, generate_organization(300, 2, "org300"))
    runner = AnalysisRunner(graph_algorithms="gds", path_sample=None)
    await runner.prepare(store)
    layer = frozenset({"collaboration", "peer"})
    try:
        arguments = SiloArguments(path_sample=None, kinds=layer)
        silos = await runner.run(store, ANONYMOUS, "org300", SILO_BOTTLENECKS, arguments)
        factions = await runner.run(
            store, ANONYMOUS, "org300", EXECUTIVE_FACTIONS, FactionArguments(kinds=layer)
        )
    finally:
        await runner.close()
    assert silos.result.path_counting.unit_engine == "local"
    assert silos.result == silo_bottlenecks(graphs, path_sample=None, kinds=layer)
    assert factions.result == executive_factions(graphs, kinds=layer)


async def test_a_grouping_reaches_the_analyses_computed_in_the_database(
    store: Neo4jStore, projections: None
) -> None:
    snapshot = generate_organization(300, 2, "org300")
    snapshot.attributes = (AttributeDeclaration("band", EntityKind.LEADER),)
    for number, (id, leader) in enumerate(sorted(snapshot.leaders.items())):
        band = ("band=a",) if number % 3 else ("band=b",)
        snapshot.leaders[id] = dataclasses.replace(leader, attributes=band)
    graphs = await _stored(store, snapshot)
    runner = AnalysisRunner(graph_algorithms="gds", path_sample=None)
    await runner.prepare(store)
    try:
        arguments = SiloArguments(path_sample=None, group_by="band")
        silos = await runner.run(store, ANONYMOUS, "org300", SILO_BOTTLENECKS, arguments)
        factions = await runner.run(
            store, ANONYMOUS, "org300", EXECUTIVE_FACTIONS, FactionArguments(group_by="band")
        )
    finally:
        await runner.close()
    assert silos.result.path_counting.unit_engine == "gds"
    assert silos.result.groups == silo_bottlenecks(graphs, path_sample=None, group_by="band").groups
    assert [g.group for g in silos.result.groups] == ["a", "b"]
    assert factions.result == executive_factions(graphs, group_by="band")


async def test_a_scoped_silo_analysis_through_the_runner(
    store: Neo4jStore, projections: None
) -> None:
    graphs = await _stored(store, generate_organization(300, 2, "org300"))
    division = next(u for u in sorted(graphs.units) if graphs.units.nodes[u]["parent"] is None)
    runner = AnalysisRunner(graph_algorithms="gds", path_sample=None)
    await runner.prepare(store)
    try:
        arguments = SiloArguments(scope=division, path_sample=None)
        silos = await runner.run(store, ANONYMOUS, "org300", SILO_BOTTLENECKS, arguments)
    finally:
        await runner.close()
    local = silo_bottlenecks(graphs, scope=division, path_sample=None)
    got = {row.unit_id: row.betweenness for row in silos.result.units}
    assert got.keys() == {row.unit_id for row in local.units}
    assert all(_close(got[row.unit_id], row.betweenness) for row in local.units)


async def test_gds_needs_a_neo4j_store(tmp_path: object) -> None:
    runner = AnalysisRunner(graph_algorithms="gds")
    with pytest.raises(GraphAlgorithmsUnavailable, match="need a Neo4j store"):
        await runner.prepare(SqliteStore(f"{tmp_path}/unsilo.sqlite3"))
    await runner.close()


def test_bad_setting_values_are_named() -> None:
    with pytest.raises(SettingsError, match="UNSILO_GRAPH_ALGORITHMS: 'GPU' must be one of"):
        Settings.from_env({"UNSILO_GRAPH_ALGORITHMS": "GPU"})
    assert Settings.from_env({"UNSILO_GRAPH_ALGORITHMS": "GDS"}).graph_algorithms == "gds"
    assert Settings.from_env({}).graph_algorithms == "local"
    with pytest.raises(ValueError, match="graph algorithms must be one of local, gds"):
        AnalysisRunner(graph_algorithms="cuda")
