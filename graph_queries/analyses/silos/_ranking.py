"""Ranking the silo bottlenecks: the score of each unit and leader, and the reason quoting it.

`scored_candidates` scores every unit and leader row of `_figures` as 0.45 B + 0.35 S + 0.20 D
(`BETWEENNESS_WEIGHT`, `SEPARATION_WEIGHT`, `DEPENDENCY_WEIGHT`; `silos.silo_bottlenecks`
defines the parts) and `bottleneck_of` turns a candidate into a `Bottleneck` with a
plain-language reason: the busiest unit pair whose paths run through a leader, what removing a
unit or leader cuts off, and the dependencies that hang on it.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from graph_queries.analyses.metrics.cross_group import GroupPaths
from graph_queries.analyses.silos._coverage import (
    RELIABILITY_RISK,
    Coverage,
    DependencyCoverage,
)
from graph_queries.analyses.silos._figures import LeaderBrokerage, UnitSilo, is_risky
from graph_queries.analyses.silos._graphs import MAX_CRITICALITY
from graph_queries.analyses.wording import (
    join_and,
    leader_with_title,
    percent,
    plural,
    sentence_case,
    shortest_paths,
    unit_name,
    unit_names,
)
from graph_queries.graphs import OrgGraphs

__all__ = [
    "BETWEENNESS_WEIGHT",
    "BUSIEST_PAIRS",
    "DEPENDENCY_WEIGHT",
    "SEPARATION_WEIGHT",
    "Bottleneck",
    "BottleneckKind",
    "PairPaths",
    "Reasons",
]


# The score (see `silo_bottlenecks`): weights of its three parts, summing to 1.
BETWEENNESS_WEIGHT = 0.45
SEPARATION_WEIGHT = 0.35
DEPENDENCY_WEIGHT = 0.20


class BottleneckKind(StrEnum):
    UNIT = "UNIT"
    LEADER = "LEADER"


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairPaths:
    """`through` of the `pairs` connected leader pairs (one in each unit; `unit_b` None: one in
    `unit_a`, one in any other unit in scope) have their shortest paths through the bottleneck
    (a pair whose equally short paths split counts in part)."""

    unit_a: str
    unit_b: str | None
    through: float
    pairs: int


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """A ranked unit or leader: score = 0.45 B + 0.35 S + 0.2 D (see `silo_bottlenecks`).

    `betweenness` is the unit's or leader's own (unit graph, or cross-unit) betweenness;
    `relative_betweenness` (B), `separation` (S) and `dependency_risk` (D) the parts of the
    score; `cut_off` / `cut_off_from` what removing it does; `busiest_pair` (leaders only) the
    unit pair quoted in the reason.
    """

    kind: BottleneckKind
    id: str
    name: str
    score: float
    reason: str
    betweenness: float
    relative_betweenness: float
    separation: float
    dependency_risk: float
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    busiest_pair: PairPaths | None


# ---- scoring and reasons -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: BottleneckKind
    id: str
    betweenness: float
    relative_betweenness: float
    separation: float
    dependency_risk: float
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    score: float
    row: UnitSilo | LeaderBrokerage


def scored_candidates(
    unit_rows: list[UnitSilo],
    leader_rows: list[LeaderBrokerage],
    coverage: list[DependencyCoverage],
    units: int,
    top: int,
) -> tuple[list[Candidate], bool]:
    """The `top` units and leaders with a score above 0, best first (see `silo_bottlenecks`),
    and whether any unit or leader scores at all."""
    sole: dict[str, float] = defaultdict(float)
    for pair in coverage:
        if pair.status is Coverage.SINGLE_BROKER:
            sole[pair.brokers[0]] += pair.criticality / MAX_CRITICALITY
    at_stake = {
        row.unit_id: sum(
            link.criticality / MAX_CRITICALITY * RELIABILITY_RISK[link.reliability]
            for link in row.depended_on_by
        )
        for row in unit_rows
    }
    figures: list[tuple[BottleneckKind, UnitSilo | LeaderBrokerage, str, float, float]] = [
        (BottleneckKind.UNIT, row, row.unit_id, row.betweenness, at_stake[row.unit_id])
        for row in unit_rows
    ]
    figures += [
        (BottleneckKind.LEADER, row, row.leader_id, row.cross_unit_betweenness, sole[row.leader_id])
        for row in leader_rows
    ]
    top_between: dict[BottleneckKind, float] = defaultdict(float)
    top_risk: dict[BottleneckKind, float] = defaultdict(float)
    for kind, _, _, between, risk in figures:
        top_between[kind] = max(top_between[kind], between)
        top_risk[kind] = max(top_risk[kind], risk)
    scored = []
    for kind, row, id, between, risk in figures:
        b = between / top_between[kind] if top_between[kind] > 0 else 0.0
        d = risk / top_risk[kind] if top_risk[kind] > 0 else 0.0
        s = 0.5 + 0.5 * min(1.0, len(row.cut_off) / max(1, units - 1)) if row.cut_off else 0.0
        score = round(BETWEENNESS_WEIGHT * b + SEPARATION_WEIGHT * s + DEPENDENCY_WEIGHT * d, 6)
        if score > 0:
            scored.append((-score, id, kind, between, b, s, d, row))
    # Only the best few become candidates: at 100,000 leaders nearly all of them score.
    best = heapq.nsmallest(top, scored, key=lambda item: (item[0], item[1], item[2]))
    return [
        Candidate(kind, id, between, b, s, d, row.cut_off, row.cut_off_from, -score, row)
        for score, id, kind, between, b, s, d, row in best
    ], bool(scored)


# Reasons name the busiest pair of units for at most this many bottlenecks, the best first: each
# costs one shortest-path search per leader of the bottleneck's units (about 10 ms at 20,000
# leaders), so a list of every scored leader would take hours. The API's `top` is at most 100.
BUSIEST_PAIRS = 100


class Reasons:
    """Builds the bottlenecks' reasons over one scope; what they share is prepared once."""

    def __init__(
        self, graphs: OrgGraphs, paths: GroupPaths, units: int, *, estimated: bool
    ) -> None:
        self._graphs = graphs
        self._paths = paths
        self._units = units
        self._estimated = estimated
        self._dependencies = {
            key: (a, b, data) for a, b, key, data in graphs.dependencies.edges(keys=True, data=True)
        }

    def bottleneck_of(self, candidate: Candidate, *, name_pair: bool = True) -> Bottleneck:
        """The candidate with its reason; `name_pair` False leaves out a leader's busiest pair
        of units (the costly part) and quotes only its share of cross-unit paths."""
        row = candidate.row
        pair = None
        if isinstance(row, LeaderBrokerage):
            name, reason, pair = row.name, *self._leader_reason(row, name_pair)
        else:
            name, reason = row.name, self._unit_reason(row)
        return Bottleneck(
            kind=candidate.kind,
            id=candidate.id,
            name=name,
            score=candidate.score,
            reason=reason,
            betweenness=candidate.betweenness,
            relative_betweenness=candidate.relative_betweenness,
            separation=candidate.separation,
            dependency_risk=candidate.dependency_risk,
            cut_off=candidate.cut_off,
            cut_off_from=candidate.cut_off_from,
            busiest_pair=pair,
        )

    def _leader_reason(self, row: LeaderBrokerage, name_pair: bool) -> tuple[str, PairPaths | None]:
        """The busiest pair: of the pairs among the leader's `top_units`, the one with the most
        leader pairs whose shortest paths run through the leader (`GroupPaths.busiest_pair`).
        When none of those pairs routes through the leader (they all lie on one side of it),
        the top unit and all other units (`unit_b` None)."""
        graphs, estimated = self._graphs, self._estimated
        who, parts, pair = leader_with_title(graphs, row.leader_id), [], None
        share = (
            f"{'about ' if estimated else ''}{percent(row.cross_unit_betweenness)} of all "
            "shortest paths between leaders of different units in scope"
            f"{', estimated from a sample' if estimated else ''}"
        )
        if name_pair:
            found = self._paths.busiest_pair(row.leader_id, row.top_units)
            if found is not None:
                pair = PairPaths(*found)
            elif row.top_units:
                through = self._paths.through(row.leader_id, row.top_units[0])
                pair = PairPaths(row.top_units[0], None, *through)
        if pair is not None:
            between = f"{unit_name(graphs, pair.unit_a)} and " + (
                f"{unit_name(graphs, pair.unit_b)} leaders"
                if pair.unit_b
                else "leaders of other units"
            )
            parts.append(
                f"{who} is on {shortest_paths(pair.through, pair.pairs)} between {between} "
                f"({share})"
            )
        elif not name_pair and row.cross_unit_betweenness > 0:
            parts.append(f"{who} is on {share}")
        if row.cut_off:
            parts.append(f"removing {row.name} {self._cuts(row.cut_off, row.cut_off_from)}")
        if row.sole_broker_for:
            parts.append(
                f"{row.name} is the only go-between for {self._needs(row.sole_broker_for)}"
            )
        if row.roles.cross_unit and not parts:
            parts.append(
                f"{who} links {plural(row.roles.cross_unit, 'pair')} of untied contacts across "
                "units"
            )
        return sentence_case("; ".join(parts)), pair

    def _unit_reason(self, row: UnitSilo) -> str:
        """Unit-graph paths are weighted (distance = 1 / weight), so a pair of units rarely has
        several shortest paths: "k of the n" counts pairs of other units, split where paths
        tie."""
        graphs, parts = self._graphs, []
        if row.betweenness > 0:
            pairs = (self._units - 1) * (self._units - 2) // 2
            on = (
                f"about {percent(row.betweenness)} of the {pairs} shortest paths (estimated "
                "from a sample)"
                if self._estimated
                else shortest_paths(row.betweenness * pairs, pairs)
            )
            parts.append(
                f"{row.name} is on {on} between pairs of other units (ties and dependencies, "
                "weighted by strength and criticality)"
            )
        if row.cut_off:
            parts.append(f"removing {row.name} {self._cuts(row.cut_off, row.cut_off_from)}")
        if row.depended_on_by:
            risky = sorted(
                (link for link in row.depended_on_by if is_risky(link)),
                key=lambda link: (
                    -RELIABILITY_RISK[link.reliability],
                    -link.criticality,
                    link.unit_id,
                ),
            )
            text = f"{plural(len(row.depended_on_by), 'dependency', 'dependencies')} on {row.name}"
            if risky:
                worst = ", ".join(
                    f"{unit_name(graphs, link.unit_id)}: criticality {link.criticality}, "
                    f"{link.reliability}"
                    for link in risky[:2]
                )
                text += f", {len(risky)} rated SOMETIMES or worse ({worst})"
            parts.append(text)
        return sentence_case("; ".join(parts))

    def _cuts(self, cut_off: tuple[str, ...], cut_off_from: tuple[str, ...]) -> str:
        graphs = self._graphs
        if cut_off_from:
            return f"cuts {unit_names(graphs, cut_off)} off from {unit_names(graphs, cut_off_from)}"
        return f"splits {unit_names(graphs, cut_off)} apart"

    def _needs(self, dependency_ids: tuple[str, ...]) -> str:
        found = sorted(
            (-data["criticality"], key, a, b, data["reliability"])
            for key in set(dependency_ids)
            if (edge := self._dependencies.get(key)) is not None
            for a, b, data in [edge]
        )
        texts = [
            f"{unit_name(self._graphs, a)} depending on {unit_name(self._graphs, b)} "
            f"(criticality {-criticality}, reliability {reliability})"
            for criticality, _, a, b, reliability in found[:2]
        ]
        if len(found) > 2:
            texts.append(plural(len(found) - 2, "more dependency", "more dependencies"))
        return join_and(texts)
