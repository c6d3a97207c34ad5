"""The heavy graph kernels, each behind one function so a faster library can replace it.

Every analysis calls these instead of networkx directly. They are deterministic: the same graph
(with the same node order) gives the same result.
"""

from __future__ import annotations

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
    """Newman's modularity of a partition (Newman & Girvan, 2004)."""
    if graph.number_of_edges() == 0:
        return 0.0
    return float(nx.community.modularity(graph, parts, weight=weight))
