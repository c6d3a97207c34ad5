"""The heavy graph kernels, each behind one function so a faster library can replace it.

Every analysis calls these instead of networkx directly. They are deterministic: the same graph
(with the same node order) gives the same result.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable

import networkx as nx

SEED = 42


def betweenness(graph: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Normalized shortest-path betweenness (Brandes, 2001); `weight` is a distance."""
    result: dict[Hashable, float] = nx.betweenness_centrality(graph, weight=weight, normalized=True)
    return result


def betweenness_between(
    graph: nx.Graph,
    sources: Collection[Hashable],
    targets: Collection[Hashable],
    weight: str | None = None,
) -> dict[Hashable, float]:
    """Betweenness counting only shortest paths from `sources` to `targets` (not normalized)."""
    result: dict[Hashable, float] = nx.betweenness_centrality_subset(
        graph, sources=list(sources), targets=list(targets), normalized=False, weight=weight
    )
    return result


def communities(graph: nx.Graph, weight: str | None = "weight") -> list[set[Hashable]]:
    """Louvain communities (Blondel et al., 2008) with a fixed seed, largest first, ties by id."""
    found = nx.community.louvain_communities(graph, weight=weight, seed=SEED)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(map(str, c))))


def modularity(graph: nx.Graph, parts: list[set[Hashable]], weight: str | None = "weight") -> float:
    """Newman's modularity of a partition of an undirected graph (Newman & Girvan, 2004).

    Q = sum over parts c of [L_c / m - (d_c / 2m)^2], with L_c the weight of the edges inside c,
    d_c the summed weighted degree of c's nodes and m the total edge weight (the values of
    `networkx.community.modularity`). Every sum is exact (`math.fsum`), so Q is the same to the
    last bit whatever order the parts and their members come in.
    """
    if graph.number_of_edges() == 0:
        return 0.0
    degree = dict(graph.degree(weight=weight))
    total = math.fsum(degree.values())
    contributions = []
    for part in parts:
        inside = math.fsum(
            1.0 if weight is None else float(data.get(weight, 1))
            for a, b, data in graph.edges(part, data=True)
            if a in part and b in part
        )
        degrees = math.fsum(degree[node] for node in part)
        contributions.append(2 * inside / total - (degrees / total) ** 2)
    return math.fsum(contributions)
