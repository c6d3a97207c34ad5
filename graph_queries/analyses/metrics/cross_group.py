"""Shortest paths between groups: how much of the traffic between groups runs through a node.

Every function takes a simple undirected graph and a mapping from node to group (for leaders:
their unit). Paths are counted in hops: collaboration strengths are self-reported and noisy, and
counting hops keeps "k of the n shortest paths" meaningful (weighted paths almost never tie).
Results do not depend on the order in which nodes or edges were added: every tie is broken by
id (string order). The paths are counted by the kernels `shortest_paths.cross_group_paths` and
`shortest_paths.betweenness_through`.

References
----------
Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of Mathematical
Sociology 25(2), 163-177.
Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. International Journal
of Bifurcation and Chaos 17(7), 2303-2318.
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1),
35-41.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.metrics import kernels, shortest_paths

__all__ = [
    "CrossGroupLoad",
    "GroupPaths",
    "cross_group_betweenness",
    "cross_group_loads",
    "paths_between",
]

_NOISE = 1e-9
_TOP_GROUPS = 4  # groups kept per node in `CrossGroupLoad.top_groups`


@dataclass(frozen=True, slots=True)
class CrossGroupLoad:
    """A node's share of the shortest paths between nodes of different groups.

    `paths` = sum over unordered pairs {s, t} with g(s) != g(t), s, t != v, of
    sigma_st(v) / sigma_st (each pair counted once, split over its equally short paths);
    `pairs` = the number of such pairs; `betweenness` = paths / pairs (0 when there are none).
    `top_groups`: the (at most four) groups whose nodes' paths pass through v most, by
    sum over s in the group, t outside it, of sigma_st(v) / sigma_st; ties by group id. They
    are the candidates for `GroupPaths.busiest_pair`. `exact` is False when `paths` (hence
    `betweenness`) is estimated from a sample of path starts.
    """

    paths: float
    pairs: int
    betweenness: float
    top_groups: tuple[str, ...] = ()
    exact: bool = True


def cross_group_loads(
    graph: nx.Graph,
    group_of: Mapping[str, str],
    *,
    sample: int | None = None,
    seed: int = kernels.SEED,
    engine: shortest_paths.Engine = "compiled",
) -> dict[str, CrossGroupLoad]:
    """Shortest-path betweenness restricted to pairs in different groups (Freeman, 1977).

    The kernel `cross_group_paths` (Brandes, 2001) counts the paths from every node to all
    nodes outside its group on the directed version of `graph` (each tie both ways), so every
    cross-group pair is counted once from each end; the sum is halved. The cost is one
    breadth-first search per node, as for ordinary betweenness; besides the result it keeps only
    a running top four of groups per node.

    With `sample` = k smaller than the number of nodes n, only k path starts drawn at random
    (seeded by `seed`, so the same graph gives the same answer) are searched and their counts
    multiplied by n / k: the unbiased estimator of Brandes & Pich (2007), at k / n of the cost.
    Every load then says `exact=False`.

    Normalization: divided by the number of cross-group pairs that do not include the node,
    n_x - (n - n_g(v)) with n_x = (n^2 - sum_G n_G^2) / 2, so the value is in [0, 1]: the share of
    cross-group pairs whose shortest paths run through the node. Disconnected pairs count in
    the denominator with no path through anyone.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph; paths are counted in hops.
    group_of : mapping
        The group of every node of `graph`.
    sample : int, optional
        The number of path starts to search (default: all, exact).
    seed : int
        Seeds the sample.
    engine : "compiled" or "networkx"
        How the kernel runs (`shortest_paths.Engine`).

    Returns
    -------
    dict
        A `CrossGroupLoad` per node.

    Examples
    --------
    On the path a - b - c - d with groups X = {a, b} and Y = {c, d}, every path between the
    groups runs through b and c:

    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> loads = cross_group_loads(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    >>> loads["b"]
    CrossGroupLoad(paths=2.0, pairs=2, betweenness=1.0, top_groups=('X', 'Y'), exact=True)
    >>> loads["a"].betweenness
    0.0
    >>> cross_group_loads(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"}, sample=2)["b"].exact
    False

    References
    ----------
    Freeman (1977), Sociometry 40(1); Brandes (2001), J. Math. Sociology 25(2).
    """
    members = _members(graph, group_of)
    n = graph.number_of_nodes()
    exact = sample is None or sample >= n
    if sample is not None and sample < 1:
        raise ValueError(f"sample must be 1 or more, not {sample}")
    sources = None if exact else random.Random(seed).sample(list(graph), k=int(sample or 0))
    total, top = shortest_paths.cross_group_paths(
        graph,
        group_of,
        sources,
        scale=1.0 if sources is None else n / len(sources),
        top=_TOP_GROUPS,
        noise=_NOISE,
        engine=engine,
    )
    cross_pairs = (n * n - sum(len(nodes) ** 2 for nodes in members.values())) // 2
    loads: dict[str, CrossGroupLoad] = {}
    for node in graph:
        pairs = cross_pairs - (n - len(members[group_of[node]]))
        paths = total[node] / 2
        loads[node] = CrossGroupLoad(
            paths=paths,
            pairs=pairs,
            betweenness=paths / pairs if pairs > 0 else 0.0,
            top_groups=top.get(node, ()),
            exact=exact,
        )
    return loads


def cross_group_betweenness(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, float]:
    """The share of the shortest paths between nodes of different groups through each node.

    `cross_group_loads(graph, group_of)[v].betweenness` for every node v: see there.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    group_of : mapping
        The group of every node.

    Returns
    -------
    dict
        Node -> betweenness in [0, 1].

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> cross_group_betweenness(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    {'a': 0.0, 'b': 1.0, 'c': 1.0, 'd': 0.0}
    """
    return {node: load.betweenness for node, load in cross_group_loads(graph, group_of).items()}


def paths_between(
    graph: nx.Graph, node: str, group_a: str, group_b: str, group_of: Mapping[str, str]
) -> tuple[float, int]:
    """How many shortest paths between two groups run through `node`.

    `GroupPaths(graph, group_of).through(node, group_a, group_b)`: see there.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    node : str
        The node the paths must pass through.
    group_a, group_b : str
        The groups at the two ends.
    group_of : mapping
        The group of every node.

    Returns
    -------
    tuple
        (paths, pairs): the summed share of shortest paths through `node` over the `pairs`
        connected pairs with one end in each group.

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> paths_between(path, "b", "X", "Y", {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    (2.0, 2)
    """
    return GroupPaths(graph, group_of).through(node, group_a, group_b)


class GroupPaths:
    """Shortest paths between two groups through one node, for several queries on one graph.

    The queries share the graph read once for the kernel and one map of its components.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    group_of : mapping
        The group of every node.
    engine : "compiled" or "networkx"
        How the kernel runs (`shortest_paths.Engine`).

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> paths = GroupPaths(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    >>> paths.through("c", "X", "Y")
    (2.0, 2)
    >>> paths.busiest_pair("b", ["X", "Y"])
    ('X', 'Y', 2.0, 2)
    """

    def __init__(
        self,
        graph: nx.Graph,
        group_of: Mapping[str, str],
        engine: shortest_paths.Engine = "compiled",
    ) -> None:
        self._graph = graph
        self._prepared = shortest_paths.PreparedGraph(graph)
        self._engine: shortest_paths.Engine = engine
        self._group_of = group_of
        self._members = _members(graph, group_of)
        self._component = {
            member: i for i, part in enumerate(nx.connected_components(graph)) for member in part
        }

    def through(self, node: str, group_a: str, group_b: str | None = None) -> tuple[float, int]:
        """(paths, pairs): of the `pairs` connected pairs s in group_a, t in group_b (in any
        other group when None; s, t != node), `paths` = sum of sigma_st(node) / sigma_st have
        their shortest paths through it. One kernel call (`betweenness_through`) from the
        smaller side to the other."""
        a = [member for member in self._members.get(group_a, []) if member != node]
        if group_b is None:
            b = [x for x in self._graph if self._group_of[x] != group_a and x != node]
        else:
            b = [member for member in self._members.get(group_b, []) if member != node]
        if not a or not b:
            return 0.0, 0
        sources, targets = (a, b) if len(a) <= len(b) else (b, a)
        (paths,) = shortest_paths.betweenness_through(
            self._prepared, node, sources, [targets], engine=self._engine
        )
        return paths, self._connected_pairs(a, b)

    def busiest_pair(self, node: str, groups: Iterable[str]) -> tuple[str, str, float, int] | None:
        """Of all pairs of `groups`, the one with the most paths through `node` (then the
        highest share of its pairs, then the smallest ids): (group_a, group_b, paths, pairs),
        or None when no pair has a path through it. Each pair's figures are those of
        `through(node, group_a, group_b)`, computed with one breadth-first search per node of
        the groups that start a pair's count (`shortest_paths.betweenness_through`) instead of one
        per pair."""
        best: tuple[str, str, float, int] | None = None
        best_key = (0.0, 0.0)
        pairs_of_groups = list(itertools.combinations(sorted(set(groups)), 2))
        found = self._through_pairs(node, pairs_of_groups)
        for (group_a, group_b), (paths, pairs) in zip(pairs_of_groups, found, strict=True):
            key = (round(paths, 9), round(paths / pairs, 9) if pairs else 0.0)
            if paths > _NOISE and key > best_key:
                best, best_key = (group_a, group_b, paths, pairs), key
        return best

    def _through_pairs(
        self, node: str, pairs_of_groups: list[tuple[str, str]]
    ) -> list[tuple[float, int]]:
        """`through(node, a, b)` for every (a, b), one kernel call per group that starts a
        count."""
        ends = {
            group: [member for member in self._members.get(group, []) if member != node]
            for pair in pairs_of_groups
            for group in pair
        }
        found = [(0.0, 0)] * len(pairs_of_groups)
        # As in `through`, each pair is counted from its smaller side so the sums are the same.
        jobs: dict[str, list[tuple[int, str]]] = {}
        for i, (a, b) in enumerate(pairs_of_groups):
            if ends[a] and ends[b]:
                source, target = (a, b) if len(ends[a]) <= len(ends[b]) else (b, a)
                jobs.setdefault(source, []).append((i, target))
        for source, targets in jobs.items():
            paths = shortest_paths.betweenness_through(
                self._prepared,
                node,
                ends[source],
                [ends[target] for _, target in targets],
                engine=self._engine,
            )
            for (i, target), count in zip(targets, paths, strict=True):
                found[i] = (count, self._connected_pairs(ends[source], ends[target]))
        return found

    def _connected_pairs(self, a: list[str], b: list[str]) -> int:
        in_a = Counter(self._component[member] for member in a)
        in_b = Counter(self._component[member] for member in b)
        return sum(count * in_b[part] for part, count in in_a.items())


def _members(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for node in graph:
        members.setdefault(group_of[node], []).append(node)
    return dict(sorted(members.items()))
