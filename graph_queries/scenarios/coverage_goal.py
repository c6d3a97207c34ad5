"""The goal of covering unreliable dependencies: its candidate ties and its figure.

A dependency rated SOMETIMES or worse between two units whose leaders share no tie, and that
at most one person links (`dependency_coverage`: NO_BROKER or SINGLE_BROKER), is where
coordination breaks first: nobody to call, or everything through one go-between. A direct tie
between the two units' leaders covers it (Burt, 1992, on the structural hole the go-between
spans). The figure is the criticality summed over such exposed pairs, so that covering a
critical dependency counts more. Candidates, for each exposed pair, tie the two
best-connected leaders of one unit (most ties, then id) to those of the other; the pool is
ranked by the pair's criticality, then ids, and bounded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from graph_queries.analyses.silos import Coverage, DependencyCoverage, dependency_coverage
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Reliability
from graph_queries.natural_order import natural_key

__all__ = ["UNRELIABLE", "coverage_candidates", "coverage_figure", "exposed"]

Pair = tuple[str, str]

UNRELIABLE = frozenset({Reliability.SOMETIMES, Reliability.RARELY, Reliability.NEVER})
THIN = frozenset({Coverage.NO_BROKER, Coverage.SINGLE_BROKER})
# Leaders of each unit a candidate tie may start from.
LEADERS_PER_UNIT = 2


def exposed(coverage: Sequence[DependencyCoverage]) -> list[DependencyCoverage]:
    """The unreliable dependent pairs with no direct tie and at most one go-between."""
    return [c for c in coverage if c.reliability in UNRELIABLE and c.status in THIN]


def coverage_candidates(
    graphs: OrgGraphs, everyone: OrgGraphs, coverage: Sequence[DependencyCoverage], limit: int
) -> list[Pair]:
    """Ties between the best-connected leaders of each exposed pair's units, at most `limit`.
    `everyone` holds every tie, so that a pair tied in another layer is not offered another."""
    team = graphs.collaboration
    members: dict[str, list[str]] = {}
    for leader, unit in team.nodes(data="unit"):
        members.setdefault(str(unit), []).append(leader)
    best = {
        unit: sorted(people, key=lambda p: (-team.degree(p), natural_key(p)))[:LEADERS_PER_UNIT]
        for unit, people in members.items()
    }
    ranked = sorted(
        exposed(coverage),
        key=lambda c: (-c.criticality, natural_key(c.unit_a), natural_key(c.unit_b)),
    )
    pairs: dict[Pair, None] = {}
    for pair in ranked:
        for a in best.get(pair.unit_a, []):
            for b in best.get(pair.unit_b, []):
                ordered = (a, b) if natural_key(a) <= natural_key(b) else (b, a)
                if not everyone.collaboration.has_edge(a, b):
                    pairs.setdefault(ordered)
    return list(pairs)[:limit]


def coverage_figure(
    graphs: OrgGraphs, kind: str | None, strength: float
) -> Callable[[Sequence[Pair]], tuple[float, list[DependencyCoverage]]]:
    """The criticality summed over the exposed pairs of `graphs` with ties added between the
    pairs given, and the coverage it comes from."""

    def figure(pairs: Sequence[Pair]) -> tuple[float, list[DependencyCoverage]]:
        team = graphs.collaboration.copy()
        for number, (a, b) in enumerate(pairs):
            team.add_edge(a, b, key=f"recommended-{number}", strength=strength, kind=kind)
        coverage = dependency_coverage(dataclasses.replace(graphs, collaboration=team))
        return float(sum(c.criticality for c in exposed(coverage))), coverage

    return figure
