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
number of cross-unit leader pairs a path can serve grows with it), then ids. The figure is the
target's score as `silo_bottlenecks` ranks it on the organization with the candidate ties
added (0 once it is not ranked), with the same path sample as the report.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence

from graph_queries.analyses.silos import Bottleneck, BottleneckKind, SiloReport, silo_bottlenecks
from graph_queries.graphs import OrgGraphs
from graph_queries.natural_order import natural_key

__all__ = ["bottleneck_candidates", "bottleneck_figure", "silo_report"]

Pair = tuple[str, str]


def silo_report(graphs: OrgGraphs, path_sample: int | None) -> SiloReport:
    """Every bottleneck ranked, so that the target's score can be read wherever it falls."""
    everyone = graphs.units.number_of_nodes() + graphs.reporting.number_of_nodes()
    return silo_bottlenecks(graphs, top=everyone, path_sample=path_sample, busiest_pairs=0)


def bottleneck_candidates(
    graphs: OrgGraphs, everyone: OrgGraphs, target: Bottleneck, limit: int
) -> list[Pair]:
    """Untied leader pairs on either side of `target`, at most `limit` (see the module).
    `everyone` holds every tie, so that a pair tied in another layer is not offered another."""
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
    people = sorted(set(sides), key=natural_key)
    size = Counter(unit.values())
    pairs = [
        (a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if unit[a] != unit[b] and not everyone.collaboration.has_edge(a, b)
    ]
    pairs.sort(key=lambda p: (-size[unit[p[0]]] * size[unit[p[1]]], *map(natural_key, p)))
    return pairs[:limit]


def bottleneck_figure(
    graphs: OrgGraphs,
    target: Bottleneck,
    kind: str | None,
    strength: float,
    path_sample: int | None,
) -> Callable[[Sequence[Pair]], tuple[float, SiloReport]]:
    """The score of `target` in the silo report of `graphs` with ties added between the pairs
    given (0 when no longer ranked), and the report."""

    def figure(pairs: Sequence[Pair]) -> tuple[float, SiloReport]:
        team = graphs.collaboration.copy()
        for number, (a, b) in enumerate(pairs):
            team.add_edge(a, b, key=f"recommended-{number}", strength=strength, kind=kind)
        report = silo_report(dataclasses.replace(graphs, collaboration=team), path_sample)
        return score_of(report, target), report

    return figure


def score_of(report: SiloReport, target: Bottleneck) -> float:
    """`target`'s score in `report`, 0 when it is not ranked there."""
    for found in report.bottlenecks:
        if (found.kind, found.id) == (target.kind, target.id):
            return found.score
    return 0.0
