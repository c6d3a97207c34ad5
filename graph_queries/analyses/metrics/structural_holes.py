"""Structural holes (Burt, 1992): how far a node's contacts are tied to each other.

`constraint` and `effective_size` take a simple undirected graph; edge weights (default
attribute `weight`) are tie strengths, 1 when absent or with ``weight=None``. A self-loop is no
contact. They give the values of `networkx.constraint` and `networkx.effective_size` on
undirected graphs, in sum-of-squared-degrees time.

Both run compiled (`engine="compiled"`, the default: numba loops in `_compiled_structure`) and
keep their pure Python form (`engine="networkx"`) as the reference: the same floats to the last
bit, which the tests check on random graphs. A directed graph or a multigraph always takes the
reference form.

References
----------
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University
Press.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_queries.analyses.metrics.shortest_paths import Engine

if TYPE_CHECKING:
    from graph_queries.analyses.metrics._compiled_structure import Floats, Ints

__all__ = ["constraint", "effective_size"]


def constraint(
    graph: nx.Graph, weight: str | None = "weight", *, engine: Engine = "compiled"
) -> dict[str, float | None]:
    """Burt's (1992) constraint: c_i = sum over neighbours j of (p_ij + sum_q p_iq p_qj)^2.

    p_ij = w_ij / sum_k w_ik is the share of i's tie weight going to j (w = 1 without `weight`),
    q runs over i's other neighbours. 1 for a single contact, above 1 when i's contacts are
    strongly tied to each other (1.125 in a triangle), 1/n for n equal, unconnected contacts:
    low constraint means i spans structural holes. None for an isolated node. Same values as
    `networkx.constraint` on undirected graphs, in sum-of-squared-degrees time.

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    weight : str or None
        The edge attribute holding tie strength; None counts every tie as 1.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    dict
        Node -> constraint, or None for a node with no contact.

    Examples
    --------
    The centre of a star spans holes between its three contacts; each leaf has one contact.

    >>> import networkx as nx
    >>> constraint(nx.star_graph(3), weight=None)
    {0: 0.3333333333333333, 1: 1.0, 2: 1.0, 3: 1.0}
    >>> constraint(nx.complete_graph(3), weight=None)[0]
    1.125

    References
    ----------
    Burt (1992), Structural Holes.
    """
    if engine == "compiled" and _simple(graph):
        from graph_queries.analyses.metrics._compiled_structure import constraint_values

        return _compiled(graph, weight, constraint_values)
    shares = _shares(graph, weight)
    result: dict[str, float | None] = {}
    for i, p_i in shares.items():
        total = 0.0
        for j, p_ij in p_i.items():
            indirect = sum(p_iq * shares[q].get(j, 0.0) for q, p_iq in p_i.items() if q != j)
            total += (p_ij + indirect) ** 2
        result[i] = total if p_i else None
    return result


def effective_size(
    graph: nx.Graph, weight: str | None = "weight", *, engine: Engine = "compiled"
) -> dict[str, float | None]:
    """Burt's (1992) effective size: sum over neighbours j of (1 - sum_q p_iq m_jq).

    p as in `constraint`; m_jq = w_jq / max_k w_jk (j's tie to q relative to j's strongest).
    The number of contacts less their redundancy: n - 2t/n on unweighted graphs (n contacts,
    t ties among them). None for an isolated node. Same values as `networkx.effective_size`
    with `nodes=` (networkx 3.6's faster all-nodes path has a weighted-graph bug, PR #8906).

    Parameters
    ----------
    graph : networkx.Graph
        A simple undirected graph.
    weight : str or None
        The edge attribute holding tie strength; None counts every tie as 1.
    engine : "compiled" or "networkx"
        See the module's description.

    Returns
    -------
    dict
        Node -> effective size, or None for a node with no contact.

    Examples
    --------
    In a triangle with a tail (a - b - c - a, c - d), c has three contacts of which a and b are
    tied to each other: n - 2t/n = 3 - 2/3.

    >>> import networkx as nx
    >>> graph = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> effective_size(graph, weight=None)
    {'a': 1.0, 'b': 1.0, 'c': 2.3333333333333335, 'd': 1.0}

    References
    ----------
    Burt (1992), Structural Holes.
    """
    if engine == "compiled" and _simple(graph):
        from graph_queries.analyses.metrics._compiled_structure import effective_size_values

        return _compiled(graph, weight, effective_size_values)
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


def _simple(graph: nx.Graph) -> bool:
    """Whether the compiled form applies: it reads p_ji from the tie i - j itself."""
    return not graph.is_directed() and not graph.is_multigraph()


def _compiled(
    graph: nx.Graph, weight: str | None, values: Callable[[Ints, Ints, Floats], Floats]
) -> dict[str, float | None]:
    from graph_queries.analyses.metrics._compiled_structure import weighted_arrays

    nodes, indptr, indices, weights = weighted_arrays(graph, weight)
    found: list[float] = values(indptr, indices, weights).tolist()
    contacts: list[int] = (indptr[1:] - indptr[:-1]).tolist()
    # A node with no contact has no value (NaN in the arrays; a computed NaN stays one).
    result: dict[Any, float | None] = {
        node: x if k else None for node, x, k in zip(nodes, found, contacts, strict=True)
    }
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
