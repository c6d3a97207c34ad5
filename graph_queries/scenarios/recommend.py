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
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.wording import leader_name_or_id, plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.layers import restrict_ties
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios.changes import AddTie
from graph_queries.scenarios.faction_goal import (
    Pair,
    executive_graphs,
    faction_candidates,
    faction_figure,
)
from graph_queries.scenarios.lazy_greedy import lazy_greedy

__all__ = ["CANDIDATES_LIMIT", "Goal", "Recommendation", "Recommendations", "recommend"]

# Candidates measured at most: the search's cost grows with it (1 + count x candidates).
CANDIDATES_LIMIT = 40


class Goal(StrEnum):
    CONNECT_FACTIONS = "CONNECT_FACTIONS"


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended move: the `changes` to make, the goal's figure `before` it (after the
    recommendations ahead of it) and `after` it, and why, in a sentence naming the people and
    their units."""

    changes: tuple[AddTie, ...]
    before: float
    after: float
    reason: str


@dataclass(frozen=True, slots=True)
class Recommendations:
    """The recommendations in the order found (each measured on top of the ones before it),
    the goal's `figure` named in words and its value with none of them (`start`), and the
    search's cost: `candidates` measured, `evaluations` made, never more than
    `evaluation_bound`."""

    goal: Goal
    figure: str
    start: float
    recommendations: tuple[Recommendation, ...]
    candidates: int
    evaluations: int
    evaluation_bound: int


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
) -> Recommendations:
    """Up to `count` new ties (of `kind` and `strength`) that serve `goal` most, each lowering
    its figure; fewer when no candidate helps. `kinds` is the layer of ties the analysis reads
    (a new tie's `kind` must be in it to count); `candidates_limit` bounds the pool. The same
    arguments give the same recommendations."""
    if candidates_limit < 0:
        raise ValueError(f"candidates_limit must be 0 or more, not {candidates_limit}")
    if kinds is not None and kind not in kinds:
        raise ValueError(f"a new tie of kind {kind!r} is outside the layer {sorted(kinds)}")
    everyone = build_graphs(snapshot)
    team = executive_graphs(restrict_ties(everyone, kinds))
    figure = faction_figure(team, kind, strength)
    _, start = figure(())
    candidates = faction_candidates(team, everyone, start, candidates_limit)
    search = lazy_greedy(
        candidates, lambda pair: pair, figure, count=count, cap=max_new_ties_per_person
    )
    found: list[Recommendation] = []
    before = search.start
    for pick in search.picks:
        change = AddTie(pick.candidate[0], pick.candidate[1], kind=kind, strength=strength)
        reason = _faction_reason(everyone, pick.candidate, before, pick.result)
        found.append(Recommendation((change,), pick.before, pick.after, reason))
        before = pick.result
    return Recommendations(
        goal=goal,
        figure="modularity of the executive factions",
        start=search.start_figure,
        recommendations=tuple(found),
        candidates=len(candidates),
        evaluations=search.evaluations,
        evaluation_bound=search.bound,
    )


def _faction_reason(
    graphs: OrgGraphs, pair: Pair, before: FactionReport, after: FactionReport
) -> str:
    """'A tie between Ann (Boston) and Bo (Hartford), in different factions, lowers ...'."""
    people = [
        f"{leader_name_or_id(graphs, p)} ({unit_name_or_id(graphs, _unit(graphs, p))})"
        for p in pair
    ]
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


def _unit(graphs: OrgGraphs, leader: str) -> str:
    return str(graphs.collaboration.nodes[leader].get("unit", ""))
