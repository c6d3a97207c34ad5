"""Export-ready networkx graphs: the organization's graphs with plain attributes only.

`export_layers` gives the five graphs of `build_graphs` (units, reporting, collaboration,
dependencies, conflicts) with their attributes made plain (`values`) and the analyses' figures
added (`annotations`); `organization_graph` puts them all in one MultiDiGraph, the file a
network tool such as Gephi opens. Every attribute is str, int, float or bool, so GraphML, GEXF
and node-link JSON carry them as they are. docs/exports.md describes both.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph_queries.exports.annotations import Annotations, analysis_annotations
from graph_queries.exports.results import AnalysisResults
from graph_queries.exports.values import plain_attributes
from graph_queries.graphs import OrgGraphs

LAYERS = ("units", "reporting", "collaboration", "dependencies", "conflicts")
UNIT = "unit"
LEADER = "leader"
# Relations of the organization graph. Named `relation`, not `type`, `id` or `label`:
# networkx's GEXF writer takes those as the edge's direction and the element's id and label.
PARENT, MEMBER, MANAGES, TIE, DEPENDENCY, CONFLICT = (
    "parent",
    "member",
    "manages",
    "tie",
    "dependency",
    "conflict",
)


def export_layers(graphs: OrgGraphs, results: AnalysisResults | None = None) -> dict[str, Any]:
    """The five graphs of `graphs` by name (`LAYERS`), export-ready; node ids and edge keys
    as in `build_graphs`, each edge of a multigraph with its key as `id` too."""
    found = analysis_annotations(results) if results is not None else Annotations()
    layers: dict[str, Any] = {}
    for name in LAYERS:
        source = getattr(graphs, name)
        of_units = name in ("units", "dependencies", "conflicts")
        figures = found.units if of_units else found.leaders
        layer: Any = type(source)()
        for node, data in source.nodes(data=True):
            layer.add_node(node, **plain_attributes(data), **figures.get(node, {}))
        if source.is_multigraph():
            for a, b, key, data in source.edges(keys=True, data=True):
                # The key again as `id`: GEXF's edge id, kept where a reader drops keys.
                layer.add_edge(a, b, key=key, id=key, **_edge(name, a, b, key, data, found))
        else:
            for a, b, data in source.edges(data=True):
                layer.add_edge(a, b, **plain_attributes(data))
        layers[name] = layer
    return layers


def organization_graph(
    graphs: OrgGraphs, results: AnalysisResults | None = None
) -> nx.MultiDiGraph:
    """Units and leaders in one MultiDiGraph.

    Nodes: `unit:ID` and `leader:ID` (a unit and a leader may share an id), with `entity`
    ("unit" or "leader"), `entity_id` and the attributes of `export_layers`. Edges, each with
    `relation`, keyed (and `id`) `relation:ID`: `parent` (a unit to its child unit, keyed by the
    child), `member` (a leader to their unit, keyed by the leader), `manages` (a manager to a
    report, keyed by the report), `tie` (leader_a to leader_b, `directed` True for a tie of a
    directed kind), `dependency` (the unit that depends to the one it depends on),
    `conflict` (unit_a to unit_b).
    """
    layers = export_layers(graphs, results)
    whole = nx.MultiDiGraph(organization=graphs.organization_id, version=graphs.version)
    for unit, data in layers["units"].nodes(data=True):
        whole.add_node(_node(UNIT, unit), entity=UNIT, entity_id=unit, **data)
    for leader, data in layers["reporting"].nodes(data=True):
        whole.add_node(_node(LEADER, leader), entity=LEADER, entity_id=leader, **data)
    for parent, child in layers["units"].edges():
        _link(whole, PARENT, child, (UNIT, parent), (UNIT, child), {})
    for leader, unit in graphs.reporting.nodes(data="unit"):
        if unit is not None:
            _link(whole, MEMBER, leader, (LEADER, leader), (UNIT, unit), {})
    for manager, report in layers["reporting"].edges():
        _link(whole, MANAGES, report, (LEADER, manager), (LEADER, report), {})
    for a, b, key, data in layers["collaboration"].edges(keys=True, data=True):
        directed = data["kind"] in graphs.directed_kinds
        # An undirected multigraph may hand a tie back as b, a: the arc keeps the tie's order.
        if directed and graphs.arcs.has_edge(b, a, key):
            a, b = b, a
        _link(whole, TIE, key, (LEADER, a), (LEADER, b), {**data, "directed": directed})
    for a, b, key, data in layers["dependencies"].edges(keys=True, data=True):
        _link(whole, DEPENDENCY, key, (UNIT, a), (UNIT, b), data)
    for a, b, key, data in layers["conflicts"].edges(keys=True, data=True):
        _link(whole, CONFLICT, key, (UNIT, a), (UNIT, b), data)
    return whole


def _edge(
    layer: str, a: str, b: str, key: str, data: dict[str, Any], found: Annotations
) -> dict[str, Any]:
    attributes: dict[str, Any] = plain_attributes(data)
    if layer == "dependencies" and "owners" in data:
        attributes["owner_count"] = len(data["owners"])
    if layer == "collaboration":
        attributes.update(found.ties.get(key, {}))
    if layer == "conflicts":
        attributes.update(found.conflict_pair(a, b))
    return attributes


def _node(kind: str, entity_id: str) -> str:
    return f"{kind}:{entity_id}"


def _link(
    whole: nx.MultiDiGraph,
    kind: str,
    entity_id: str,
    source: tuple[str, str],
    target: tuple[str, str],
    data: dict[str, Any],
) -> None:
    whole.add_edge(_node(*source), _node(*target), key=f"{kind}:{entity_id}", relation=kind, **data)
