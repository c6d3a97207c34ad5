"""The goal of lowering the worst cross-unit bottleneck: its candidate ties and its figure.

The target is the first bottleneck `silo_bottlenecks` ranks. Cross-unit paths run through it
because the units on either side have no shorter way to each other; a direct tie between them
closes the structural hole it spans (Burt, 1992), so that it stops being the only way across.
Candidates join the people on either side:

- a leader bottleneck: two of their contacts in different units, not tied yet (the pairs they
  broker, Gould & Fernandez's roles, are between exactly these people);
- a unit bottleneck: for each neighbouring unit, the leader with the most ties into it, and a
  tie between two of those leaders of different units.

The pool is bounded by a cheap proxy: pairs whose two units have the most leaders first (the
number of cross-unit leader pairs a path can serve grows with it), then ids. A liaison
candidate ties a new person into one of those people per neighbouring unit (a few of the
largest units), homed in one of them. The figure is the target's score as `silo_bottlenecks`
ranks it on the organization with the moves made (0 once it is not ranked), with the same path
sample as the report, computed from the parts the score reads alone (`bottleneck_score`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from graph_queries.analyses.silos import Bottleneck, BottleneckKind
from graph_queries.graphs import OrgGraphs
from graph_queries.natural_order import natural_key
from graph_queries.scenarios.bottleneck_score import TargetScore, Worst
from graph_queries.scenarios.coverage_update import CoverState, cover_state, with_growth
from graph_queries.scenarios.moves import (
    MAX_LIAISON_CONTACTS,
    Liaison,
    Move,
    Pair,
    grow,
)

__all__ = ["BottleneckFigure", "bottleneck_candidates", "bottleneck_liaisons"]


def bottleneck_candidates(
    graphs: OrgGraphs, everyone: OrgGraphs, target: Bottleneck, limit: int
) -> list[Pair]:
    """Untied leader pairs on either side of `target`, at most `limit` (see the module).
    `everyone` holds every tie, so that a pair tied in another layer is not offered another."""
    team = graphs.collaboration
    unit = {leader: str(data.get("unit")) for leader, data in team.nodes(data=True)}
    people = _sides(graphs, target)
    size = Counter(unit.values())
    pairs = [
        (a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if unit[a] != unit[b] and not everyone.collaboration.has_edge(a, b)
    ]
    pairs.sort(key=lambda p: (-size[unit[p[0]]] * size[unit[p[1]]], *map(natural_key, p)))
    return pairs[:limit]


def _sides(graphs: OrgGraphs, target: Bottleneck) -> list[str]:
    """The people on either side of `target` (see the module), in id order."""
    team = graphs.collaboration
    unit = {leader: str(data.get("unit")) for leader, data in team.nodes(data=True)}
    if target.kind is BottleneckKind.LEADER:
        sides = [n for n in team.neighbors(target.id) if n != target.id]
    else:
        into: dict[str, Counter[str]] = {}
        for a, b in team.edges():
            for inside, outside in ((a, b), (b, a)):
                if unit[inside] == target.id and unit[outside] != target.id:
                    into.setdefault(unit[outside], Counter())[outside] += 1
        sides = [
            min(counts, key=lambda leader: (-counts[leader], natural_key(leader)))
            for counts in into.values()
        ]
    return sorted(set(sides), key=natural_key)


def bottleneck_liaisons(graphs: OrgGraphs, target: Bottleneck, limit: int) -> list[Liaison]:
    """Liaisons tied into the people on either side of `target` (as for the ties: one per
    neighbouring unit, the best-connected, the largest units first, `MAX_LIAISON_CONTACTS` at
    most), one per home unit among those units, at most `limit`. The liaison becomes a broker
    itself: the paths that went through the target go through them instead."""
    team = graphs.collaboration
    unit = {leader: str(data.get("unit")) for leader, data in team.nodes(data=True)}
    size = Counter(unit.values())
    chosen: dict[str, str] = {}
    for leader in sorted(_sides(graphs, target), key=lambda p: (-team.degree(p), natural_key(p))):
        chosen.setdefault(unit[leader], leader)
    if len(chosen) < 2:
        return []
    units = sorted(chosen, key=lambda u: (-size[u], natural_key(u)))[:MAX_LIAISON_CONTACTS]
    contacts = tuple(sorted((chosen[u] for u in units), key=natural_key))
    return [Liaison(home, contacts) for home in units][:limit]


class BottleneckFigure:
    """The score of `target` as `silo_bottlenecks` ranks it on `graphs` with moves made (0
    when no longer ranked; `bottleneck_score`), the k-th liaison taking `liaison_ids[k]` and
    named `names[k]`; and, once per pick, the worst bottleneck then."""

    def __init__(
        self,
        graphs: OrgGraphs,
        target: Bottleneck,
        strength: float,
        path_sample: int | None,
        liaison_ids: Sequence[str],
        names: Sequence[str],
    ) -> None:
        self._scorer = TargetScore(graphs, target, path_sample, strength)
        self._graphs = graphs
        self._ids = liaison_ids
        self._names = names
        self._cover: CoverState | None = None
        if target.kind is BottleneckKind.LEADER:
            self._cover = cover_state(graphs)

    def figure(self, moves: Sequence[Move]) -> tuple[float, None]:
        growth = grow(moves, self._ids)
        state = with_growth(self._cover, growth) if self._cover is not None else None
        return self._scorer.score(growth, state), None

    def worst_after(self, moves: Sequence[Move]) -> Worst | None:
        """The first bottleneck `silo_bottlenecks` ranks once `moves` are made."""
        if self._cover is None:
            self._cover = cover_state(self._graphs)
        growth = grow(moves, self._ids)
        return self._scorer.worst(growth, with_growth(self._cover, growth), self._names)
