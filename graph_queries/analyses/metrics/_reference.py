"""The pure networkx forms of the shortest-path kernels that networkx has no single function
for: the reference the compiled forms are checked against, to the last bit."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Mapping
from typing import TypeVar, cast

import networkx as nx

__all__ = ["cross_group_paths_reference", "dependency", "nodes_below", "shortest_path_dag"]

Node = TypeVar("Node", bound=Hashable)


def cross_group_paths_reference(
    graph: nx.Graph,
    group_of: Mapping[Node, str],
    sources: list[Node],
    scale: float,
    top: int,
    noise: float,
) -> tuple[dict[Node, float], dict[Node, tuple[str, ...]]]:
    """`shortest_paths.cross_group_paths` with networkx's subset betweenness, group by group."""
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
        loads = (
            nx.betweenness_centrality_subset(
                directed, sources=sources[start:end], targets=others, normalized=False
            )
            if others
            else {}
        )
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


def shortest_path_dag(
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


def nodes_below(
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


def dependency(
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
