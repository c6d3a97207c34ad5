"""The heavy graph kernels that are not about shortest paths (`shortest_paths` has those),
each behind one function so a faster implementation can replace it.

Every analysis calls these instead of networkx directly. They are deterministic: the same graph
(with the same node order) gives the same result.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

from graph_queries.natural_order import community_order

__all__ = [
    "SEED",
    "communities",
    "modularity",
]

SEED = 42


def communities(graph: nx.Graph, weight: str | None = "weight") -> list[set[Hashable]]:
    """Louvain communities (Blondel et al., 2008) with a fixed seed, largest first, ties by id.

    Greedy modularity optimization in passes: move nodes between communities while modularity
    grows, then merge each community into one node; the seed (`SEED`) fixes the node order.

    Parameters
    ----------
    graph : networkx.Graph
        An undirected graph.
    weight : str or None
        The edge attribute holding tie strength; None counts every edge as 1.

    Returns
    -------
    list of sets
        The communities, largest first, then by their ids in natural order (u2 before u10).

    Examples
    --------
    Two triangles joined by one edge:

    >>> import networkx as nx
    >>> graph = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> communities(graph)
    [{0, 1, 2}, {3, 4, 5}]

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
    communities in large networks. Journal of Statistical Mechanics, P10008.
    """
    found = nx.community.louvain_communities(graph, weight=weight, seed=SEED)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), community_order(c)))


def modularity(graph: nx.Graph, parts: list[set[Hashable]], weight: str | None = "weight") -> float:
    """Newman's modularity of a partition of an undirected graph (Newman & Girvan, 2004).

    Q = sum over parts c of [L_c / m - (d_c / 2m)^2], with L_c the weight of the edges inside c,
    d_c the summed weighted degree of c's nodes and m the total edge weight (the values of
    `networkx.community.modularity`). Every sum is exact (`math.fsum`), so Q is the same to the
    last bit whatever order the parts and their members come in.

    Parameters
    ----------
    graph : networkx.Graph
        An undirected graph.
    parts : list of sets
        A partition of the graph's nodes.
    weight : str or None
        The edge attribute holding tie strength; None counts every edge as 1.

    Returns
    -------
    float
        Q, in [-1/2, 1); 0.0 for a graph with no edges.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> modularity(graph, [{0, 1, 2}, {3, 4, 5}])
    0.3571428571428571
    >>> modularity(graph, [set(graph)])
    0.0

    References
    ----------
    Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in
    networks. Physical Review E 69, 026113.
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
