"""Networks as the field exchanges them (GraphML, GEXF, edge lists with a node table) read into an
organization: attributes typed, kinds directed as declared, weights as strengths, every problem
located, hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph_queries.errors import ValidationFailed
from graph_queries.formats.network import NetworkMapping, read_network
from graph_queries.model import AttributeType, LeaderLevel, TieKind, attribute_values

MAPPING = NetworkMapping("firm", "Firm", unit=("office",))


def _graphml(tmp_path: Path, graph: nx.Graph) -> Path:
    path = tmp_path / "firm.graphml"
    nx.write_graphml(graph, path)
    return path


def test_a_directed_graphml_becomes_leaders_units_attributes_and_arcs(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", name="Ann", office="Boston", level="executive", age=61, partner=True)
    graph.add_node("b", name="Bo", office="Boston", level="middle", age=35, partner=False)
    graph.add_node("c", name="Cy", office="Hartford", level="middle", age=40, partner=False)
    graph.add_edge("b", "a", kind="advice", weight=4)
    graph.add_edge("c", "a", kind="advice", weight=2)
    graph.add_edge("a", "b", kind="advice", weight=1)
    graph.add_edge("b", "a", kind="advice", weight=4)  # a parallel arc: weights add up
    graph.add_edge("c", "c", kind="advice")  # a self-loop: left out
    snapshot, counts = read_network([_graphml(tmp_path, graph)], MAPPING)
    assert {u.name for u in snapshot.units.values()} == {"Boston", "Hartford"}
    assert snapshot.leaders["a"].level is LeaderLevel.EXECUTIVE
    assert snapshot.leaders["c"].unit_id != snapshot.leaders["a"].unit_id
    # The unit attribute stays an attribute; `level` is a leader field, so it does not.
    assert attribute_values(snapshot.leaders["a"]) == {
        "age": "61", "office": "Boston", "partner": "true"
    }  # fmt: skip
    assert {(d.name, d.type) for d in snapshot.attributes} == {
        ("age", AttributeType.INTEGER),
        ("office", AttributeType.STRING),
        ("partner", AttributeType.BOOLEAN),
    }
    assert snapshot.tie_kinds == (TieKind("advice", directed=True),)
    strengths = {(t.leader_a_id, t.leader_b_id): t.strength for t in snapshot.ties.values()}
    assert strengths == {("b", "a"): 1.0, ("c", "a"): 0.25, ("a", "b"): 0.125}
    assert counts["self-loops left out"] == 1
    assert counts["parallel edges merged"] == 1


def test_an_undirected_gexf_merges_both_ways(tmp_path: Path) -> None:
    graph = nx.MultiGraph()
    graph.add_node("1", label="One", office="X")
    graph.add_node("2", label="Two", office="X")
    graph.add_edge("1", "2", kind="cowork")
    graph.add_edge("2", "1", kind="cowork")
    graph.add_edge("1", "2", kind="friendship")
    path = tmp_path / "firm.gexf"
    nx.write_gexf(graph, path)
    snapshot, _ = read_network([path], MAPPING)
    assert snapshot.leaders["1"].name == "One"
    assert sorted(t.kind for t in snapshot.ties.values()) == ["cowork", "friendship"]
    assert all(not kind.directed for kind in snapshot.tie_kinds)


def test_xml_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.graphml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="&b;"/></graph></graphml>'
    )
    with pytest.raises(ValidationFailed) as refused:
        read_network([path], MAPPING)
    assert "document type" in str(refused.value.errors[0])


def _csv(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_edge_lists_with_a_node_table_give_one_layer_per_file(tmp_path: Path) -> None:
    nodes = _csv(tmp_path / "people.csv", "id,office,status\n1,B,1\n2,B,2\n3,H,2\n")
    advice = _csv(tmp_path / "advice_edges.csv", "source,target\n2,1\n3,1\n1,2\n")
    cowork = _csv(tmp_path / "cowork_edges.csv", "source,target,weight\n1,2,3\n2,1,1\n")
    mapping = NetworkMapping(
        "firm", "Firm", unit=("office",), level="status",
        levels={"1": "EXECUTIVE", "2": "MIDDLE"}, directed=frozenset({"advice"}),
    )  # fmt: skip
    snapshot, _ = read_network([advice, cowork], mapping, nodes)
    assert set(snapshot.tie_kinds) == {TieKind("advice", True), TieKind("cowork", False)}
    layers = {(t.kind, t.leader_a_id, t.leader_b_id): t.strength for t in snapshot.ties.values()}
    # Co-work is undirected here: the two rows of one pair are one tie, weights added.
    assert layers == {
        ("advice", "2", "1"): 1.0, ("advice", "3", "1"): 1.0, ("advice", "1", "2"): 1.0,
        ("cowork", "1", "2"): 1.0,
    }  # fmt: skip
    assert snapshot.leaders["1"].level is LeaderLevel.EXECUTIVE


@pytest.mark.parametrize(
    ("edges", "where"),
    [
        ("source,target\n1,9\n", "advice_edges.csv:2"),
        ("source,target,weight\n1,2,-1\n", "edges[#1]"),
        ("from,to\n1,2\n", "advice_edges.csv:1"),
    ],
)
def test_problems_are_located(tmp_path: Path, edges: str, where: str) -> None:
    nodes = _csv(tmp_path / "people.csv", "id,office\n1,B\n2,B\n")
    path = _csv(tmp_path / "advice_edges.csv", edges)
    with pytest.raises(ValidationFailed) as refused:
        read_network([path], MAPPING, nodes)
    assert any(where in str(error) for error in refused.value.errors), refused.value.errors


def test_a_node_without_its_unit_is_reported(tmp_path: Path) -> None:
    nodes = _csv(tmp_path / "people.csv", "id,office\n1,B\n2,\n")
    path = _csv(tmp_path / "advice_edges.csv", "source,target\n1,2\n")
    with pytest.raises(ValidationFailed) as refused:
        read_network([path], MAPPING, nodes)
    assert [e.path for e in refused.value.errors] == ["nodes[2]"]
