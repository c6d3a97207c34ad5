"""Shortest-path kernels: betweenness, its cross-group and subset forms, paths through a node.

Each runs compiled (`engine="compiled"`, the default: numba loops in `_compiled` and
`_dijkstra`, which release the GIL) and keeps its pure networkx form (`engine="networkx"`) as
the reference: both give the same floats to the last bit, which the tests check on random
graphs. The compiled form is about two orders of magnitude faster; networkx's graphs stay the
type every caller sees. Deterministic: the same graph (with the same node order) and the same
seed give the same result.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import Any, Literal, TypeVar, cast

import networkx as nx

from graph_queries.analyses.metrics._reference import (
    cross_group_paths_reference,
    dependency,
    nodes_below,
    shortest_path_dag,
)
from graph_queries.analyses.metrics.kernels import SEED

__all__ = [
    "SPLIT_AT",
    "Engine",
    "PreparedGraph",
    "betweenness",
    "betweenness_between",
    "betweenness_through",
    "cross_group_paths",
]

Node = TypeVar("Node", bound=Hashable)
SPLIT_AT = 512
"""From this many path starts on, a compiled kernel cuts them in two halves searched on two
threads at once (both cores of a small machine) and adds the halves' sums: always two halves,
whatever the machine, so results stay deterministic; but a sum made in two parts may differ
from networkx's single sum in the last bits (the tests allow a relative 1e-12). Rankings by
group load are unaffected: each group's load is summed within one half."""

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
            from graph_queries.analyses.metrics._compiled import adjacency

            self._arrays = adjacency(self.graph)
        return self._arrays


def betweenness(
    graph: nx.Graph,
    weight: str | None = None,
    *,
    sample: int | None = None,
    seed: int = SEED,
    engine: Engine = "compiled",
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
    sample : int, optional
        With k = `sample` (2 or more) smaller than the number of nodes, only the paths from k
        nodes drawn at random (seeded by `seed`) are counted and scaled up: networkx's
        estimate with `k` (Brandes & Pich, 2007), the same numbers as
        ``nx.betweenness_centrality(graph, k=k, seed=seed)``. Default: exact.
    seed : int
        Seeds the sample.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    dict
        Node -> betweenness in [0, 1] (an estimate when sampled).

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
    n = graph.number_of_nodes()
    if sample is not None and sample < 2:
        raise ValueError(f"sample must be 2 or more, not {sample}")
    k = sample if sample is not None and sample < n else None
    if engine == "networkx":
        result: dict[Hashable, float] = nx.betweenness_centrality(
            graph, k=k, weight=weight, normalized=True, seed=seed
        )
        return result
    from graph_queries.analyses.metrics._compiled import adjacency, betweenness_raw
    from graph_queries.analyses.metrics._dijkstra import weighted_betweenness

    arrays = adjacency(graph, weight)
    # The sample networkx draws for the same seed, in its order (the order of the sums).
    sources = (
        list(range(n))
        if k is None
        else [arrays.index[node] for node in random.Random(seed).sample(list(graph), k)]
    )
    if weight is None:
        raw = betweenness_raw(arrays, sources)
    else:
        raw = weighted_betweenness(arrays, sources)
    # networkx's normalization, operation for operation: ordered pairs of other nodes, and
    # with a sample, a source's own paths are one fewer (it is never between its own pairs).
    values = [float(x) for x in raw]
    if n - 1 >= 2:
        if k is None:
            scale = 1 / ((n - 1) * (n - 2))
            values = [x * scale for x in values]
        else:
            drawn = set(sources)
            as_source = 1 / ((k - 1) * (n - 2))
            otherwise = 1 / (k * (n - 2))
            values = [x * (as_source if i in drawn else otherwise) for i, x in enumerate(values)]
    return dict(zip(arrays.nodes, values, strict=True))


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
        totals, ranked = cross_group_paths_reference(graph, group_of, chosen, scale, top, noise)
    else:
        from graph_queries.analyses.metrics._compiled import adjacency, group_loads

        arrays = adjacency(graph)
        nodes = cast(list[Node], arrays.nodes)
        group = [number[group_of[node]] for node in nodes]
        sums, best = group_loads(
            arrays, group, [position[node] for node in chosen], scale, top, noise
        )
        totals = {node: float(x) for node, x in zip(nodes, sums, strict=True)}
        ranked = {
            node: tuple(groups[g] for g in row if g >= 0)
            for node, row in zip(nodes, best.tolist(), strict=True)
            if row[0] >= 0
        }
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
        from graph_queries.analyses.metrics._compiled import paths_through

        arrays = prepared.arrays()
        at = arrays.index
        if node not in at:
            return [0.0] * len(target_sets)
        return paths_through(
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
        order, preds, sigma = shortest_path_dag(prepared.graph, source)
        below = nodes_below(order, preds, node)
        for k, targets in enumerate(wanted):
            totals[k] += dependency(below, preds, sigma, targets)
    return totals
