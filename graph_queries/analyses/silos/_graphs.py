"""The graphs the silo analysis works on: leaders joined by ties, units joined by ties and
dependencies, with ties and leaders looked up in id order.

Everything here is built in id order (nodes, edges, and the ties whose strengths are summed), so
that sums come out the same to the last bit however `OrgGraphs` was built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter

import networkx as nx

from graph_queries.graphs import OrgGraphs

__all__ = [
    "MAX_CRITICALITY",
    "leader_graph",
    "leaders_in",
    "ordered_pair",
    "scope_ties",
    "ties_by_id",
    "unit_graph",
]

MAX_CRITICALITY = 5


def ordered_pair(a: str, b: str) -> tuple[str, str]:
    """The two ids, smaller first."""
    return (a, b) if a <= b else (b, a)


def ties_by_id(graphs: OrgGraphs, leaders: list[str]) -> list[tuple[str, str, float]]:
    """The ties touching `leaders` in id order, so that strengths add up in the same order
    (to the last bit) however the graphs were built."""
    # A generator, not the view: sorted() would first ask the view its length, which networkx
    # finds by walking every edge.
    found = (tie for tie in _ties_of(graphs, leaders))
    return [(a, b, strength) for a, b, _, strength in sorted(found, key=itemgetter(2))]


def _ties_of(graphs: OrgGraphs, leaders: list[str]) -> Iterable[tuple[str, str, str, float]]:
    """The ties touching `leaders`, in no particular order; without a node filter (much
    faster) when they are all the leaders."""
    collaboration = graphs.collaboration
    if len(leaders) == collaboration.number_of_nodes():
        found: Iterable[tuple[str, str, str, float]] = collaboration.edges(
            keys=True, data="strength"
        )
    else:
        found = collaboration.edges(leaders, keys=True, data="strength")
    return found


def scope_ties(graphs: OrgGraphs, units: set[str]) -> list[tuple[str, str, float]]:
    """`ties_by_id` of the leaders of `units`: the ties the unit graph and the unit figures
    both read, found once."""
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    return ties_by_id(graphs, [leader for leader, unit in unit_of.items() if unit in units])


def leaders_in(graphs: OrgGraphs, units: set[str]) -> list[str]:
    """The ids of the leaders of `units`, sorted."""
    return sorted(leader for leader, unit in graphs.reporting.nodes(data="unit") if unit in units)


def leader_graph(graphs: OrgGraphs, leaders: Iterable[str] | None = None) -> nx.Graph:
    """The collaboration ties as a simple graph, nodes and edges added in id order.

    Nodes: the given leaders (default: all), attributes `name`, `title`, `unit`. Edges: one per
    pair of those leaders with at least one tie, attribute `ties` (sorted tie ids) and `strength`
    (summed strength of those ties).
    """
    chosen = sorted(graphs.collaboration if leaders is None else set(leaders))
    nodes = graphs.collaboration.nodes
    graph = nx.Graph()
    graph.add_nodes_from(
        (leader, {"name": data["name"], "title": data["title"], "unit": data["unit"]})
        for leader in chosen
        for data in (nodes[leader],)
    )
    # Pairs in id order without sorting them all: each leader's own neighbours from it on, in
    # order, read from the plain dicts of `adjacency()` (views per node cost far more).
    around = dict(graphs.collaboration.adjacency())
    inside = None if leaders is None else set(chosen)
    edges = []
    for a in chosen:
        ties_of_a = around[a]
        for b in sorted(b for b in ties_of_a if b >= a and (inside is None or b in inside)):
            between = ties_of_a[b]
            if len(between) == 1:  # most pairs: nothing to order or add up
                ((key, data),) = between.items()
                edges.append((a, b, {"ties": (key,), "strength": data["strength"]}))
                continue
            # In id order, so that strengths add up the same way however the ties came in.
            unique = dict(sorted((key, data["strength"]) for key, data in between.items()))
            edges.append((a, b, {"ties": tuple(unique), "strength": sum(unique.values())}))
    graph.add_edges_from(edges)
    return graph


def unit_graph(
    graphs: OrgGraphs,
    units: Iterable[str] | None = None,
    scoped_ties: list[tuple[str, str, float]] | None = None,
) -> nx.Graph:
    """The units (default: all) as a weighted graph, nodes and edges added in id order.

    Two units are joined when a leader of one has a collaboration tie to a leader of the other,
    or one depends on the other: a dependency is a working interface, a channel for
    coordination even without a personal tie (`dependency_coverage` reports that gap). Edge
    attributes: `ties` (count), `strength` (summed tie strength), `dependencies` (count, both
    directions), `criticality` (summed), and
        weight = strength + criticality / 5,
    so a tie of strength 1 and a dependency of the highest criticality weigh the same, and
    `distance` = 1 / weight, the length betweenness uses (a strong link is a short path).
    Node attributes: `name`, `division`. `scoped_ties`: `scope_ties` of the units, when
    already found.
    """
    chosen = sorted(graphs.units if units is None else set(units))
    inside = set(chosen)
    graph = nx.Graph()
    for unit in chosen:
        data = graphs.units.nodes[unit]
        graph.add_node(unit, name=data["name"], division=data["division"])
    links: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    for a, b, strength in scope_ties(graphs, inside) if scoped_ties is None else scoped_ties:
        pair = ordered_pair(unit_of[a], unit_of[b])
        if pair[0] != pair[1] and pair[0] in inside and pair[1] in inside:
            links[pair][0] += 1
            links[pair][1] += strength
    for a, b, criticality in graphs.dependencies.edges(chosen, data="criticality"):
        if a != b and b in inside:
            links[ordered_pair(a, b)][2] += 1
            links[ordered_pair(a, b)][3] += criticality
    for (a, b), (ties, strength, dependencies, criticality) in sorted(links.items()):
        weight = strength + criticality / MAX_CRITICALITY
        graph.add_edge(
            a,
            b,
            ties=int(ties),
            strength=strength,
            dependencies=int(dependencies),
            criticality=int(criticality),
            weight=weight,
            distance=1 / weight,
        )
    return graph
