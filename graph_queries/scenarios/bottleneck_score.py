"""One bottleneck's score as `silo_bottlenecks` defines it, computed from what the score reads.

`silo_bottlenecks` scores every unit and leader as 0.45 B + 0.35 S + 0.20 D, rounded to 6
places, and ranks those above 0; a unit or leader that is not ranked scores 0 here. The
recommendation search needs one of those scores per evaluation, not the report:

- a unit: B = its weighted betweenness in the unit graph over the highest of any unit (both
  from the same count, with the same path sample), S = what removing it cuts off in the unit
  graph, D = what other units stake on it (dependencies only: no tie changes it). New ties only
  add to the strength of a unit-graph link, so the unit graph is built once and only the links
  the new ties touch change;
- a leader: B = their cross-unit betweenness over the highest of any leader, S = what removing
  them cuts off in the leader graph, D = the criticality of the pairs they are the only
  go-between of over the highest of any leader (`coverage_update.sole_brokerage`).

B is relative to the highest betweenness of its kind, so every node's betweenness is counted,
with the compiled kernel and from the path starts `silo_bottlenecks` draws (the same seeded
sample of the same nodes, so candidates are compared on one sample, not on sampling noise).
What the report adds besides (E-I indexes, brokerage roles, bridges, reasons, the ranking of
everyone) is not computed. The graphs are built in id order, as `silo_bottlenecks` builds them,
so the figures are the same floats as the report's (Brandes, 2001; Brandes & Pich, 2007).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from graph_queries.analyses.metrics import shortest_paths
from graph_queries.analyses.metrics.cross_group import cross_group_loads
from graph_queries.analyses.metrics.separations import cut_points
from graph_queries.analyses.silos import (
    BETWEENNESS_WEIGHT,
    DEPENDENCY_WEIGHT,
    RELIABILITY_RISK,
    SEPARATION_WEIGHT,
    Bottleneck,
    BottleneckKind,
    leader_graph,
    unit_graph,
)
from graph_queries.graphs import OrgGraphs
from graph_queries.scenarios.coverage_update import CoverState, sole_brokerage
from graph_queries.scenarios.moves import Growth

__all__ = ["TargetScore"]

# The highest criticality, as `silo_bottlenecks` divides by it.
MAX_CRITICALITY = 5


class TargetScore:
    """The score of `target` on `graphs` with leaders and ties added; what does not change
    between evaluations (the leader and unit graphs, what units stake on each other) is
    prepared once. `path_sample` is the silo analysis'."""

    def __init__(
        self,
        graphs: OrgGraphs,
        target: Bottleneck,
        path_sample: int | None,
        strength: float,
    ) -> None:
        self._target = target
        self._sample = path_sample
        self._strength = strength
        self._units = sorted(graphs.units)
        unit_of = {leader: str(unit) for leader, unit in graphs.collaboration.nodes(data="unit")}
        self._unit_of = {leader: unit for leader, unit in unit_of.items() if unit in graphs.units}
        if target.kind is BottleneckKind.UNIT:
            self._places = unit_graph(graphs, self._units)
            self._stake = _at_stake(graphs)
        else:
            people = leader_graph(graphs, sorted(self._unit_of))
            self._edges = sorted(people.edges())

    def score(self, growth: Growth, cover: CoverState | None) -> float:
        """The target's score with `growth` added; `cover`, the coverage with it added, is
        what a leader's score reads (a unit's does not)."""
        if self._target.kind is BottleneckKind.UNIT:
            return self._unit_score(growth)
        if cover is None:
            raise ValueError("a leader's score reads the dependency coverage")
        return self._leader_score(growth, cover)

    def _unit_score(self, growth: Growth) -> float:
        unit_of = dict(self._unit_of)
        unit_of.update((leader, unit) for leader, unit, _ in growth.leaders)
        places = _with_ties(
            self._places, [(unit_of[a], unit_of[b]) for a, b in growth.ties], self._strength
        )
        found = shortest_paths.betweenness(places, weight="distance", sample=self._sample)
        between = {str(unit): value for unit, value in found.items()}
        cuts = cut_points(places, {unit: unit for unit in places})
        cut = cuts[self._target.id].cut_off if self._target.id in cuts else ()
        return _score(between, self._stake, self._target.id, cut, len(self._units))

    def _leader_score(self, growth: Growth, cover: CoverState) -> float:
        unit_of = dict(self._unit_of)
        unit_of.update((leader, unit) for leader, unit, _ in growth.leaders)
        people = nx.Graph()
        people.add_nodes_from(sorted(unit_of))
        new = [(a, b) if a <= b else (b, a) for a, b in growth.ties]
        people.add_edges_from(sorted([*self._edges, *new]) if new else self._edges)
        loads = cross_group_loads(people, unit_of, sample=self._sample)
        between = {leader: load.betweenness for leader, load in loads.items()}
        cuts = cut_points(people, unit_of)
        cut = cuts[self._target.id].cut_off if self._target.id in cuts else ()
        return _score(between, sole_brokerage(cover), self._target.id, cut, len(self._units))


def _score(
    between: Mapping[str, float],
    risk: Mapping[str, float],
    target: str,
    cut_off: tuple[str, ...],
    units: int,
) -> float:
    """0.45 B + 0.35 S + 0.20 D of `silo_bottlenecks`, rounded as there; 0 unless above 0."""
    top_between = max(between.values(), default=0.0)
    top_risk = max(risk.values(), default=0.0)
    b = between.get(target, 0.0) / top_between if top_between > 0 else 0.0
    d = risk.get(target, 0.0) / top_risk if top_risk > 0 else 0.0
    s = 0.5 + 0.5 * min(1.0, len(cut_off) / max(1, units - 1)) if cut_off else 0.0
    score = round(BETWEENNESS_WEIGHT * b + SEPARATION_WEIGHT * s + DEPENDENCY_WEIGHT * d, 6)
    return score if score > 0 else 0.0


def _at_stake(graphs: OrgGraphs) -> dict[str, float]:
    """Per unit, criticality / 5 x risk summed over the dependencies on it, in id order."""
    into: dict[str, list[tuple[str, int, str]]] = {}
    for _, b, key, data in graphs.dependencies.edges(keys=True, data=True):
        if b in graphs.units:
            into.setdefault(b, []).append((key, data["criticality"], data["reliability"]))
    return {
        unit: sum(
            criticality / MAX_CRITICALITY * RELIABILITY_RISK[reliability]
            for _, criticality, reliability in sorted(links)
        )
        for unit, links in into.items()
    }


def _with_ties(places: nx.Graph, links: list[tuple[str, str]], strength: float) -> nx.Graph:
    """The unit graph with a tie of `strength` added per link between two units, weights and
    distances as `unit_graph` computes them; built again in id order when a link is new."""
    links = [(a, b) if a <= b else (b, a) for a, b in links if a != b]
    if not links:
        return places
    edges = {((a, b) if a <= b else (b, a)): dict(data) for a, b, data in places.edges(data=True)}
    for pair in links:
        data = edges.setdefault(
            pair, {"ties": 0, "strength": 0.0, "dependencies": 0, "criticality": 0}
        )
        data["ties"] += 1
        data["strength"] += strength
        data["weight"] = data["strength"] + data["criticality"] / MAX_CRITICALITY
        data["distance"] = 1 / data["weight"]
    changed = nx.Graph()
    changed.add_nodes_from(places.nodes(data=True))
    changed.add_edges_from((a, b, data) for (a, b), data in sorted(edges.items()))
    return changed
