"""The executive graph of the faction analysis, and the small lookups its modules share.

`_executive_graph` keeps the EXECUTIVE leaders of `OrgGraphs.collaboration` and merges their
parallel ties into one edge of summed strength; beside it are its connected components, why it
is too thin to analyse (`_empty_reason`), an executive's division (the `division` of their unit),
and the name, strength, ratio and plural helpers that `factions`, `faction_structure` and
`division_alignment` build their figures and reasons with. All are private to the faction
analysis.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx

from graph_queries.graphs import OrgGraphs
from graph_queries.model import LeaderLevel

# ---- the executive graph -------------------------------------------------------------------------


def _executive_graph(graphs: OrgGraphs) -> nx.Graph:
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


def _empty_reason(executives: nx.Graph) -> str | None:
    count = executives.number_of_nodes()
    if count == 0:
        return "The organization has no executives (leaders at level EXECUTIVE)."
    if count == 1:
        return "The organization has one executive, so there is no top team to split."
    if executives.number_of_edges() == 0:
        return f"No collaboration ties are recorded among the {count} executives."
    return None


def _components(executives: nx.Graph) -> tuple[tuple[str, ...], ...]:
    found = [tuple(sorted(str(n) for n in c)) for c in nx.connected_components(executives)]
    return tuple(sorted(found, key=lambda c: (-len(c), c)))


def _division(graphs: OrgGraphs, leader: Hashable) -> str | None:
    unit = graphs.collaboration.nodes[leader].get("unit")
    if unit is None or unit not in graphs.units:
        return None
    division = graphs.units.nodes[unit].get("division")
    return None if division is None else str(division)


def _leader_name(graphs: OrgGraphs, leader: str) -> str:
    return str(graphs.collaboration.nodes[leader].get("name", leader))


def _unit_name(graphs: OrgGraphs, unit: str | None) -> str | None:
    if unit is None:
        return None
    return str(graphs.units.nodes[unit].get("name", unit)) if unit in graphs.units else unit


def _strength(executives: nx.Graph, edges: Iterable[tuple[Hashable, Hashable]]) -> float:
    return math.fsum(float(executives.edges[a, b]["weight"]) for a, b in edges)


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
