"""The goal of covering unreliable dependencies: its candidate ties and its figure.

A dependency rated SOMETIMES or worse between two units whose leaders share no tie, and that
at most one person links (`dependency_coverage`: NO_BROKER or SINGLE_BROKER), is where
coordination breaks first: nobody to call, or everything through one go-between. A direct tie
between the two units' leaders covers it (Burt, 1992, on the structural hole the go-between
spans). The figure is the criticality summed over such exposed pairs, so that covering a
critical dependency counts more. Candidates, for each exposed pair, tie the two
best-connected leaders of one unit (most ties, then id) to those of the other; the pool is
ranked by the pair's criticality, then ids, and bounded. A liaison candidate is a new person
homed in a unit of several exposed pairs and tied into the best-connected leader of each
partner unit: one role that gives each of those pairs a direct tie. Each evaluation updates
the coverage left by the moves before it with the new ties alone (`coverage_update`), so that
it costs the pairs the new ties can change, not the whole organization.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from graph_queries.analyses.silos import Coverage
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Reliability
from graph_queries.natural_order import natural_key
from graph_queries.scenarios.coverage_update import CoverState, PairCover, cover_state, with_growth
from graph_queries.scenarios.moves import MAX_LIAISON_CONTACTS, Liaison, Move, Pair, grow

__all__ = [
    "UNRELIABLE",
    "coverage_candidates",
    "coverage_figure",
    "coverage_liaisons",
    "exposed",
]

UNRELIABLE = frozenset({Reliability.SOMETIMES, Reliability.RARELY, Reliability.NEVER})
THIN = frozenset({Coverage.NO_BROKER, Coverage.SINGLE_BROKER})
# Leaders of each unit a candidate tie may start from.
LEADERS_PER_UNIT = 2


class Covered(Protocol):
    """A dependent pair's coverage, as `dependency_coverage` or `coverage_update` has it."""

    @property
    def unit_a(self) -> str: ...
    @property
    def unit_b(self) -> str: ...
    @property
    def criticality(self) -> int: ...
    @property
    def reliability(self) -> str: ...
    @property
    def status(self) -> Coverage: ...


C = TypeVar("C", bound=Covered)


def exposed(coverage: Iterable[C]) -> list[C]:
    """The unreliable dependent pairs with no direct tie and at most one go-between."""
    return [c for c in coverage if c.reliability in UNRELIABLE and c.status in THIN]


def _ranked(state: CoverState) -> list[PairCover]:
    """The exposed pairs, the most critical first, then by unit ids."""
    return sorted(
        exposed(state.pairs.values()),
        key=lambda c: (-c.criticality, natural_key(c.unit_a), natural_key(c.unit_b)),
    )


def _best_leaders(graphs: OrgGraphs) -> dict[str, list[str]]:
    """Each unit's best-connected leaders (most ties, then id), `LEADERS_PER_UNIT` of them."""
    team = graphs.collaboration
    members: dict[str, list[str]] = {}
    for leader, unit in team.nodes(data="unit"):
        members.setdefault(str(unit), []).append(leader)
    return {
        unit: sorted(people, key=lambda p: (-team.degree(p), natural_key(p)))[:LEADERS_PER_UNIT]
        for unit, people in members.items()
    }


def coverage_candidates(
    graphs: OrgGraphs, everyone: OrgGraphs, state: CoverState, limit: int
) -> list[Pair]:
    """Ties between the best-connected leaders of each exposed pair's units, at most `limit`.
    `everyone` holds every tie, so that a pair tied in another layer is not offered another."""
    best = _best_leaders(graphs)
    pairs: dict[Pair, None] = {}
    for pair in _ranked(state):
        for a in best.get(pair.unit_a, []):
            for b in best.get(pair.unit_b, []):
                ordered = (a, b) if natural_key(a) <= natural_key(b) else (b, a)
                if not everyone.collaboration.has_edge(a, b):
                    pairs.setdefault(ordered)
    return list(pairs)[:limit]


def coverage_liaisons(graphs: OrgGraphs, state: CoverState, limit: int) -> list[Liaison]:
    """Liaisons homed in a unit of several exposed pairs, each tied into the best-connected
    leader of up to `MAX_LIAISON_CONTACTS` partner units (the most critical pairs first): one
    new role giving each of those pairs a direct tie. Units with the most criticality exposed
    first, then by id; at most `limit`."""
    best = _best_leaders(graphs)
    partners: dict[str, list[str]] = defaultdict(list)
    at_stake: dict[str, int] = defaultdict(int)
    for pair in _ranked(state):
        for home, other in ((pair.unit_a, pair.unit_b), (pair.unit_b, pair.unit_a)):
            if best.get(other):
                partners[home].append(other)
                at_stake[home] += pair.criticality
    homes = sorted(partners, key=lambda unit: (-at_stake[unit], natural_key(unit)))
    found = [
        Liaison(home, tuple(best[other][0] for other in partners[home][:MAX_LIAISON_CONTACTS]))
        for home in homes
        if len(partners[home]) > 1  # a liaison for one pair does what one tie does
    ]
    return found[:limit]


def coverage_figure(
    graphs: OrgGraphs, liaison_ids: Sequence[str]
) -> Callable[[Sequence[Move]], tuple[float, CoverState]]:
    """The criticality summed over the exposed pairs of `graphs` with the moves given, and the
    coverage it comes from. Each evaluation updates the coverage of the moves before the last
    (kept from the evaluation that made them) with the last move's ties only
    (`coverage_update`); the k-th liaison takes `liaison_ids[k]`."""
    states: dict[tuple[Move, ...], CoverState] = {(): cover_state(graphs)}

    def state_of(moves: tuple[Move, ...]) -> CoverState:
        if moves not in states:
            before = moves[:-1]
            liaisons = sum(isinstance(move, Liaison) for move in before)
            states[moves] = with_growth(state_of(before), grow(moves[-1:], liaison_ids, liaisons))
        return states[moves]

    def figure(moves: Sequence[Move]) -> tuple[float, CoverState]:
        chosen = tuple(moves)
        before = state_of(chosen[:-1])
        # The state of the moves with one candidate more is measured once, not kept.
        liaisons = sum(isinstance(move, Liaison) for move in chosen[:-1])
        state = with_growth(before, grow(chosen[-1:], liaison_ids, liaisons)) if chosen else before
        return float(sum(c.criticality for c in exposed(state.pairs.values()))), state

    return figure
