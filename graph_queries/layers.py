"""Layers of ties: the analyses' view of an organization restricted to some tie kinds.

Every analysis takes an optional set of tie kinds. `restrict_ties` keeps only their ties in
`OrgGraphs.collaboration` (an analysis of undirected ties reads an arc of a directed kind as a
tie between its two leaders, so a reciprocated pair counts twice), `directed_layer` gives the
arcs of directed kinds with their direction, and `leader_groups` the grouping an analysis
compares groups by: the leaders' units, or a custom leader attribute.
"""

from __future__ import annotations

import dataclasses

import networkx as nx

from graph_queries.graphs import OrgGraphs

__all__ = ["directed_layer", "leader_groups", "restrict_ties"]


def restrict_ties(graphs: OrgGraphs, kinds: frozenset[str] | None) -> OrgGraphs:
    """The organization with only the ties of `kinds` (every tie when None); leaders, units,
    dependencies and conflicts unchanged. A tie without a kind belongs to no named layer."""
    if kinds is None:
        return graphs
    collaboration = nx.MultiGraph()
    collaboration.add_nodes_from(graphs.collaboration.nodes(data=True))
    collaboration.add_edges_from(
        (a, b, key, data)
        for a, b, key, data in graphs.collaboration.edges(keys=True, data=True)
        if data.get("kind") in kinds
    )
    arcs = directed_layer(graphs, kinds)
    return dataclasses.replace(graphs, collaboration=collaboration, arcs=arcs)


def directed_layer(graphs: OrgGraphs, kinds: frozenset[str]) -> nx.MultiDiGraph:
    """Every leader, and the arcs (leader_a -> leader_b) of the directed kinds among `kinds`."""
    layer = nx.MultiDiGraph()
    layer.add_nodes_from(graphs.arcs.nodes(data=True))
    layer.add_edges_from(
        (a, b, key, data)
        for a, b, key, data in graphs.arcs.edges(keys=True, data=True)
        if data.get("kind") in kinds
    )
    return layer


def leader_groups(graphs: OrgGraphs, group_by: str | None) -> dict[str, str]:
    """Each leader's group: their unit (None), or their value of the leader attribute
    `group_by` as text; a leader without a value is left out."""
    if group_by is None:
        return dict(graphs.reporting.nodes(data="unit"))
    groups: dict[str, str] = {}
    for leader, attributes in graphs.reporting.nodes(data="attributes", default={}):
        value = attributes.get(group_by)
        if value is not None:
            groups[leader] = str(value)
    return groups
