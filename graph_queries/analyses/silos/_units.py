"""What a unit is and where it sits among units: ties, E-I index, insularity, the unit graph.

`unit_ties` counts a unit's internal and external collaboration ties (and their summed
strengths) and its partner units; `ei_index` (Krackhardt & Stern, 1988) and `insularity` turn
them into one figure each, plain or weighted. `unit_graph` joins units by ties and dependencies,
weighted, for the positional figures of `graph_queries.analyses.silos._figures` (betweenness,
Burt's measures, cut points). Units are not nested here: a leader belongs to exactly one unit,
and a tie between a division head and the head of one of its functions is external to both
units.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123-140.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.silos._helpers import _pair, _ties_by_id
from graph_queries.graphs import OrgGraphs

__all__ = ["UnitTies", "ei_index", "insularity", "unit_graph", "unit_ties"]

_MAX_CRITICALITY = 5


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitTies:
    """A unit's collaboration ties, counted per tie (two ties between the same leaders count
    twice) and as summed strength; `partners` are the other units reached by a tie."""

    internal: int
    external: int
    internal_strength: float
    external_strength: float
    partners: tuple[str, ...]


# ---- what a unit is: ties ------------------------------------------------------------------------


def unit_ties(graphs: OrgGraphs, unit: str) -> UnitTies:
    """Internal (both leaders in `unit`) and external (one leader in it) collaboration ties."""
    return _unit_ties(graphs, {unit}).get(unit, UnitTies(0, 0, 0.0, 0.0, ()))


def ei_index(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The E-I index of Krackhardt & Stern (1988): (E - I) / (E + I).

    E counts the unit's external ties, I its internal ties (`unit_ties`); with `weighted`, E and
    I are summed tie strengths instead. The value is in [-1, 1]: -1 when all ties stay inside,
    +1 when all go out. None when the unit has no ties at all (E + I = 0): it is then neither
    open nor closed, just unconnected.
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return _ei(ties.external_strength, ties.internal_strength)
    return _ei(ties.external, ties.internal)


def insularity(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The share of the unit's ties that stay inside it: I / (I + E), in [0, 1].

    Equal to (1 - EI) / 2. Counts ties, or sums strengths with `weighted`; None when the unit
    has no ties (I + E = 0).
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return _share(ties.internal_strength, ties.external_strength)
    return _share(ties.internal, ties.external)


def _ei(external: float, internal: float) -> float | None:
    return (external - internal) / (external + internal) if external + internal > 0 else None


def _share(internal: float, external: float) -> float | None:
    return internal / (internal + external) if internal + external > 0 else None


def _unit_ties(graphs: OrgGraphs, units: set[str]) -> dict[str, UnitTies]:
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    members = [leader for leader, unit in unit_of.items() if unit in units]
    counts: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, strength in _ties_by_id(graphs, members):
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a == unit_b:
            counts[unit_a][0] += 1
            counts[unit_a][2] += strength
            continue
        for unit, other in ((unit_a, unit_b), (unit_b, unit_a)):
            if unit in units:
                counts[unit][1] += 1
                counts[unit][3] += strength
                partners[unit].add(other)
    return {
        unit: UnitTies(int(c[0]), int(c[1]), c[2], c[3], tuple(sorted(partners[unit])))
        for unit, c in counts.items()
    }


# ---- where a unit sits: the unit graph -----------------------------------------------------------


def unit_graph(graphs: OrgGraphs, units: Iterable[str] | None = None) -> nx.Graph:
    """The units (default: all) as a weighted graph, nodes and edges added in id order.

    Two units are joined when a leader of one has a collaboration tie to a leader of the other,
    or one depends on the other: a dependency is a working interface, a channel for
    coordination even without a personal tie (`dependency_coverage` reports that gap). Edge
    attributes: `ties` (count), `strength` (summed tie strength), `dependencies` (count, both
    directions), `criticality` (summed), and
        weight = strength + criticality / 5,
    so a tie of strength 1 and a dependency of the highest criticality weigh the same, and
    `distance` = 1 / weight, the length betweenness uses (a strong link is a short path).
    Node attributes: `name`, `division`.
    """
    chosen = sorted(graphs.units if units is None else set(units))
    inside = set(chosen)
    graph = nx.Graph()
    for unit in chosen:
        data = graphs.units.nodes[unit]
        graph.add_node(unit, name=data["name"], division=data["division"])
    links: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    members = [leader for leader, unit in unit_of.items() if unit in inside]
    for a, b, strength in _ties_by_id(graphs, members):
        pair = _pair(unit_of[a], unit_of[b])
        if pair[0] != pair[1] and pair[0] in inside and pair[1] in inside:
            links[pair][0] += 1
            links[pair][1] += strength
    for a, b, criticality in graphs.dependencies.edges(chosen, data="criticality"):
        if a != b and b in inside:
            links[_pair(a, b)][2] += 1
            links[_pair(a, b)][3] += criticality
    for (a, b), (ties, strength, dependencies, criticality) in sorted(links.items()):
        weight = strength + criticality / _MAX_CRITICALITY
        graph.add_edge(
            a,
            b,
            ties=int(ties),
            strength=strength,
            dependencies=int(dependencies),
            criticality=int(criticality),
            weight=weight,
            distance=1 / weight,
        )
    return graph
