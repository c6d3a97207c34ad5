"""The executive graph of the faction analysis.

`executive_graph` keeps the EXECUTIVE leaders of `OrgGraphs.collaboration` and merges their
parallel ties into one edge of summed strength; beside it are its connected components, why it
is too thin to analyse (`thin_team_reason`), an executive's division (the `division` of their
unit) and the summed weight of a set of its edges.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx

from graph_queries.graphs import OrgGraphs
from graph_queries.model import LeaderLevel
from graph_queries.natural_order import natural_key, natural_sorted

__all__ = [
    "components_of",
    "division_of",
    "executive_graph",
    "summed_weight",
    "thin_team_reason",
]

# ---- the executive graph -------------------------------------------------------------------------


def executive_graph(graphs: OrgGraphs) -> nx.Graph:
    """Executives and their ties, parallel ties merged into one edge of summed strength."""
    collaboration = graphs.collaboration
    executives = nx.Graph()
    executives.add_nodes_from(
        node for node, level in collaboration.nodes(data="level") if level == LeaderLevel.EXECUTIVE
    )
    for a, b, strength in collaboration.edges(list(executives), data="strength", default=1.0):
        if a != b and a in executives and b in executives:
            previous = executives.get_edge_data(a, b, default={"weight": 0.0})["weight"]
            executives.add_edge(a, b, weight=previous + float(strength))
    return executives


def thin_team_reason(executives: nx.Graph) -> str | None:
    count = executives.number_of_nodes()
    if count == 0:
        return "The organization has no executives (leaders at level EXECUTIVE)."
    if count == 1:
        return "The organization has one executive, so there is no top team to split."
    if executives.number_of_edges() == 0:
        return f"No collaboration ties are recorded among the {count} executives."
    return None


def components_of(executives: nx.Graph) -> tuple[tuple[str, ...], ...]:
    found = [tuple(natural_sorted(str(n) for n in c)) for c in nx.connected_components(executives)]
    return tuple(sorted(found, key=lambda c: (-len(c), [natural_key(n) for n in c])))


def division_of(graphs: OrgGraphs, leader: Hashable) -> str | None:
    unit = graphs.collaboration.nodes[leader].get("unit")
    if unit is None or unit not in graphs.units:
        return None
    division = graphs.units.nodes[unit].get("division")
    return None if division is None else str(division)


def summed_weight(executives: nx.Graph, edges: Iterable[tuple[Hashable, Hashable]]) -> float:
    """The exact sum of the `weight` of `edges`."""
    return math.fsum(float(executives.edges[a, b]["weight"]) for a, b in edges)
