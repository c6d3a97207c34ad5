"""Dependency coverage kept up to date as leaders and ties are added, not counted again whole.

`dependency_coverage` reads, for two dependent units A and B, the ties between their leaders
(DIRECT) and, failing those, the go-betweens: the leaders outside both tied to a leader of each,
that is the intersection of the leaders tied into A from outside (`reach[A]`) and into B. A new
tie between x in unit U and y in unit V != U changes only the direct ties of {U, V}, and adds y
to `reach[U]` and x to `reach[V]`: only the dependent pairs that involve U or V can change
(y can become a go-between of {U, W}, x of {V, W}). A tie inside one unit, or a new leader
with no tie yet, changes no pair. `with_growth` recomputes those pairs alone, from the state
before; the test suite checks the result against a fresh `dependency_coverage` on random
organizations. Every figure is kept but the reason sentence, which the search does not read.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from graph_queries.analyses.silos import (
    RELIABILITY_RISK,
    Coverage,
    dependency_coverage,
    leader_graph,
)
from graph_queries.graphs import OrgGraphs
from graph_queries.scenarios.moves import Growth

__all__ = ["CoverState", "PairCover", "cover_state", "sole_brokerage", "with_growth"]

UnitPair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PairCover:
    """A `DependencyCoverage` without its reason: the same fields, the same meaning."""

    unit_a: str
    unit_b: str
    dependency_ids: tuple[str, ...]
    criticality: int
    reliability: str
    direct_ties: int
    brokers: tuple[str, ...]
    status: Coverage


@dataclass(frozen=True, slots=True)
class CoverState:
    """The coverage of every dependent pair (`pairs`, by ordered unit ids) and what updating it
    needs: each leader's unit, the leaders tied into each unit from outside, and the dependent
    pairs of each unit. Never changed in place: `with_growth` returns a new state."""

    pairs: Mapping[UnitPair, PairCover]
    unit_of: Mapping[str, str]
    reach: Mapping[str, frozenset[str]]
    pairs_of: Mapping[str, tuple[UnitPair, ...]]


def cover_state(graphs: OrgGraphs) -> CoverState:
    """The state of `graphs`: `dependency_coverage` once, and the leaders reaching each unit."""
    pairs = {
        (c.unit_a, c.unit_b): PairCover(
            c.unit_a,
            c.unit_b,
            c.dependency_ids,
            c.criticality,
            c.reliability,
            c.direct_ties,
            c.brokers,
            c.status,
        )
        for c in dependency_coverage(graphs)
    }
    people = leader_graph(graphs, _in_units(graphs))
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    reach: dict[str, set[str]] = defaultdict(set)
    for a, b in people.edges():
        if unit_of[a] != unit_of[b]:
            reach[unit_of[a]].add(b)
            reach[unit_of[b]].add(a)
    pairs_of: dict[str, list[UnitPair]] = defaultdict(list)
    for key in pairs:
        pairs_of[key[0]].append(key)
        pairs_of[key[1]].append(key)
    return CoverState(
        pairs,
        unit_of,
        {unit: frozenset(found) for unit, found in reach.items()},
        {unit: tuple(keys) for unit, keys in pairs_of.items()},
    )


def _in_units(graphs: OrgGraphs) -> list[str]:
    """The leaders `dependency_coverage` reads: those of the organization's units."""
    return [
        leader for leader, unit in graphs.collaboration.nodes(data="unit") if unit in graphs.units
    ]


def with_growth(state: CoverState, growth: Growth) -> CoverState:
    """`state` with the leaders and ties of `growth` added (see the module)."""
    unit_of = dict(state.unit_of)
    unit_of.update((leader, unit) for leader, unit, _ in growth.leaders)
    reach = dict(state.reach)
    direct: dict[UnitPair, int] = defaultdict(int)
    touched: set[UnitPair] = set()
    for a, b in growth.ties:
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a == unit_b:
            continue  # inside one unit: neither a direct tie nor a go-between
        direct[_ordered(unit_a, unit_b)] += 1
        reach[unit_a] = reach.get(unit_a, frozenset()) | {b}
        reach[unit_b] = reach.get(unit_b, frozenset()) | {a}
        touched.update(state.pairs_of.get(unit_a, ()))
        touched.update(state.pairs_of.get(unit_b, ()))
    pairs = dict(state.pairs)
    for key in touched:
        old = pairs[key]
        ties = old.direct_ties + direct.get(key, 0)
        brokers = () if ties else tuple(sorted(reach.get(key[0], set()) & reach.get(key[1], set())))
        pairs[key] = dataclasses.replace(
            old, direct_ties=ties, brokers=brokers, status=_status(ties, brokers)
        )
    return CoverState(pairs, unit_of, reach, state.pairs_of)


def sole_brokerage(state: CoverState) -> dict[str, float]:
    """Per leader, the criticality / 5 summed over the pairs they are the only go-between of:
    the dependency part of a leader's bottleneck score (`silo_bottlenecks`)."""
    single = [pair for pair in state.pairs.values() if pair.status is Coverage.SINGLE_BROKER]
    # Added in the order `dependency_coverage` lists them, so the sums are the same floats.
    single.sort(
        key=lambda c: (-c.criticality, -RELIABILITY_RISK[c.reliability], c.unit_a, c.unit_b)
    )
    sole: dict[str, float] = defaultdict(float)
    for pair in single:
        sole[pair.brokers[0]] += pair.criticality / MAX_CRITICALITY
    return sole


# The highest criticality, as `silo_bottlenecks` divides by it.
MAX_CRITICALITY = 5


def _ordered(a: str, b: str) -> UnitPair:
    return (a, b) if a <= b else (b, a)


def _status(direct: int, brokers: tuple[str, ...]) -> Coverage:
    """As `dependency_coverage` defines it."""
    if direct:
        return Coverage.DIRECT
    if not brokers:
        return Coverage.NO_BROKER
    return Coverage.SINGLE_BROKER if len(brokers) == 1 else Coverage.BROKERED
