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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
from graph_queries.analyses.wording import unit_name
from graph_queries.graphs import OrgGraphs
from graph_queries.scenarios.coverage_update import CoverState, sole_brokerage
from graph_queries.scenarios.moves import Growth

__all__ = ["TargetScore", "Worst"]

# The highest criticality, as `silo_bottlenecks` divides by it.
MAX_CRITICALITY = 5
# Per unit or leader: its betweenness, and the units removing it cuts off.
Figures = tuple[dict[str, float], dict[str, tuple[str, ...]]]


@dataclass(frozen=True, slots=True)
class Worst:
    """The first bottleneck `silo_bottlenecks` ranks: its kind, id, name and score."""

    kind: BottleneckKind
    id: str
    name: str
    score: float


class TargetScore:
    """The score of `target` on `graphs` with leaders and ties added; what does not change
    between evaluations (the leader and unit graphs, what units stake on each other) is
    prepared once, and the unit figures of each growth measured are kept (a unit graph's
    figures are small), so that naming the worst bottleneck after a pick reuses them.
    `path_sample` is the silo analysis'."""

    def __init__(
        self,
        graphs: OrgGraphs,
        target: Bottleneck,
        path_sample: int | None,
        strength: float,
    ) -> None:
        self._graphs = graphs
        self._target = target
        self._sample = path_sample
        self._strength = strength
        self._units = sorted(graphs.units)
        unit_of = {leader: str(unit) for leader, unit in graphs.collaboration.nodes(data="unit")}
        self._unit_of = {leader: unit for leader, unit in unit_of.items() if unit in graphs.units}
        self._stake = _at_stake(graphs)
        self._places: nx.Graph | None = None
        self._edges: list[tuple[str, str]] | None = None
        self._measured: dict[Growth, Figures] = {}

    def score(self, growth: Growth, cover: CoverState | None) -> float:
        """The target's score with `growth` added; `cover`, the coverage with it added, is
        what a leader's score reads (a unit's does not)."""
        if self._target.kind is BottleneckKind.UNIT:
            between, cuts = self._unit_figures(growth)
            return _scores(between, self._stake, cuts, len(self._units)).get(self._target.id, 0.0)
        if cover is None:
            raise ValueError("a leader's score reads the dependency coverage")
        between, cuts = self._leader_figures(growth)
        scores = _scores(between, sole_brokerage(cover), cuts, len(self._units))
        return scores.get(self._target.id, 0.0)

    def worst(self, growth: Growth, cover: CoverState, names: Sequence[str]) -> Worst | None:
        """The first bottleneck `silo_bottlenecks` ranks with `growth` added (the highest
        score, ties by id then kind), None when none scores; the k-th new leader is named
        `names[k]`. Counts every unit's and leader's figures: run once per pick."""
        units = len(self._units)
        ranked = [
            (-score, node, kind)
            for kind, (between, cuts), risk in (
                (BottleneckKind.UNIT, self._unit_figures(growth), self._stake),
                (BottleneckKind.LEADER, self._leader_figures(growth), sole_brokerage(cover)),
            )
            for node, score in _scores(between, risk, cuts, units).items()
        ]
        if not ranked:
            return None
        negative, node, kind = min(ranked)
        new = {leader: name for (leader, _, _), name in zip(growth.leaders, names, strict=False)}
        if kind is BottleneckKind.UNIT:
            name = unit_name(self._graphs, node)
        else:
            name = new.get(node) or str(self._graphs.collaboration.nodes[node]["name"])
        return Worst(kind, node, name, -negative)

    def _unit_figures(self, growth: Growth) -> Figures:
        if growth not in self._measured:
            if self._places is None:
                self._places = unit_graph(self._graphs, self._units)
            unit_of = dict(self._unit_of)
            unit_of.update((leader, unit) for leader, unit, _ in growth.leaders)
            links = [(unit_of[a], unit_of[b]) for a, b in growth.ties]
            places, saved = _with_ties(self._places, links, self._strength)
            try:
                found = shortest_paths.betweenness(places, weight="distance", sample=self._sample)
                cuts = cut_points(places, {unit: unit for unit in places})
            finally:
                _restore(places, saved)
            self._measured[growth] = (
                {str(unit): value for unit, value in found.items()},
                {unit: cut.cut_off for unit, cut in cuts.items()},
            )
        return self._measured[growth]

    def _leader_figures(self, growth: Growth) -> Figures:
        if self._edges is None:
            self._edges = sorted(leader_graph(self._graphs, sorted(self._unit_of)).edges())
        unit_of = dict(self._unit_of)
        unit_of.update((leader, unit) for leader, unit, _ in growth.leaders)
        people = nx.Graph()
        people.add_nodes_from(sorted(unit_of))
        new = [(a, b) if a <= b else (b, a) for a, b in growth.ties]
        people.add_edges_from(sorted([*self._edges, *new]) if new else self._edges)
        loads = cross_group_loads(people, unit_of, sample=self._sample)
        cuts = cut_points(people, unit_of)
        return (
            {leader: load.betweenness for leader, load in loads.items()},
            {leader: cut.cut_off for leader, cut in cuts.items()},
        )


def _scores(
    between: Mapping[str, float],
    risk: Mapping[str, float],
    cuts: Mapping[str, tuple[str, ...]],
    units: int,
) -> dict[str, float]:
    """0.45 B + 0.35 S + 0.20 D of `silo_bottlenecks` for every node of `between` (one kind),
    rounded as there; only those above 0, the ones it ranks."""
    top_between = max(between.values(), default=0.0)
    top_risk = max(risk.values(), default=0.0)
    scores = {}
    for node, value in between.items():
        b = value / top_between if top_between > 0 else 0.0
        d = risk.get(node, 0.0) / top_risk if top_risk > 0 else 0.0
        cut_off = cuts.get(node, ())
        s = 0.5 + 0.5 * min(1.0, len(cut_off) / max(1, units - 1)) if cut_off else 0.0
        score = round(BETWEENNESS_WEIGHT * b + SEPARATION_WEIGHT * s + DEPENDENCY_WEIGHT * d, 6)
        if score > 0:
            scores[node] = score
    return scores


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


def _with_ties(
    places: nx.Graph, links: list[tuple[str, str]], strength: float
) -> tuple[nx.Graph, dict[tuple[str, str], dict[str, float]]]:
    """The unit graph with a tie of `strength` added per link between two units, weights and
    distances as `unit_graph` computes them, and the links' data before. When every link is
    already there, `places` itself is re-weighted (copying it would cost as much as the count;
    `_restore` puts the data back); when a link is new, a graph is built again in id order
    (nothing to restore)."""
    links = [(a, b) if a <= b else (b, a) for a, b in links if a != b]
    if all(places.has_edge(a, b) for a, b in links):
        saved = {pair: dict(places.edges[pair]) for pair in links}
        for pair in links:
            _add_tie(places.edges[pair], strength)
        return places, saved
    edges = {((a, b) if a <= b else (b, a)): dict(data) for a, b, data in places.edges(data=True)}
    for pair in links:
        empty = {"ties": 0, "strength": 0.0, "dependencies": 0, "criticality": 0}
        _add_tie(edges.setdefault(pair, empty), strength)
    changed = nx.Graph()
    changed.add_nodes_from(places.nodes(data=True))
    changed.add_edges_from((a, b, data) for (a, b), data in sorted(edges.items()))
    return changed, {}


def _add_tie(data: dict[str, float], strength: float) -> None:
    """One more tie of `strength` on a unit-graph link (`unit_graph`'s weight and distance)."""
    data["ties"] += 1
    data["strength"] += strength
    data["weight"] = data["strength"] + data["criticality"] / MAX_CRITICALITY
    data["distance"] = 1 / data["weight"]


def _restore(places: nx.Graph, saved: dict[tuple[str, str], dict[str, float]]) -> None:
    """The links' data as it was before `_with_ties`."""
    for pair, data in saved.items():
        places.edges[pair].clear()
        places.edges[pair].update(data)
