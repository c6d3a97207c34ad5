"""The heavy graph kernels, each behind one function so a faster implementation can replace it.

Every analysis calls these instead of networkx directly. They are deterministic: the same graph
(with the same node order) gives the same result.

The shortest-path kernels run compiled (`engine="compiled"`, the default: numba, without the
GIL) and keep their pure networkx form (`engine="networkx"`) as the reference: both give the
same floats to the last bit, which the tests check on random graphs. The compiled form is about
two orders of magnitude faster; networkx's graphs stay the type every caller sees.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import Any, Literal, TypeVar, cast

import networkx as nx

__all__ = [
    "SEED",
    "Engine",
    "PreparedGraph",
    "betweenness",
    "betweenness_between",
    "betweenness_through",
    "communities",
    "cross_group_paths",
    "modularity",
]

SEED = 42

Node = TypeVar("Node", bound=Hashable)
Engine = Literal["compiled", "networkx"]
"""How a shortest-path kernel runs: compiled (the default) or as plain networkx (the
reference; same results, far slower)."""


class PreparedGraph:
    """A graph read once for several compiled kernel calls (`betweenness_through`): reading a
    large graph into arrays costs about as much as one search. The graph must not change while
    this is in use.

    Examples
    --------
    >>> import networkx as nx
    >>> prepared = PreparedGraph(nx.path_graph(["a", "b", "c"]))
    >>> betweenness_through(prepared, "b", ["a"], [["c"]])
    [1.0]
    """

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self._arrays: Any = None

    def arrays(self) -> Any:
        """The graph as `_compiled.Adjacency`, built on first use."""
        if self._arrays is None:
            from graph_queries.analyses.metrics import _compiled

            self._arrays = _compiled.adjacency(self.graph)
        return self._arrays


def betweenness(
    graph: nx.Graph, weight: str | None = None, *, engine: Engine = "compiled"
) -> dict[Hashable, float]:
    """Normalized shortest-path betweenness (Brandes, 2001).

    c_B(v) = sum over pairs s != v != t of sigma_st(v) / sigma_st, divided by the number of
    pairs of other nodes, (n - 1)(n - 2) / 2 on an undirected graph.

    Parameters
    ----------
    graph : networkx.Graph
        The graph.
    weight : str or None
        The edge attribute holding a distance (a path's length is the sum); None counts hops.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    dict
        Node -> betweenness in [0, 1].

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c", "d"]))
    {'a': 0.0, 'b': 0.6666666666666666, 'c': 0.6666666666666666, 'd': 0.0}

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of Mathematical
    Sociology 25(2), 163-177.
    """
    if engine == "networkx":
        result: dict[Hashable, float] = nx.betweenness_centrality(
            graph, weight=weight, normalized=True
        )
        return result
    from graph_queries.analyses.metrics import _compiled

    arrays = _compiled.adjacency(graph, weight)
    everyone = range(len(arrays.nodes))
    if weight is None:
        raw = _compiled.betweenness_raw(arrays, everyone)
    else:
        raw = _compiled.weighted_betweenness(arrays, everyone)
    # networkx's normalization, operation for operation: ordered pairs of other nodes.
    n = len(arrays.nodes)
    if n - 1 >= 2:
        raw = raw * (1 / ((n - 1) * (n - 2)))
    return {node: float(value) for node, value in zip(arrays.nodes, raw, strict=True)}


def cross_group_paths(
    graph: nx.Graph,
    group_of: Mapping[Node, str],
    sources: Sequence[Node] | None = None,
    *,
    scale: float = 1.0,
    top: int = 4,
    noise: float = 1e-9,
    engine: Engine = "compiled",
) -> tuple[dict[Node, float], dict[Node, tuple[str, ...]]]:
    """Per node, the paths from `sources` to nodes of other groups through it, and the groups
    whose sources' paths run through it most.

    load_G(v) = scale * sum over s in sources with g(s) = G, t with g(t) != G, s, t != v, of
    sigma_st(v) / sigma_st, in hops on the directed version of `graph` (Brandes, 2001, with
    targets restricted as in networkx's subset betweenness). Loads above `noise` are added up
    per node, in group order, and ranked: a node's `top` groups by load (rounded to 9 places),
    ties by group.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    group_of : mapping
        The group of every node.
    sources : sequence of nodes, optional
        The starts of the paths counted (default every node); a sample of them with `scale`
        = n / len(sources) estimates the whole (Brandes & Pich, 2007).
    scale, top, noise
        See above.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    tuple of dicts
        Node -> summed load (over ordered pairs), node -> its top groups (nodes with no load
        above `noise` are missing).

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> totals, top = cross_group_paths(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    >>> totals
    {'a': 0.0, 'b': 4.0, 'c': 4.0, 'd': 0.0}
    >>> top["b"]
    ('X', 'Y')

    References
    ----------
    Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. International
    Journal of Bifurcation and Chaos 17(7), 2303-2318.
    """
    groups = sorted({group_of[node] for node in graph})
    number = {group: i for i, group in enumerate(groups)}
    position = {node: i for i, node in enumerate(graph)}
    chosen = list(graph) if sources is None else list(sources)
    # Group by group, then in graph order: the order the sums are made in.
    chosen.sort(key=lambda node: (number[group_of[node]], position[node]))
    if engine == "networkx":
        totals, ranked = _cross_group_paths_networkx(graph, group_of, chosen, scale, top, noise)
    else:
        from graph_queries.analyses.metrics import _compiled

        arrays = _compiled.adjacency(graph)
        nodes = cast(list[Node], arrays.nodes)
        group = _compiled.group_numbers([number[group_of[node]] for node in nodes])
        sums, best = _compiled.group_loads(
            arrays, group, [position[node] for node in chosen], scale, top, noise
        )
        totals = {node: float(x) for node, x in zip(nodes, sums, strict=True)}
        ranked = {
            node: tuple(groups[g] for g in row if g >= 0)
            for node, row in zip(nodes, best.tolist(), strict=True)
            if row[0] >= 0
        }
    return totals, ranked


def _cross_group_paths_networkx(
    graph: nx.Graph,
    group_of: Mapping[Node, str],
    sources: list[Node],
    scale: float,
    top: int,
    noise: float,
) -> tuple[dict[Node, float], dict[Node, tuple[str, ...]]]:
    directed = graph.to_directed(as_view=True)
    totals: dict[Node, float] = dict.fromkeys(graph, 0.0)
    kept: dict[Node, list[tuple[float, str]]] = {}
    start = 0
    while start < len(sources):
        group = group_of[sources[start]]
        end = start
        while end < len(sources) and group_of[sources[end]] == group:
            end += 1
        others = [node for node in graph if group_of[node] != group]
        loads = betweenness_between(directed, sources[start:end], others) if others else {}
        for node, load in cast(dict[Node, float], loads).items():
            x = load * scale
            if x > noise:
                totals[node] += x
                keys = kept.setdefault(node, [])
                keys.append((-round(x, 9), group))
                keys.sort()
                del keys[top:]
        start = end
    ranked = {node: tuple(group for _, group in keys) for node, keys in kept.items()}
    return totals, ranked


def betweenness_between(
    graph: nx.Graph,
    sources: Collection[Hashable],
    targets: Collection[Hashable],
    weight: str | None = None,
) -> dict[Hashable, float]:
    """Betweenness counting only shortest paths from `sources` to `targets` (not normalized).

    c(v) = sum over s in sources, t in targets, of sigma_st(v) / sigma_st; on an undirected
    graph each pair counts half, on a directed one fully.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        The graph.
    sources, targets : collections of nodes
        The ends of the paths counted.
    weight : str or None
        The edge attribute holding a distance; None counts hops.

    Returns
    -------
    dict
        Node -> the (fractional) number of those paths through it.

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"]).to_directed()
    >>> betweenness_between(path, ["a"], ["d"])
    {'a': 0.0, 'b': 1.0, 'c': 1.0, 'd': 0.0}
    """
    result: dict[Hashable, float] = nx.betweenness_centrality_subset(
        graph, sources=list(sources), targets=list(targets), normalized=False, weight=weight
    )
    return result


def betweenness_through(
    graph: nx.Graph | PreparedGraph,
    node: Hashable,
    sources: Sequence[Hashable],
    target_sets: Sequence[Collection[Hashable]],
    *,
    engine: Engine = "compiled",
) -> list[float]:
    """`betweenness_between(graph, sources, targets)[node]` for several target sets at once.

    c_k(node) = sum over s in sources, t in target_sets[k], of sigma_st(node) / sigma_st, in hops.
    One breadth-first search per source serves every target set, and each set's dependencies are
    accumulated only over the nodes below `node` on that search's shortest-path DAG, the only
    ones that add to its count. The additions come in the same order as in
    `betweenness_between`, so the results are the same floats to the last bit.

    Parameters
    ----------
    graph : networkx.Graph, networkx.DiGraph or PreparedGraph
        The graph (on an undirected one each pair counts half in `betweenness_between`, so pass
        a directed one to compare), or one prepared for several calls.
    node : node
        The node the paths must pass through.
    sources : sequence of nodes
        The starts of the paths counted, in the order their counts are summed.
    target_sets : sequence of collections of nodes
        The ends of the paths counted, one collection per result.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    list of floats
        The (fractional) number of paths through `node`, one per target set.

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"]).to_directed()
    >>> betweenness_through(path, "b", ["a"], [["c"], ["d"], ["b"]])
    [1.0, 1.0, 0.0]
    """
    prepared = graph if isinstance(graph, PreparedGraph) else PreparedGraph(graph)
    if engine == "compiled":
        from graph_queries.analyses.metrics import _compiled

        arrays = prepared.arrays()
        at = arrays.index
        if node not in at:
            return [0.0] * len(target_sets)
        return _compiled.paths_through(
            arrays,
            at[node],
            [at[source] for source in sources],
            [[at[target] for target in targets if target in at] for targets in target_sets],
        )
    wanted = [set(targets) for targets in target_sets]
    totals = [0.0] * len(wanted)
    for source in sources:
        if source == node:
            continue  # a path's own ends are not on it
        order, preds, sigma = _shortest_path_dag(prepared.graph, source)
        below = _below(order, preds, node)
        for k, targets in enumerate(wanted):
            totals[k] += _dependency(below, preds, sigma, targets)
    return totals


def _shortest_path_dag(
    graph: nx.Graph, source: Hashable
) -> tuple[list[Hashable], dict[Hashable, list[Hashable]], dict[Hashable, float]]:
    """Brandes' search from `source`: the reached nodes in search order, their predecessors on
    shortest paths and their numbers of shortest paths, built in networkx's order."""
    order: list[Hashable] = []
    preds: dict[Hashable, list[Hashable]] = {source: []}
    sigma: dict[Hashable, float] = {source: 1.0}
    distance = {source: 0}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        order.append(v)
        step = distance[v] + 1
        for w in graph[v]:
            if w not in distance:
                queue.append(w)
                distance[w] = step
                sigma[w], preds[w] = 0.0, []
            if distance[w] == step:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma


def _below(
    order: list[Hashable], preds: dict[Hashable, list[Hashable]], node: Hashable
) -> list[Hashable]:
    """`node` and the nodes after it on the shortest-path DAG, in search order; empty when the
    search did not reach it."""
    if node not in preds:
        return []
    below = [node]
    seen = {node}
    for w in order[order.index(node) + 1 :]:
        if any(p in seen for p in preds[w]):
            seen.add(w)
            below.append(w)
    return below


def _dependency(
    below: list[Hashable],
    preds: dict[Hashable, list[Hashable]],
    sigma: dict[Hashable, float],
    targets: set[Hashable],
) -> float:
    """The first node of `below`'s share of the shortest paths from the search's source to
    `targets` (networkx's subset accumulation, walked over `below` only; the source is never in
    `below`, so it needs no exclusion)."""
    if not below:
        return 0.0
    delta = dict.fromkeys(below, 0.0)
    for w in reversed(below):
        coeff = (delta[w] + 1.0) / sigma[w] if w in targets else delta[w] / sigma[w]
        for v in preds[w]:
            if v in delta:
                delta[v] += sigma[v] * coeff
    return delta[below[0]]


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
        The communities, largest first, then by their sorted ids.

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
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(map(str, c))))


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
