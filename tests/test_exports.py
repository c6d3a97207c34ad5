"""Exports of the organization's graphs and analyses, each read back by another reader.

GEXF: no package on PyPI or npm ships the GEXF 1.2 XSD, so the file is checked with defusedxml
against the elements and attributes the GEXF 1.2 primer requires instead.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from defusedxml import ElementTree

from graph_queries.exports import (
    LAYERS,
    AnalysisResults,
    analysis_tables,
    compute_results,
    csv_cell,
    export_layers,
    node_link,
    organization_graph,
    write_gexf,
    write_graph,
    write_graphml,
    write_node_link,
    write_tables,
)
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.privacy_floor import unit_leaders

AS_OF = date(2026, 1, 1)
FLOOR = 5
GEXF_NS = "{http://www.gexf.net/1.2draft}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI"}


@pytest.fixture(scope="module")
def graphs() -> OrgGraphs:
    snapshot = generate_organization(leaders=100)
    # A unit named like a spreadsheet formula: its cells must come out escaped.
    first = next(iter(snapshot.units.values()))
    snapshot.units[first.id] = dataclasses.replace(first, name="=HYPERLINK(1)")
    return build_graphs(snapshot)


@pytest.fixture(scope="module")
def results(graphs: OrgGraphs) -> AnalysisResults:
    return compute_results(graphs, AS_OF, FLOOR)


@pytest.fixture(scope="module")
def exported(graphs: OrgGraphs, results: AnalysisResults) -> dict[str, Any]:
    layers = export_layers(graphs, results)
    return {**layers, "organization": organization_graph(graphs, results)}


def test_the_raw_graphs_do_not_write_but_the_export_ready_ones_hold_only_plain_values(
    graphs: OrgGraphs, exported: dict[str, Any], tmp_path: Path
) -> None:
    with pytest.raises(nx.NetworkXError):
        nx.write_graphml(graphs.units, tmp_path / "raw.graphml")  # None parents
    for graph in exported.values():
        for _node, data in graph.nodes(data=True):
            assert all(isinstance(v, str | int | float | bool) for v in data.values()), data
        for *_ends, data in graph.edges(data=True):
            assert all(isinstance(v, str | int | float | bool) for v in data.values()), data
    conflict = next(iter(exported["conflicts"].edges(data=True)))[2]
    assert date.fromisoformat(conflict["raised_at"]) <= AS_OF  # ISO 8601 date text


def _same(original: Any, read: Any, added: frozenset[str] = frozenset()) -> None:
    """Same nodes, edges (with keys) and attribute values; `added`: what the reader adds."""
    assert dict(original.nodes(data=True)) == {
        node: {k: v for k, v in data.items() if k not in added or k in original.nodes[node]}
        for node, data in read.nodes(data=True)
    }

    def edges(graph: Any) -> dict[Any, Any]:
        found = {}
        for a, b, key, data in graph.edges(keys=True, data=True):
            ends = (a, b) if graph.is_directed() else frozenset((a, b))
            found[(ends, key)] = {k: v for k, v in data.items() if k not in added}
        return found

    if original.is_multigraph():
        assert edges(original) == edges(read)
    else:
        assert {(a, b): d for a, b, d in original.edges(data=True)} == {
            (a, b): {k: v for k, v in d.items() if k not in added}
            for a, b, d in read.edges(data=True)
        }


@pytest.mark.parametrize("name", [*LAYERS, "organization"])
def test_graphml_reads_back_the_same(exported: dict[str, Any], name: str, tmp_path: Path) -> None:
    graph = exported[name]
    write_graphml(graph, tmp_path / "g.graphml")
    read = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=graph.is_multigraph())
    _same(graph, read)


@pytest.mark.parametrize("name", [*LAYERS, "organization"])
def test_gexf_reads_back_the_same(exported: dict[str, Any], name: str, tmp_path: Path) -> None:
    graph = exported[name]
    write_gexf(graph, tmp_path / "g.gexf")
    read = nx.read_gexf(tmp_path / "g.gexf")
    if graph.is_multigraph() and not read.is_multigraph():
        # networkx reads a file without parallel edges as a simple graph: keys are the ids.
        rebuilt = type(graph)()
        rebuilt.add_nodes_from(read.nodes(data=True))
        rebuilt.add_edges_from((a, b, d["id"], d) for a, b, d in read.edges(data=True))
        read = rebuilt
    elif not graph.is_multigraph():
        read = type(graph)(read)
    _same(graph, read, added=frozenset({"label", "id"}))


@pytest.mark.parametrize("name", [*LAYERS, "organization"])
def test_node_link_json_reads_back_the_same(
    exported: dict[str, Any], name: str, tmp_path: Path
) -> None:
    graph = exported[name]
    write_node_link(graph, tmp_path / "g.json")
    text = (tmp_path / "g.json").read_text(encoding="utf-8")
    _same(graph, nx.node_link_graph(json.loads(text), edges="edges"))
    write_node_link(graph, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == text  # stable bytes
    assert node_link(graph)["multigraph"] == graph.is_multigraph()


def test_gexf_has_the_structure_the_gexf_1_2_primer_requires(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    graph = exported["organization"]
    write_gexf(graph, tmp_path / "g.gexf")
    root = ElementTree.parse(tmp_path / "g.gexf").getroot()
    assert root.tag == f"{GEXF_NS}gexf"
    assert root.get("version") == "1.2"
    (body,) = root.findall(f"{GEXF_NS}graph")
    assert body.get("defaultedgetype") in {"directed", "undirected", "mutual"}
    declared: dict[str, dict[str, str]] = {}
    for block in body.findall(f"{GEXF_NS}attributes"):
        assert block.get("class") in {"node", "edge"}
        for attribute in block.findall(f"{GEXF_NS}attribute"):
            assert attribute.get("id")
            assert attribute.get("title")
            assert attribute.get("type") in GEXF_TYPES
            declared.setdefault(block.get("class"), {})[attribute.get("id")] = attribute.get("type")
    nodes = body.findall(f"{GEXF_NS}nodes/{GEXF_NS}node")
    edges = body.findall(f"{GEXF_NS}edges/{GEXF_NS}edge")
    assert len(nodes) == graph.number_of_nodes()
    assert len(edges) == graph.number_of_edges()
    ids = [node.get("id") for node in nodes]
    assert len(set(ids)) == len(ids)
    assert len({edge.get("id") for edge in edges}) == len(edges)
    for element, kind in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        if kind == "edge":
            assert element.get("source") in ids
            assert element.get("target") in ids
        for value in element.findall(f"{GEXF_NS}attvalues/{GEXF_NS}attvalue"):
            type_ = declared[kind][value.get("for")]  # every value of a declared attribute
            text = value.get("value")
            if type_ in {"integer", "long"}:
                int(text)
            elif type_ in {"double", "float"}:
                float(text)
            elif type_ == "boolean":
                assert text in {"true", "false"}


def test_unknown_graph_extension_is_refused(exported: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown graph format '\.dot'"):
        write_graph(exported["units"], tmp_path / "g.dot")


def test_csv_tables_read_back_with_formulas_escaped(
    results: AnalysisResults, tmp_path: Path
) -> None:
    tables = analysis_tables(results)
    paths = write_tables(tables, tmp_path)
    assert [p.name for p in paths] == [f"{t.name}.csv" for t in tables]
    assert {t.name.split("-")[0] for t in tables} == {
        "silo_bottlenecks", "conflict_hotspots", "executive_factions", "execution_report"
    }  # fmt: skip
    escaped = 0
    for table, path in zip(tables, paths, strict=True):
        with path.open(encoding="utf-8", newline="") as file:
            header, *rows = list(csv.reader(file))
        assert header == list(table.columns)
        assert rows == [[str(csv_cell(cell)) for cell in row] for row in table.rows]
        for row in rows:
            assert not any(cell.startswith(("=", "+", "@")) for cell in row)
            escaped += sum(cell.startswith("'=HYPERLINK") for cell in row)
    assert escaped > 0  # the unit's name, wherever it is quoted
    assert csv_cell("-1") == "'-1"
    assert csv_cell(-1) == -1


def test_analysis_figures_are_on_the_nodes_and_edges(
    graphs: OrgGraphs, results: AnalysisResults, exported: dict[str, Any]
) -> None:
    silos, hotspots = results.silo_bottlenecks, results.conflict_hotspots
    assert silos is not None
    assert hotspots is not None
    whole = exported["organization"]
    for rank, bottleneck in enumerate(silos.bottlenecks, start=1):
        node = whole.nodes[f"{bottleneck.kind.value.lower()}:{bottleneck.id}"]
        assert node["bottleneck_rank"] == rank
        assert node["bottleneck_score"] == bottleneck.score
    for unit in hotspots.units:
        node = exported["units"].nodes[unit.unit]
        assert node["conflicts_unresolved"] == unit.figures.counts.unresolved
        assert node["conflict_score"] == unit.figures.score
    bridge_ties = {tie for bridge in silos.bridges for tie in bridge.tie_ids}
    flagged = {
        k
        for *_e, k, d in exported["collaboration"].edges(keys=True, data=True)
        if d.get("silo_bridge")
    }
    assert flagged == bridge_ties


def test_privacy_floor_by_default_and_lifted(graphs: OrgGraphs, results: AnalysisResults) -> None:
    small = {unit for unit, n in unit_leaders(graphs).items() if n < FLOOR}
    assert small  # the demo has small units
    floored = export_layers(graphs, results)["units"]
    assert all("silo_leaders" not in floored.nodes[unit] for unit in small)
    assert results.withheld["silo_bottlenecks"] > 0
    lifted = compute_results(graphs, AS_OF, FLOOR, ["silo_bottlenecks"], include_small_groups=True)
    units = export_layers(graphs, lifted)["units"]
    assert {unit: units.nodes[unit]["silo_leaders"] for unit in small} == {
        unit: unit_leaders(graphs)[unit] for unit in small
    }
    assert lifted.withheld == {"silo_bottlenecks": 0}
