"""`recommend`: for a chosen goal, the few new ties or liaisons that help it most, with effects.

A network intervention changes a few ties chosen for their effect on the network as a whole
(Valente, 2012, "Network interventions", Science 337(6090)). Here the changes are those of the
what-if simulation (`AddTie`, and with `liaisons` `AddLiaison`: a new person whose job is the
link, `moves`), chosen by greedy search with lazy re-evaluation (`lazy_greedy`:
Leskovec et al., 2007) over a bounded pool of candidates, each measured with the engine's own
analysis on the organization with the moves before it made. No existing person is asked to
take on more than `max_new_ties_per_person` of the new ties (a liaison's tie counts one for
each person it ties into; the liaison is not capped). The cost is bounded and reported:
`evaluations` made, never more than `evaluation_bound` = 1 + count x candidates (liaisons
included). Each evaluation computes only what the goal's figure reads (`bottleneck_score`,
`coverage_update`).

Goals:

- CONNECT_FACTIONS: ties between executives of different factions that lower the modularity
  of the top team's factions (`executive_factions`) most, to 0 when they become one team
  (`faction_goal`; Burt, 1992 and 2005, on brokerage across structural holes).
- LOWER_WORST_BOTTLENECK: ties between people on either side of the first bottleneck
  `silo_bottlenecks` ranks that lower its score most, to 0 once it is not ranked
  (`bottleneck_goal`, `bottleneck_score`).
- COVER_UNRELIABLE_DEPENDENCIES: ties between the leaders of units whose dependency is rated
  SOMETIMES or worse and that have no direct tie and at most one go-between
  (`dependency_coverage`), lowering the criticality summed over such pairs (`coverage_goal`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE, Bottleneck, silo_bottlenecks
from graph_queries.graphs import build_graphs
from graph_queries.layers import restrict_ties
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios.bottleneck_goal import (
    BottleneckFigure,
    bottleneck_candidates,
    bottleneck_liaisons,
)
from graph_queries.scenarios.changes import AddLiaison, AddTie
from graph_queries.scenarios.coverage_goal import (
    coverage_candidates,
    coverage_figure,
    coverage_liaisons,
    exposed,
)
from graph_queries.scenarios.faction_goal import (
    executive_graphs,
    faction_candidates,
    faction_figure,
    faction_liaisons,
)
from graph_queries.scenarios.lazy_greedy import Search, lazy_greedy
from graph_queries.scenarios.moves import Liaison, Move, liaison_ids, liaison_names, people
from graph_queries.scenarios.recommend_reasons import (
    bottleneck_reason,
    coverage_reason,
    faction_reason,
)

__all__ = ["CANDIDATES_LIMIT", "Goal", "Recommendation", "Recommendations", "recommend"]

# Candidates measured at most: the search's cost grows with it (1 + count x candidates).
CANDIDATES_LIMIT = 40
# With liaisons, at most one liaison candidate per this many of `candidates_limit` (rounded
# up), on top of the same ties: a liaison is weighed beside the ties, not instead of them.
LIAISON_SHARE = 8


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
    """One recommended move: the `changes` to make (one `AddTie`, or one `AddLiaison`), the
    goal's figure `before` it (after the recommendations ahead of it) and `after` it, and why,
    in a sentence naming the people and their units."""

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
    (a new tie's `kind` must be in it to count); `candidates_limit` bounds the pool of ties;
    `path_sample` is the silo analysis' (LOWER_WORST_BOTTLENECK). With `liaisons`, the pool
    also holds up to `candidates_limit` / `LIAISON_SHARE` (rounded up) liaisons after the same
    ties, counted in `candidates` and the bound, named "Liaison 1", ... in the order
    recommended. The same arguments give the same
    recommendations."""
    if candidates_limit < 0:
        raise ValueError(f"candidates_limit must be 0 or more, not {candidates_limit}")
    if kinds is not None and kind not in kinds:
        raise ValueError(f"a new tie of kind {kind!r} is outside the layer {sorted(kinds)}")
    everyone = build_graphs(snapshot)
    layer = restrict_ties(everyone, kinds)
    ids = liaison_ids(snapshot, count) if liaisons else []
    names = liaison_names(snapshot, count) if liaisons else []
    room = -(-candidates_limit // LIAISON_SHARE) if liaisons else 0
    cap = max_new_ties_per_person

    def search(
        pool: list[Move], figure: Callable[[Sequence[Move]], tuple[float, R]]
    ) -> Search[Move, R]:
        return lazy_greedy(pool, people, figure, count=count, cap=cap)

    def named(found: Search[Move, R]) -> list[str]:
        return _names(found, names)

    if goal is Goal.LOWER_WORST_BOTTLENECK:
        worst = silo_bottlenecks(layer, top=1, path_sample=path_sample, busiest_pairs=0)
        if not worst.bottlenecks:
            return Recommendations(goal, BOTTLENECK_FIGURE, 0.0, (), 0, 1, 1)
        target = worst.bottlenecks[0]
        extra: list[Move] = list(bottleneck_liaisons(layer, target, room))
        pool: list[Move] = [
            *bottleneck_candidates(layer, everyone, target, candidates_limit),
            *extra,
        ]
        measure = BottleneckFigure(layer, target, strength, path_sample, ids, names)
        silos = search(pool, measure.figure)
        moves = [pick.candidate for pick in silos.picks]
        reasons = [
            bottleneck_reason(
                everyone,
                p.candidate,
                name,
                target,
                p.before,
                p.after,
                measure.worst_after(moves[: n + 1]),
            )
            for n, (p, name) in enumerate(zip(silos.picks, named(silos), strict=True))
        ]
        found = _found(goal, BOTTLENECK_FIGURE, silos, len(pool), reasons, names, kind, strength)
        return dataclasses.replace(found, target=target)
    if goal is Goal.COVER_UNRELIABLE_DEPENDENCIES:
        cover = coverage_figure(layer, ids)
        _, state = cover(())
        extra = list(coverage_liaisons(layer, state, room))
        pool = [*coverage_candidates(layer, everyone, state, candidates_limit), *extra]
        covered = search(pool, cover)
        reasons = [
            coverage_reason(
                everyone,
                p.candidate,
                name,
                p.before,
                p.after,
                len(exposed(p.result.pairs.values())),
            )
            for p, name in zip(covered.picks, named(covered), strict=True)
        ]
        return _found(goal, COVERAGE_FIGURE, covered, len(pool), reasons, names, kind, strength)
    team = executive_graphs(layer)
    figure = faction_figure(team, kind, strength, ids, names)
    _, start = figure(())
    extra = list(faction_liaisons(team, start, room))
    pool = [*faction_candidates(team, everyone, start, candidates_limit), *extra]
    factions = search(pool, figure)
    befores = [factions.start, *(pick.result for pick in factions.picks)]
    reasons = [
        faction_reason(everyone, pick.candidate, name, before, pick.result)
        for pick, before, name in zip(factions.picks, befores, named(factions), strict=False)
    ]
    return _found(goal, FACTION_FIGURE, factions, len(pool), reasons, names, kind, strength)


def _names(found: Search[Move, R], names: Sequence[str]) -> list[str]:
    """Per pick, the name of the liaison it adds ("" for a tie), in the order picked."""
    result, liaisons = [], 0
    for pick in found.picks:
        if isinstance(pick.candidate, Liaison):
            result.append(names[liaisons])
            liaisons += 1
        else:
            result.append("")
    return result


def _found(
    goal: Goal,
    figure: str,
    search: Search[Move, R],
    candidates: int,
    reasons: list[str],
    names: Sequence[str],
    kind: str | None,
    strength: float,
) -> Recommendations:
    changes = [
        _change(pick.candidate, name, kind, strength)
        for pick, name in zip(search.picks, _names(search, names), strict=True)
    ]
    found = tuple(
        Recommendation((change,), pick.before, pick.after, reason)
        for pick, change, reason in zip(search.picks, changes, reasons, strict=True)
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


def _change(move: Move, name: str, kind: str | None, strength: float) -> AddTie | AddLiaison:
    if isinstance(move, Liaison):
        return AddLiaison(
            name, move.unit_id, move.ties_to, level=move.level, kind=kind, strength=strength
        )
    return AddTie(*move, kind=kind, strength=strength)
