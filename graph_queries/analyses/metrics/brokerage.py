"""Gould & Fernandez (1989) brokerage roles: whom a node links, by the groups at each end.

`brokerage_roles` takes a simple undirected graph and a mapping from node to group (for
leaders: their unit) and counts, for every node, the open triads it brokers by role. It runs
compiled (`engine="compiled"`, the default: a numba loop in `_compiled_structure`) and keeps its
pure Python form (`engine="networkx"`) as the reference, with the same counts.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage
in transaction networks. Sociological Methodology 19, 89-126.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.metrics.shortest_paths import Engine

__all__ = ["BrokerageRoles", "brokerage_roles"]


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


def brokerage_roles(
    graph: nx.Graph, group_of: Mapping[str, str], *, engine: Engine = "compiled"
) -> dict[str, BrokerageRoles]:
    """Gould & Fernandez (1989) role counts of every node (see `BrokerageRoles`).

    For each broker b, every unordered pair {a, c} of b's neighbours with no edge a - c is one
    open triad, classified by the groups of a, b and c. Cost: sum of squared degrees.

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
        Node -> `BrokerageRoles`.

    Examples
    --------
    b brokers between a (its own group X) and c, d (groups Y and Z), who are not tied to each
    other: two representative/gatekeeper triads ({a, c}, {a, d}) and one liaison ({c, d}).

    >>> import networkx as nx
    >>> star = nx.Graph([("a", "b"), ("b", "c"), ("b", "d")])
    >>> roles = brokerage_roles(star, {"a": "X", "b": "X", "c": "Y", "d": "Z"})
    >>> roles["b"]
    BrokerageRoles(coordinator=0, gatekeeper=2, representative=2, itinerant=0, liaison=1)
    >>> roles["b"].cross_unit
    3

    References
    ----------
    Gould & Fernandez (1989), Sociological Methodology 19.
    """
    if engine == "compiled":
        return _compiled(graph, group_of)
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


def _compiled(graph: nx.Graph, group_of: Mapping[str, str]) -> dict[str, BrokerageRoles]:
    import numpy as np

    from graph_queries.analyses.metrics._compiled_structure import (
        brokerage_counts,
        group_numbers,
        neighbour_arrays,
    )

    nodes, indptr, indices = neighbour_arrays(graph)
    counts = brokerage_counts(indptr, indices, group_numbers(nodes, group_of))
    # Most nodes share a handful of count rows (no triad at all, above all): one frozen result
    # per distinct row, and no tuple or list per node for the garbage collector to scan.
    # (Rows compared as 32-byte strings: far faster to tell apart than rows of numbers.)
    packed = np.ascontiguousarray(counts).view(np.dtype((np.void, counts.itemsize * 4)))
    rows, row_of = np.unique(packed.ravel(), return_inverse=True)
    shared = [
        BrokerageRoles(a, b, b, c, d) for a, b, c, d in rows.view(np.int64).reshape(-1, 4).tolist()
    ]
    roles: dict[str, BrokerageRoles] = dict(
        zip(nodes, map(shared.__getitem__, row_of.tolist()), strict=True)
    )
    return roles
