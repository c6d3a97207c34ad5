"""Brokerage across units: the leaders (and ties) through whom units coordinate.

These are the leader-level building blocks of `graph_queries.analyses.silos._report`. Every function
takes a simple undirected graph and a mapping from node to group (for leaders: their unit), so a
data scientist can call them on any graph; `leader_graph` builds the graph from `OrgGraphs`.
Cut points and bridges (`cut_points`, `unit_bridges`, `Separation`, `Bridge`) live in
`graph_queries.analyses.metrics.separations` and are re-exported here.

Conventions shared by all functions here:

- Paths are counted in hops: collaboration strengths are self-reported and noisy, and counting
  hops keeps "k of the n shortest paths" meaningful (weighted paths almost never tie).
- Results do not depend on the order in which nodes or edges were added: `leader_graph` adds
  nodes and edges sorted by id, and every tie is broken by id (string order).

References
----------
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University
Press.
Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of Mathematical
Sociology 25(2), 163-177.
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1),
35-41.
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage
in transaction networks. Sociological Methodology 19, 89-126.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.metrics import kernels
from graph_queries.analyses.metrics.separations import Bridge, Separation, cut_points, unit_bridges
from graph_queries.graphs import OrgGraphs

__all__ = [
    "Bridge",
    "BrokerageRoles",
    "CrossUnitLoad",
    "GroupPaths",
    "Separation",
    "brokerage_roles",
    "constraint",
    "cross_unit_betweenness",
    "cross_unit_loads",
    "cut_points",
    "effective_size",
    "leader_graph",
    "paths_between",
    "unit_bridges",
]

_NOISE = 1e-9
_TOP_GROUPS = 4  # groups kept per node in `CrossUnitLoad.top_groups`


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BrokerageRoles:
    """Gould & Fernandez (1989) brokerage counts of one broker b, groups = units.

    An open triad a - b - c (a and c both tied to b, not to each other) makes b a broker for the
    pair {a, c}. With g(x) the group of x, the role is: coordinator if g(a) = g(b) = g(c);
    itinerant (consultant) if g(a) = g(c) != g(b); liaison if all three differ; representative
    (a -> b -> c with g(a) = g(b) != g(c)) or gatekeeper (g(a) != g(b) = g(c)) otherwise.

    Collaboration ties are undirected, so the direction of flow is unknown: each unordered open
    triad is counted once, and a triad where b shares a group with exactly one end counts once as
    representative and once as gatekeeper (b passes on for its unit and screens what comes in).
    On this data `gatekeeper == representative` always.
    """

    coordinator: int = 0
    gatekeeper: int = 0
    representative: int = 0
    itinerant: int = 0
    liaison: int = 0

    @property
    def cross_unit(self) -> int:
        """Open triads in which the broker links different groups (all roles but coordinator;
        a representative/gatekeeper triad is counted once)."""
        return self.representative + self.itinerant + self.liaison


@dataclass(frozen=True, slots=True)
class CrossUnitLoad:
    """A node's share of the shortest paths between nodes of different groups.

    `paths` = sum over unordered pairs {s, t} with g(s) != g(t), s, t != v, of
    sigma_st(v) / sigma_st (each pair counted once, split over its equally short paths);
    `pairs` = the number of such pairs; `betweenness` = paths / pairs (0 when there are none).
    `top_groups`: the (at most four) groups whose nodes' paths pass through v most, by
    sum over s in the group, t outside it, of sigma_st(v) / sigma_st; ties by group id. They
    are the candidates for `GroupPaths.busiest_pair`.
    """

    paths: float
    pairs: int
    betweenness: float
    top_groups: tuple[str, ...] = ()


# ---- the leader graph ----------------------------------------------------------------------------


def leader_graph(graphs: OrgGraphs, leaders: Iterable[str] | None = None) -> nx.Graph:
    """The collaboration ties as a simple graph, nodes and edges added in id order.

    Nodes: the given leaders (default: all), attributes `name`, `title`, `unit`. Edges: one per
    pair of those leaders with at least one tie, attribute `ties` (sorted tie ids) and `strength`
    (summed strength of those ties).
    """
    chosen = sorted(graphs.collaboration if leaders is None else set(leaders))
    graph = nx.Graph()
    for leader in chosen:
        data = graphs.collaboration.nodes[leader]
        graph.add_node(leader, name=data["name"], title=data["title"], unit=data["unit"])
    pairs: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for a, b, key, strength in graphs.collaboration.edges(chosen, keys=True, data="strength"):
        if a in graph and b in graph:
            pair = (a, b) if a < b else (b, a)
            pairs.setdefault(pair, []).append((key, strength))
    for (a, b), ties in sorted(pairs.items()):
        unique = dict(sorted(ties))  # in id order, so that strengths add up the same way
        graph.add_edge(a, b, ties=tuple(unique), strength=sum(unique.values()))
    return graph


# ---- cross-unit betweenness ----------------------------------------------------------------------


def cross_unit_loads(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, CrossUnitLoad]:
    """Shortest-path betweenness restricted to pairs in different groups (Freeman, 1977).

    For each group G the kernel `betweenness_between` (Brandes, 2001) counts the paths from the
    nodes of G to all nodes outside G on the directed version of `graph` (each tie both ways),
    so every cross-group pair is counted once from each end; the sum is halved. The cost is one
    breadth-first search per node, as for ordinary betweenness.

    Normalization: divided by the number of cross-group pairs that do not include the node,
    n_x - (n - n_g(v)) with n_x = (n^2 - sum_G n_G^2) / 2, so the value is in [0, 1]: the share of
    cross-unit leader pairs whose shortest paths run through the node. Disconnected pairs count
    in the denominator with no path through anyone.
    """
    members = _members(graph, group_of)
    directed = graph.to_directed()
    total = dict.fromkeys(graph, 0.0)
    by_group: dict[str, list[tuple[float, str]]] = {}
    for group, nodes in members.items():
        others = [node for node in graph if group_of[node] != group]
        if not others:
            continue
        for node, load in kernels.betweenness_between(directed, nodes, others).items():
            if load > _NOISE:
                total[str(node)] += load
                by_group.setdefault(str(node), []).append((load, group))
    n = graph.number_of_nodes()
    cross_pairs = (n * n - sum(len(nodes) ** 2 for nodes in members.values())) // 2
    loads: dict[str, CrossUnitLoad] = {}
    for node in graph:
        pairs = cross_pairs - (n - len(members[group_of[node]]))
        paths = total[node] / 2
        ranked = sorted(by_group.get(node, []), key=lambda item: (-round(item[0], 9), item[1]))
        loads[node] = CrossUnitLoad(
            paths=paths,
            pairs=pairs,
            betweenness=paths / pairs if pairs > 0 else 0.0,
            top_groups=tuple(group for _, group in ranked[:_TOP_GROUPS]),
        )
    return loads


def cross_unit_betweenness(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, float]:
    """`cross_unit_loads(...)[v].betweenness` for every node: see there."""
    return {node: load.betweenness for node, load in cross_unit_loads(graph, group_of).items()}


def paths_between(
    graph: nx.Graph, node: str, group_a: str, group_b: str, group_of: Mapping[str, str]
) -> tuple[float, int]:
    """`GroupPaths(graph, group_of).through(node, group_a, group_b)`: see there."""
    return GroupPaths(graph, group_of).through(node, group_a, group_b)


class GroupPaths:
    """Shortest paths between two groups through one node, for several queries on one graph
    (they share one directed copy of the graph and one map of its components)."""

    def __init__(self, graph: nx.Graph, group_of: Mapping[str, str]) -> None:
        self._directed = graph.to_directed()
        self._group_of = group_of
        self._members = _members(graph, group_of)
        self._component = {
            member: i for i, part in enumerate(nx.connected_components(graph)) for member in part
        }

    def through(self, node: str, group_a: str, group_b: str | None = None) -> tuple[float, int]:
        """(paths, pairs): of the `pairs` connected pairs s in group_a, t in group_b (in any
        other group when None; s, t != node), `paths` = sum of sigma_st(node) / sigma_st have
        their shortest paths through it. One kernel call (`betweenness_between`) from the
        smaller side to the other."""
        a = [member for member in self._members.get(group_a, []) if member != node]
        if group_b is None:
            b = [x for x in self._directed if self._group_of[x] != group_a and x != node]
        else:
            b = [member for member in self._members.get(group_b, []) if member != node]
        if not a or not b:
            return 0.0, 0
        sources, targets = (a, b) if len(a) <= len(b) else (b, a)
        paths = kernels.betweenness_between(self._directed, sources, targets).get(node, 0.0)
        in_a = Counter(self._component[member] for member in a)
        in_b = Counter(self._component[member] for member in b)
        return float(paths), sum(count * in_b[part] for part, count in in_a.items())

    def busiest_pair(self, node: str, groups: Iterable[str]) -> tuple[str, str, float, int] | None:
        """Of all pairs of `groups`, the one with the most paths through `node` (then the
        highest share of its pairs, then the smallest ids): (group_a, group_b, paths, pairs),
        or None when no pair has a path through it."""
        best: tuple[str, str, float, int] | None = None
        best_key = (0.0, 0.0)
        for group_a, group_b in itertools.combinations(sorted(set(groups)), 2):
            paths, pairs = self.through(node, group_a, group_b)
            key = (round(paths, 9), round(paths / pairs, 9) if pairs else 0.0)
            if paths > _NOISE and key > best_key:
                best, best_key = (group_a, group_b, paths, pairs), key
        return best


def _members(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for node in graph:
        members.setdefault(group_of[node], []).append(node)
    return dict(sorted(members.items()))


# ---- brokerage roles -----------------------------------------------------------------------------


def brokerage_roles(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, BrokerageRoles]:
    """Gould & Fernandez (1989) role counts of every node (see `BrokerageRoles`).

    For each broker b, every unordered pair {a, c} of b's neighbours with no edge a - c is one
    open triad, classified by the groups of a, b and c. Cost: sum of squared degrees.
    """
    roles: dict[str, BrokerageRoles] = {}
    for broker in graph:
        own = group_of[broker]
        neighbours = list(graph.adj[broker])
        coordinator = straddling = itinerant = liaison = 0
        for i, a in enumerate(neighbours):
            tied_to_a = graph.adj[a]
            group_a = group_of[a]
            for c in neighbours[i + 1 :]:
                if c in tied_to_a:
                    continue
                group_c = group_of[c]
                if group_a == group_c:
                    if group_a == own:
                        coordinator += 1
                    else:
                        itinerant += 1
                elif own in (group_a, group_c):
                    straddling += 1
                else:
                    liaison += 1
        roles[broker] = BrokerageRoles(coordinator, straddling, straddling, itinerant, liaison)
    return roles


# ---- structural holes (Burt, 1992) ---------------------------------------------------------------


def constraint(graph: nx.Graph, weight: str | None = "weight") -> dict[str, float | None]:
    """Burt's (1992) constraint: c_i = sum over neighbours j of (p_ij + sum_q p_iq p_qj)^2.

    p_ij = w_ij / sum_k w_ik is the share of i's tie weight going to j (w = 1 without `weight`),
    q runs over i's other neighbours. 1 for a single contact, above 1 when i's contacts are
    strongly tied to each other (1.125 in a triangle), 1/n for n equal, unconnected contacts:
    low constraint means i spans structural holes. None for an isolated node. Same values as
    `networkx.constraint` on undirected graphs, in sum-of-squared-degrees time.
    """
    shares = _shares(graph, weight)
    result: dict[str, float | None] = {}
    for i, p_i in shares.items():
        total = 0.0
        for j, p_ij in p_i.items():
            indirect = sum(p_iq * shares[q].get(j, 0.0) for q, p_iq in p_i.items() if q != j)
            total += (p_ij + indirect) ** 2
        result[i] = total if p_i else None
    return result


def effective_size(graph: nx.Graph, weight: str | None = "weight") -> dict[str, float | None]:
    """Burt's (1992) effective size: sum over neighbours j of (1 - sum_q p_iq m_jq).

    p as in `constraint`; m_jq = w_jq / max_k w_jk (j's tie to q relative to j's strongest).
    The number of contacts less their redundancy: n - 2t/n on unweighted graphs (n contacts,
    t ties among them). None for an isolated node. Same values as `networkx.effective_size`
    with `nodes=` (networkx 3.6's faster all-nodes path has a weighted-graph bug, PR #8906).
    """
    weights = _weights(graph, weight)
    shares = _shares(graph, weight)
    result: dict[str, float | None] = {}
    for i, p_i in shares.items():
        size = 0.0
        for j in p_i:
            strongest = max(weights[j].values())
            redundancy = sum(p_iq * weights[j].get(q, 0.0) for q, p_iq in p_i.items() if q != j)
            size += 1 - redundancy / strongest
        result[i] = size if p_i else None
    return result


def _weights(graph: nx.Graph, weight: str | None) -> dict[str, dict[str, float]]:
    return {  # a self-loop is no contact
        i: {
            j: float(data.get(weight, 1) if weight else 1)
            for j, data in graph.adj[i].items()
            if j != i
        }
        for i in graph
    }


def _shares(graph: nx.Graph, weight: str | None) -> dict[str, dict[str, float]]:
    weights = _weights(graph, weight)
    for i, w_i in weights.items():
        total = sum(w_i.values())
        weights[i] = {j: w / total for j, w in w_i.items()}
    return weights
