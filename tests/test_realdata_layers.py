"""The Lazega advice and friendship networks as directed layers: facts of the data, computed
here with plain networkx from the published CSV files, against what the import and
`directed_network` make of them (docs/validation.md)."""

from __future__ import annotations

import statistics
from pathlib import Path

import networkx as nx
import pytest

from graph_queries.analyses.directed import directed_network
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import silo_bottlenecks
from graph_queries.graphs import OrgGraphs, build_graphs
from tests import realdata
from tests.realdata_layers import ADVICE, FRIENDSHIP, arcs, lazega_layers

SOURCE = realdata.DATA / realdata.LAZEGA_DIR


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> OrgGraphs:
    return build_graphs(lazega_layers(tmp_path_factory.mktemp("lazega-layers")))


def published(file: str) -> nx.DiGraph:
    network = nx.DiGraph()
    network.add_nodes_from(row["id"] for row in realdata.csv_dicts(SOURCE / "attributes.csv"))
    network.add_edges_from(arcs(SOURCE / file))
    return network


def status_of() -> dict[str, str]:
    return {row["id"]: row["status"] for row in realdata.csv_dicts(SOURCE / "attributes.csv")}


def test_every_arc_is_imported_both_ways_of_a_mutual_pair(graphs: OrgGraphs) -> None:
    kinds = [kind for _, _, kind in graphs.arcs.edges(data="kind")]
    assert (kinds.count(ADVICE), kinds.count(FRIENDSHIP)) == (892, 575)
    assert graphs.directed_kinds == {ADVICE, FRIENDSHIP}


@pytest.mark.parametrize(
    ("kind", "file", "expected"),
    [(ADVICE, "advice_edges.csv", 0.392377), (FRIENDSHIP, "friendship_edges.csv", 0.612174)],
)
def test_reciprocity_is_the_published_networks(
    graphs: OrgGraphs, kind: str, file: str, expected: float
) -> None:
    report = directed_network(graphs, frozenset({kind}), top=None)
    assert report.reciprocity == pytest.approx(nx.reciprocity(published(file)), abs=1e-6)
    assert report.reciprocity == expected
    # Friends reciprocate more than advisers do: advice flows one way, up the hierarchy.
    assert report.arcs == published(file).number_of_edges()


def test_partners_receive_more_advice_than_associates(graphs: OrgGraphs) -> None:
    report = directed_network(graphs, frozenset({ADVICE}), top=None)
    in_degree = {row.leader_id: row.in_degree for row in report.leaders}
    advice = published("advice_edges.csv")
    active = [n for n in advice if advice.degree(n) > 0]
    assert in_degree == {f"l{n}": advice.in_degree(n) for n in active}
    status = status_of()
    partners = statistics.mean(in_degree.get(f"l{n}", 0) for n in status if status[n] == "1")
    associates = statistics.mean(in_degree.get(f"l{n}", 0) for n in status if status[n] == "2")
    assert partners == pytest.approx(17.694, abs=1e-3)
    assert associates == pytest.approx(7.286, abs=1e-3)
    # Ranked by advice received, then given, then id: the four most sought-after are partners,
    # and 8 of the first 10 (36 of the 71 lawyers are partners).
    ranking = sorted(active, key=lambda n: (-advice.in_degree(n), -advice.out_degree(n), f"l{n}"))
    assert [row.leader_id for row in report.leaders] == [f"l{n}" for n in ranking]
    top = [status[row.leader_id[1:]] for row in report.leaders[:10]]
    assert (top[:4], top.count("1")) == (["1"] * 4, 8)


def test_directed_betweenness_is_networkx_on_the_advice_arcs(graphs: OrgGraphs) -> None:
    report = directed_network(graphs, frozenset({ADVICE}), top=None)
    expected = nx.betweenness_centrality(published("advice_edges.csv"), normalized=True)
    found = {row.leader_id[1:]: row.betweenness for row in report.leaders}
    assert found == pytest.approx({n: expected[n] for n in found}, abs=1e-6)


def test_the_ei_index_on_advice_arcs_by_team(graphs: OrgGraphs) -> None:
    report = directed_network(graphs, frozenset({ADVICE}))
    team = {
        row["id"]: (row["office"], row["practice"])
        for row in realdata.csv_dicts(SOURCE / "attributes.csv")
    }
    advice = arcs(SOURCE / "advice_edges.csv")
    within = sum(1 for a, b in advice if team[a] == team[b])
    between = len(advice) - within
    assert report.ei_index == round((between - within) / (between + within), 6)


def test_the_ei_index_on_advice_arcs_by_office(graphs: OrgGraphs) -> None:
    """Grouped by the `office` attribute: the share of advice crossing offices."""
    report = directed_network(graphs, frozenset({ADVICE}), group_by="office")
    office = {row["id"]: row["office"] for row in realdata.csv_dicts(SOURCE / "attributes.csv")}
    advice = arcs(SOURCE / "advice_edges.csv")
    within = sum(1 for a, b in advice if office[a] == office[b])
    assert report.grouped_by == "office"
    assert report.ei_index == round((len(advice) - 2 * within) / len(advice), 6)
    assert report.ei_index == -0.569507  # 700 of the 892 requests stay inside an office
    boston = next(group for group in report.groups if group.group == "Boston")
    assert boston.leaders == sum(1 for o in office.values() if o == "1")


def test_attributes_group_silos_and_factions(graphs: OrgGraphs) -> None:
    silos = silo_bottlenecks(graphs, kinds=frozenset({"WORK"}), group_by="practice")
    assert [group.group for group in silos.groups] == ["Corporate", "Litigation"]
    assert sum(group.leaders for group in silos.groups) == 71
    factions = executive_factions(graphs, kinds=frozenset({"WORK"}), group_by="office")
    assert factions.grouped_by == "office"
    assert factions.alignment.divisions == 3


def test_the_work_layer_alone_gives_the_plain_import_s_silos(
    graphs: OrgGraphs, tmp_path: Path
) -> None:
    plain = build_graphs(realdata.lazega(tmp_path))
    layered = silo_bottlenecks(graphs, kinds=frozenset({"WORK"}))
    # The plain import also holds advice as dependencies between teams; the ties are the same.
    ties = [(u.unit_id, u.ties, u.ei_index, u.insularity) for u in layered.units]
    assert ties == [
        (u.unit_id, u.ties, u.ei_index, u.insularity) for u in silo_bottlenecks(plain).units
    ]
    every = silo_bottlenecks(graphs)
    internal = sum(u.ties.internal for u in layered.units)
    assert sum(u.ties.internal for u in every.units) > internal  # advice and friendship too
