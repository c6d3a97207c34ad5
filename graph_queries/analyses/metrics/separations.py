"""Cut points and bridges: the nodes and ties whose removal cuts some groups off from others.

`cut_points` and `unit_bridges` give the nodes and edges whose removal cuts a group off, as
`Separation` and `Bridge`, from one iterative Hopcroft-Tarjan depth-first search. Like the other
metrics, they take a simple undirected graph and a mapping from node to group (for leaders:
their unit; for the unit graph: the unit itself). Removing a node or a tie can split its
connected component into parts. The largest part (most nodes; ties go to the part holding the
earliest node in depth-first order from the smallest id) is "the rest"; a group is *cut off*
when all of its nodes in the component (the removed node aside) lie in the other, smaller
parts, and *cut off from* the groups lying wholly in the rest.

Both run compiled (`engine="compiled"`, the default: numba loops in `_compiled_separations`)
and keep their pure Python form (`engine="networkx"`) as the reference, with the same results.

References
----------
Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph manipulation.
Communications of the ACM 16(6), 372-378.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from graph_queries.analyses.metrics.shortest_paths import Engine

__all__ = ["Bridge", "Separation", "cut_points", "unit_bridges"]


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Separation:
    """What removing one node or tie does to the groups (see the module docstring)."""

    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bridge:
    """A collaboration relationship whose removal leaves some units with no path to others.

    `tie_ids` are all the ties between the two leaders (a relationship of several ties is one
    edge of the leader graph); `unit_a`/`unit_b` are the leaders' units.
    """

    leader_a: str
    leader_b: str
    tie_ids: tuple[str, ...]
    unit_a: str
    unit_b: str
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]


# ---- cut points and bridges ----------------------------------------------------------------------


def cut_points(
    graph: nx.Graph, group_of: Mapping[str, str], *, engine: Engine = "compiled"
) -> dict[str, Separation]:
    """The nodes whose removal cuts some group off from the others (see the module docstring).

    An articulation point (Hopcroft & Tarjan, 1973) is listed only when its removal leaves
    some group with all of its remaining nodes in a smaller part, and that group loses touch
    with a group in the rest or in another small part. Groups are not nested: a leader's unit is
    one group, its parent unit another.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    group_of : mapping
        The group of every node.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    dict
        Node -> `Separation`, for the cut points that cut some group off.

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> cut_points(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})["b"]
    Separation(cut_off=('X',), cut_off_from=('Y',))

    References
    ----------
    Hopcroft & Tarjan (1973), Communications of the ACM 16(6).
    """
    return _separations(graph, group_of, engine, bridges=False)[0]


def unit_bridges(
    graph: nx.Graph, group_of: Mapping[str, str], *, engine: Engine = "compiled"
) -> list[Bridge]:
    """The edges (bridges) whose removal cuts some group off from the others.

    Each edge is a relationship: all its ties (edge attribute `ties`, if any) go at once.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    group_of : mapping
        The group of every node.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    list
        A `Bridge` per such edge, most groups cut off first, then by the ids of its ends.

    Examples
    --------
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> [bridge] = unit_bridges(path, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    >>> bridge.leader_a, bridge.leader_b, bridge.cut_off, bridge.cut_off_from
    ('b', 'c', ('Y',), ('X',))

    References
    ----------
    Hopcroft & Tarjan (1973), Communications of the ACM 16(6).
    """
    bridges = []
    for (a, b), separation in _separations(graph, group_of, engine, cuts=False)[1].items():
        a, b = min(a, b), max(a, b)
        bridges.append(
            Bridge(
                leader_a=a,
                leader_b=b,
                tie_ids=tuple(graph.edges[a, b].get("ties", ())),
                unit_a=group_of[a],
                unit_b=group_of[b],
                cut_off=separation.cut_off,
                cut_off_from=separation.cut_off_from,
            )
        )
    return sorted(
        bridges, key=lambda bridge: (-len(bridge.cut_off), bridge.leader_a, bridge.leader_b)
    )


@dataclass(slots=True)
class _Tree:
    """A depth-first forest: `order` is the preorder; for position p, `end[p]` is one past the
    last position of p's subtree and `root[p]` the position of its component's root."""

    order: list[str] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    root: list[int] = field(default_factory=list)
    cuts: dict[int, list[int]] = field(default_factory=dict)  # position -> separated children
    bridges: list[tuple[int, int]] = field(default_factory=list)  # (parent, child) positions
    position: dict[str, int] = field(default_factory=dict)
    low: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)

    def visit(self, node: str, parent: int, root: int) -> int:
        here = len(self.order)
        self.position[node] = here
        self.order.append(node)
        self.end.append(here + 1)
        self.root.append(here if root < 0 else root)
        self.low.append(here)
        self.parent.append(parent)
        return here

    def finish(self, here: int) -> None:
        self.end[here] = len(self.order)
        up = self.parent[here]
        if up >= 0:
            self.low[up] = min(self.low[up], self.low[here])
            if self.low[here] >= up:
                self.cuts.setdefault(up, []).append(here)
            if self.low[here] > up:
                self.bridges.append((up, here))


def _depth_first(graph: nx.Graph) -> _Tree:
    """Iterative Hopcroft-Tarjan lowpoints: child c separates from its parent p when
    low(c) >= p (p is a cut vertex, or the root with several children), and edge p - c is a
    bridge when low(c) > p. Simple graphs only (one edge per pair)."""
    tree = _Tree()
    for start in graph:
        if start in tree.position:
            continue
        top = tree.visit(start, -1, -1)
        stack = [(top, iter(graph.adj[start]))]
        while stack:
            here, neighbours = stack[-1]
            for neighbour in neighbours:
                there = tree.position.get(neighbour)
                if there is None:
                    stack.append((tree.visit(neighbour, here, top), iter(graph.adj[neighbour])))
                    break
                if there != tree.parent[here]:
                    tree.low[here] = min(tree.low[here], there)
            else:
                stack.pop()
                tree.finish(here)
    return tree


def _separations(
    graph: nx.Graph,
    group_of: Mapping[str, str],
    engine: Engine,
    cuts: bool = True,
    bridges: bool = True,
) -> tuple[dict[str, Separation], dict[tuple[str, str], Separation]]:
    """The separations caused by removing each cut vertex and each bridge (the compiled form
    finds only those asked for)."""
    if engine == "compiled":
        from graph_queries.analyses.metrics._compiled_separations import separations

        found_cuts, found_bridges = separations(graph, group_of, cuts, bridges)
        return (
            {node: Separation(off, off_from) for node, off, off_from in found_cuts},
            {ends: Separation(off, off_from) for ends, off, off_from in found_bridges},
        )
    tree = _depth_first(graph)
    counts: dict[int, Counter[str]] = {}
    for position, node in enumerate(tree.order):
        counts.setdefault(tree.root[position], Counter())[group_of[node]] += 1
    vertices: dict[str, Separation] = {}
    for cut, children in tree.cuts.items():
        start, stop = tree.root[cut], tree.end[tree.root[cut]]
        holes = [(cut, cut + 1)] + [(child, tree.end[child]) for child in children]
        parts = [[range(child, tree.end[child])] for child in children]
        parts.append(_gaps(start, stop, holes))
        totals = counts[start].copy()
        totals[group_of[tree.order[cut]]] -= 1
        separation = _separation(tree, parts, totals, group_of)
        if separation is not None:
            vertices[tree.order[cut]] = separation
    edges: dict[tuple[str, str], Separation] = {}
    for up, child in tree.bridges:
        start, stop = tree.root[up], tree.end[tree.root[up]]
        parts = [[range(child, tree.end[child])], _gaps(start, stop, [(child, tree.end[child])])]
        separation = _separation(tree, parts, counts[start], group_of)
        if separation is not None:
            edges[tree.order[up], tree.order[child]] = separation
    return vertices, edges


def _gaps(start: int, stop: int, holes: list[tuple[int, int]]) -> list[range]:
    """The positions in [start, stop) outside the sorted, disjoint `holes`."""
    gaps, cursor = [], start
    for low, high in holes:
        if cursor < low:
            gaps.append(range(cursor, low))
        cursor = max(cursor, high)
    if cursor < stop:
        gaps.append(range(cursor, stop))
    return gaps


def _separation(
    tree: _Tree, parts: list[list[range]], totals: Counter[str], group_of: Mapping[str, str]
) -> Separation | None:
    """Which groups end up wholly in the smaller parts. Only the smaller parts are scanned, so
    the cost over all cut vertices stays near n log n; `totals` counts the component's nodes
    per group, the removed node aside."""
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    sizes = [sum(len(span) for span in part) for part in parts]
    firsts = [part[0].start for part in parts]
    rest = min(range(len(parts)), key=lambda i: (-sizes[i], firsts[i]))
    touched: set[str] = set()
    cut_off: set[str] = set()
    parts_with_cut = 0
    for i, part in enumerate(parts):
        if i == rest:
            continue
        inside = Counter(group_of[tree.order[p]] for span in part for p in span)
        whole = {group for group, count in inside.items() if count == totals[group]}
        touched |= inside.keys()
        cut_off |= whole
        parts_with_cut += bool(whole)
    if not cut_off:
        return None
    cut_off_from = {group for group, count in totals.items() if count > 0} - touched
    if not cut_off_from and parts_with_cut < 2:
        return None
    return Separation(tuple(sorted(cut_off)), tuple(sorted(cut_off_from)))
