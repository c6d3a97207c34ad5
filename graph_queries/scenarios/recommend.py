"""`recommend`: for a chosen goal, the few new ties that help it most, each with its effect.

A network intervention changes a few ties chosen for their effect on the network as a whole
(Valente, 2012, "Network interventions", Science 337(6090)). Here the changes are those of the
what-if simulation (`AddTie`), chosen by greedy search with lazy re-evaluation (`lazy_greedy`:
Leskovec et al., 2007) over a bounded pool of candidates, each measured with the engine's own
analysis on the organization with the ties before it added. No person is asked to take on more
than `max_new_ties_per_person` of the new ties. The cost is bounded and reported:
`evaluations` made, never more than `evaluation_bound` = 1 + count x candidates.

Goals:

- CONNECT_FACTIONS: ties between executives of different factions that lower the modularity
  of the top team's factions (`executive_factions`) most, to 0 when they become one team
  (`faction_goal`; Burt, 1992 and 2005, on brokerage across structural holes).
- LOWER_WORST_BOTTLENECK: ties between people on either side of the first bottleneck
  `silo_bottlenecks` ranks that lower its score most, to 0 once it is not ranked
  (`bottleneck_goal`).
- COVER_UNRELIABLE_DEPENDENCIES: ties between the leaders of units whose dependency is rated
  SOMETIMES or worse and that have no direct tie and at most one go-between
  (`dependency_coverage`), lowering the criticality summed over such pairs (`coverage_goal`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import (
    DEFAULT_PATH_SAMPLE,
    Bottleneck,
    DependencyCoverage,
    SiloReport,
)
from graph_queries.analyses.wording import leader_name_or_id, plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.layers import restrict_ties
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios.bottleneck_goal import (
    bottleneck_candidates,
    bottleneck_figure,
    silo_report,
)
from graph_queries.scenarios.changes import AddLiaison, AddTie
from graph_queries.scenarios.coverage_goal import (
    coverage_candidates,
    coverage_figure,
    exposed,
)
from graph_queries.scenarios.faction_goal import (
    Pair,
    executive_graphs,
    faction_candidates,
    faction_figure,
)
from graph_queries.scenarios.lazy_greedy import Pick, Search, lazy_greedy

__all__ = ["CANDIDATES_LIMIT", "Goal", "Recommendation", "Recommendations", "recommend"]

# Candidates measured at most: the search's cost grows with it (1 + count x candidates).
CANDIDATES_LIMIT = 40


class Goal(StrEnum):
    CONNECT_FACTIONS = "CONNECT_FACTIONS"
    LOWER_WORST_BOTTLENECK = "LOWER_WORST_BOTTLENECK"
    COVER_UNRELIABLE_DEPENDENCIES = "COVER_UNRELIABLE_DEPENDENCIES"


FACTION_FIGURE = "modularity of the executive factions"
BOTTLENECK_FIGURE = "score of the worst bottleneck"
COVERAGE_FIGURE = "criticality of unreliable dependencies with at most one go-between"
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended move: the `changes` to make, the goal's figure `before` it (after the
    recommendations ahead of it) and `after` it, and why, in a sentence naming the people and
    their units."""

    changes: tuple[AddTie | AddLiaison, ...]
    before: float
    after: float
    reason: str


@dataclass(frozen=True, slots=True)
class Recommendations:
    """The recommendations in the order found (each measured on top of the ones before it),
    the goal's `figure` named in words and its value with none of them (`start`; None when the
    privacy floor withholds it), and the search's cost: `candidates` measured, `evaluations`
    made, never more than `evaluation_bound`. `target` is the bottleneck whose score is the
    figure (LOWER_WORST_BOTTLENECK; None for the other goals or when nothing is ranked)."""

    goal: Goal
    figure: str
    start: float | None
    recommendations: tuple[Recommendation, ...]
    candidates: int
    evaluations: int
    evaluation_bound: int
    target: Bottleneck | None = None


def recommend(
    snapshot: OrgSnapshot,
    goal: Goal,
    *,
    count: int = 3,
    max_new_ties_per_person: int = 2,
    candidates_limit: int = CANDIDATES_LIMIT,
    kinds: frozenset[str] | None = None,
    kind: str | None = None,
    strength: float = 1.0,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    liaisons: bool = False,
) -> Recommendations:
    """Up to `count` new ties (of `kind` and `strength`) that serve `goal` most, each lowering
    its figure; fewer when no candidate helps. `kinds` is the layer of ties the analysis reads
    (a new tie's `kind` must be in it to count); `candidates_limit` bounds the pool;
    `path_sample` is the silo analysis' (LOWER_WORST_BOTTLENECK). The same arguments give the
    same recommendations."""
    if candidates_limit < 0:
        raise ValueError(f"candidates_limit must be 0 or more, not {candidates_limit}")
    if kinds is not None and kind not in kinds:
        raise ValueError(f"a new tie of kind {kind!r} is outside the layer {sorted(kinds)}")
    everyone = build_graphs(snapshot)
    layer = restrict_ties(everyone, kinds)
    cap = max_new_ties_per_person
    if goal is Goal.LOWER_WORST_BOTTLENECK:
        report = silo_report(layer, path_sample)
        if not report.bottlenecks:
            return Recommendations(goal, BOTTLENECK_FIGURE, 0.0, (), 0, 1, 1)
        target = report.bottlenecks[0]
        measure = bottleneck_figure(layer, target, kind, strength, path_sample)
        pool = bottleneck_candidates(layer, everyone, target, candidates_limit)
        silos = lazy_greedy(pool, _people, measure, count=count, cap=cap)
        reasons = [_bottleneck_reason(everyone, p.candidate, target, p) for p in silos.picks]
        found = _found(goal, BOTTLENECK_FIGURE, silos, len(pool), reasons, kind, strength)
        return dataclasses.replace(found, target=target)
    if goal is Goal.COVER_UNRELIABLE_DEPENDENCIES:
        cover = coverage_figure(layer, kind, strength)
        _, coverage = cover(())
        pool = coverage_candidates(layer, everyone, coverage, candidates_limit)
        covered = lazy_greedy(pool, _people, cover, count=count, cap=cap)
        reasons = [_coverage_reason(everyone, p) for p in covered.picks]
        return _found(goal, COVERAGE_FIGURE, covered, len(pool), reasons, kind, strength)
    team = executive_graphs(layer)
    figure = faction_figure(team, kind, strength)
    _, start = figure(())
    candidates = faction_candidates(team, everyone, start, candidates_limit)
    search = lazy_greedy(candidates, _people, figure, count=count, cap=cap)
    befores = [search.start, *(pick.result for pick in search.picks)]
    reasons = [
        _faction_reason(everyone, pick.candidate, before, pick.result)
        for pick, before in zip(search.picks, befores, strict=False)
    ]
    return _found(goal, FACTION_FIGURE, search, len(candidates), reasons, kind, strength)


def _people(pair: Pair) -> tuple[str, ...]:
    return pair


def _found(
    goal: Goal,
    figure: str,
    search: Search[Pair, R],
    candidates: int,
    reasons: list[str],
    kind: str | None,
    strength: float,
) -> Recommendations:
    found = tuple(
        Recommendation(
            (AddTie(*pick.candidate, kind=kind, strength=strength),),
            pick.before,
            pick.after,
            reason,
        )
        for pick, reason in zip(search.picks, reasons, strict=True)
    )
    return Recommendations(
        goal=goal,
        figure=figure,
        start=search.start_figure,
        recommendations=found,
        candidates=candidates,
        evaluations=search.evaluations,
        evaluation_bound=search.bound,
    )


def _bottleneck_reason(
    graphs: OrgGraphs, pair: Pair, target: Bottleneck, pick: Pick[Pair, SiloReport]
) -> str:
    """'A tie between Ann (Sales) and Bo (Ops) gives them a way around Cy: ...'."""
    people = [_person(graphs, p) for p in pair]
    now = pick.result.bottlenecks[0] if pick.result.bottlenecks else None
    worst = (
        ""
        if now is None or (now.kind, now.id) == (target.kind, target.id)
        else f"; the worst bottleneck is then {now.name} ({now.score:.2f})"
    )
    return (
        f"A tie between {people[0]} and {people[1]} gives them a way around {target.name}, the "
        f"worst bottleneck: its score falls from {pick.before:.2f} to {pick.after:.2f}{worst}."
    )


def _coverage_reason(graphs: OrgGraphs, pick: Pick[Pair, list[DependencyCoverage]]) -> str:
    """'A tie between Ann (Sales) and Bo (Ops) covers the unreliable dependency ...'."""
    people = [_person(graphs, p) for p in pick.candidate]
    now = len(exposed(pick.result))
    return (
        f"A tie between {people[0]} and {people[1]} links units with an unreliable dependency "
        f"that had no direct tie and at most one go-between: the criticality of such "
        f"dependencies falls from {pick.before:g} to {pick.after:g} "
        f"({plural(now, 'exposed pair')} left)."
    )


def _person(graphs: OrgGraphs, leader: str) -> str:
    unit = str(graphs.collaboration.nodes[leader].get("unit", ""))
    return f"{leader_name_or_id(graphs, leader)} ({unit_name_or_id(graphs, unit)})"


def _faction_reason(
    graphs: OrgGraphs, pair: Pair, before: FactionReport, after: FactionReport
) -> str:
    """'A tie between Ann (Boston) and Bo (Hartford), in different factions, lowers ...'."""
    people = [_person(graphs, p) for p in pair]
    factions = (len(before.factions), len(after.factions))
    joined = (
        "the top team becomes one faction"
        if factions[1] <= 1 < factions[0]
        else f"{plural(factions[0], 'faction')} before, {factions[1]} after"
    )
    return (
        f"A tie between {people[0]} and {people[1]}, in different factions of the top team, "
        f"lowers the modularity of its factions from {before.modularity:.2f} to "
        f"{after.modularity:.2f} ({joined})."
    )
