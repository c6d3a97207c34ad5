"""The differences between an organization's analyses before and after hypothetical changes.

Each part compares the same figure computed by the same analysis on both organizations, so a
difference is the changes' effect and nothing else (the path sample is drawn with the same seed;
`SimulationDiff.estimated` says when betweenness is an estimate, where a small difference may
be the sample's). `compare` builds the whole `SimulationDiff` but its `summary`, which
`scenarios.summary` writes from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graph_queries.analyses.conflicts import HotspotReport
from graph_queries.analyses.execution import ReliabilityReport
from graph_queries.analyses.factions import FactionReport, FactionVerdict
from graph_queries.analyses.silos import BottleneckKind, Coverage, SiloReport
from graph_queries.analyses.wording import unit_name_or_id
from graph_queries.graphs import OrgGraphs

__all__ = [
    "MIN_SCORE_SHIFT",
    "BottleneckShift",
    "CoverageShift",
    "FactionShift",
    "HotspotShift",
    "ReliabilityShift",
    "Shift",
    "SimulationDiff",
    "UnitEiShift",
    "UnitRef",
    "bottleneck_shifts",
    "coverage_shifts",
    "faction_shift",
    "hotspot_shifts",
    "reliability_shift",
    "trap_switches",
    "unit_ei_shifts",
]

# Scores are relative to the highest of their kind, so any change moves many of them a little;
# smaller moves than this are not listed (scores are rounded to 6 places).
MIN_SCORE_SHIFT = 0.001


class Shift(StrEnum):
    NEW = "NEW"  # not a bottleneck before (score 0 or not there), one after
    GONE = "GONE"  # a bottleneck before, not after
    RISEN = "RISEN"
    FALLEN = "FALLEN"


@dataclass(frozen=True, slots=True)
class BottleneckShift:
    """A unit's or leader's bottleneck score and rank before and after (0 and None when it is
    not ranked); `change` = after - before."""

    kind: BottleneckKind
    id: str
    name: str
    shift: Shift
    score_before: float
    score_after: float
    rank_before: int | None
    rank_after: int | None
    change: float


@dataclass(frozen=True, slots=True)
class CoverageShift:
    """A pair of dependent units whose coverage by ties changed (`Coverage`); a status is
    None when the units are no dependent pair on that side (a merge made them one unit)."""

    unit_a: str
    unit_b: str
    unit_a_name: str
    unit_b_name: str
    status_before: Coverage | None
    status_after: Coverage | None
    brokers_before: tuple[str, ...]
    brokers_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactionShift:
    """The executive factions before and after. `merged`: two executives in different
    factions before share one after; `split`: the other way round."""

    factions_before: int
    factions_after: int
    verdict_before: FactionVerdict
    verdict_after: FactionVerdict
    modularity_before: float
    modularity_after: float
    merged: bool
    split: bool


@dataclass(frozen=True, slots=True)
class ReliabilityShift:
    """The organization's share of dependencies rated ALWAYS or MOSTLY, before and after."""

    share_before: float | None
    share_after: float | None
    reliable_before: int
    reliable_after: int
    dependencies_before: int
    dependencies_after: int


@dataclass(frozen=True, slots=True)
class UnitRef:
    unit: str
    name: str


@dataclass(frozen=True, slots=True)
class UnitEiShift:
    """A unit whose ties the changes touch: its tie counts, E-I index and insularity before and
    after (None when it has no ties, or no longer exists: `merged_into` says where it went)."""

    unit: str
    name: str
    internal_before: int
    external_before: int
    internal_after: int
    external_after: int
    ei_before: float | None
    ei_after: float | None
    insularity_before: float | None
    insularity_after: float | None
    merged_into: str | None


@dataclass(frozen=True, slots=True)
class HotspotShift:
    """A conflict hotspot's score and unresolved conflicts before and after (0 when the pair
    has none on that side)."""

    unit_a: str
    unit_b: str
    unit_a_name: str
    unit_b_name: str
    score_before: float
    score_after: float
    unresolved_before: int
    unresolved_after: int


@dataclass(frozen=True, slots=True)
class SimulationDiff:
    """What the changes do, each part listing only what differs; `summary` says it in plain
    sentences, biggest effect first. `estimated`: betweenness was estimated from a path sample
    on either side."""

    bottlenecks: tuple[BottleneckShift, ...]
    coverage: tuple[CoverageShift, ...]
    factions: FactionShift
    reliability: ReliabilityShift
    alignment_trap_on: tuple[UnitRef, ...]
    alignment_trap_off: tuple[UnitRef, ...]
    units: tuple[UnitEiShift, ...]
    hotspots: tuple[HotspotShift, ...]
    estimated: bool
    summary: tuple[str, ...]


def bottleneck_shifts(before: SiloReport, after: SiloReport, limit: int) -> list[BottleneckShift]:
    """Units and leaders whose score moved by `MIN_SCORE_SHIFT` or more, or who appear or go
    (a merged unit, a liaison), largest move first; at most `limit`. Both reports must rank
    every bottleneck (`top` at least their units and leaders)."""
    ranked_before = {(b.kind, b.id): (rank, b) for rank, b in enumerate(before.bottlenecks, 1)}
    ranked_after = {(b.kind, b.id): (rank, b) for rank, b in enumerate(after.bottlenecks, 1)}
    shifts: list[BottleneckShift] = []
    for key in ranked_before.keys() | ranked_after.keys():
        rank_before, old = ranked_before.get(key, (None, None))
        rank_after, new = ranked_after.get(key, (None, None))
        score_before = old.score if old is not None else 0.0
        score_after = new.score if new is not None else 0.0
        change = round(score_after - score_before, 6)
        if abs(change) < MIN_SCORE_SHIFT:
            continue
        if old is None:
            shift = Shift.NEW
        elif new is None:
            shift = Shift.GONE
        else:
            shift = Shift.RISEN if change > 0 else Shift.FALLEN
        name = (new or old).name  # type: ignore[union-attr]  # one of them is ranked
        kind, id = key
        shifts.append(
            BottleneckShift(
                kind, id, name, shift, score_before, score_after, rank_before, rank_after, change
            )
        )
    shifts.sort(key=lambda s: (-abs(s.change), s.kind, s.id))
    return shifts[:limit]


def coverage_shifts(
    before: SiloReport, after: SiloReport, graphs_before: OrgGraphs, graphs_after: OrgGraphs
) -> list[CoverageShift]:
    """Dependent unit pairs whose coverage status or brokers changed, by unit ids. The reports
    list only pairs not covered by a direct tie; a dependent pair missing from one is DIRECT."""
    found_before = {(c.unit_a, c.unit_b): c for c in before.uncovered_dependencies}
    found_after = {(c.unit_a, c.unit_b): c for c in after.uncovered_dependencies}
    dependent_before = _dependent_pairs(graphs_before)
    dependent_after = _dependent_pairs(graphs_after)
    shifts: list[CoverageShift] = []
    for pair in sorted(found_before.keys() | found_after.keys()):
        old, new = found_before.get(pair), found_after.get(pair)
        status_before = (
            old.status if old else (Coverage.DIRECT if pair in dependent_before else None)
        )
        status_after = new.status if new else (Coverage.DIRECT if pair in dependent_after else None)
        brokers_before = old.brokers if old else ()
        brokers_after = new.brokers if new else ()
        if status_before == status_after and brokers_before == brokers_after:
            continue
        shifts.append(
            CoverageShift(
                pair[0],
                pair[1],
                _unit_name(pair[0], graphs_after, graphs_before),
                _unit_name(pair[1], graphs_after, graphs_before),
                status_before,
                status_after,
                brokers_before,
                brokers_after,
            )
        )
    return shifts


def _direct(pair: tuple[str, str], dependent: set[tuple[str, str]]) -> Coverage | None:
    return Coverage.DIRECT if pair in dependent else None


def _unit_name(unit: str, graphs: OrgGraphs, otherwise: OrgGraphs) -> str:
    return unit_name_or_id(graphs if unit in graphs.units else otherwise, unit)


def _dependent_pairs(graphs: OrgGraphs) -> set[tuple[str, str]]:
    return {(min(a, b), max(a, b)) for a, b in graphs.dependencies.edges() if a != b}


def faction_shift(before: FactionReport, after: FactionReport) -> FactionShift:
    """The faction count, verdict and modularity on both sides, and whether factions merged or
    split (judged on the executives present on both sides)."""
    faction_before = {m: f.index for f in before.factions for m in f.members}
    faction_after = {m: f.index for f in after.factions for m in f.members}
    both = sorted(faction_before.keys() & faction_after.keys())
    merged = split = False
    for position, a in enumerate(both):
        for b in both[position + 1 :]:
            apart_before = faction_before[a] != faction_before[b]
            apart_after = faction_after[a] != faction_after[b]
            merged = merged or (apart_before and not apart_after)
            split = split or (apart_after and not apart_before)
    return FactionShift(
        len(before.factions),
        len(after.factions),
        before.verdict,
        after.verdict,
        before.modularity,
        after.modularity,
        merged,
        split,
    )


def reliability_shift(before: ReliabilityReport, after: ReliabilityReport) -> ReliabilityShift:
    old, new = before.overall, after.overall
    return ReliabilityShift(
        old.share, new.share, old.reliable, new.reliable, old.dependencies, new.dependencies
    )


def trap_switches(
    before: tuple[UnitRef, ...], after: tuple[UnitRef, ...]
) -> tuple[tuple[UnitRef, ...], tuple[UnitRef, ...]]:
    """The units whose alignment-trap signal switched on, and those where it switched off."""
    on_before = {ref.unit for ref in before}
    on_after = {ref.unit for ref in after}
    switched_on = tuple(ref for ref in after if ref.unit not in on_before)
    switched_off = tuple(ref for ref in before if ref.unit not in on_after)
    return switched_on, switched_off


def unit_ei_shifts(
    before: SiloReport, after: SiloReport, units: list[str], merged_into: dict[str, str]
) -> list[UnitEiShift]:
    """The tie counts and E-I index of each unit of `units` (those the changes touch) on both
    sides, in the order given; a unit that exists on neither side is left out."""
    rows_before = {row.unit_id: row for row in before.units}
    rows_after = {row.unit_id: row for row in after.units}
    shifts: list[UnitEiShift] = []
    for unit in units:
        old, new = rows_before.get(unit), rows_after.get(unit)
        if old is None and new is None:
            continue
        name = (new or old).name  # type: ignore[union-attr]  # one side has the unit
        shifts.append(
            UnitEiShift(
                unit,
                name,
                old.ties.internal if old else 0,
                old.ties.external if old else 0,
                new.ties.internal if new else 0,
                new.ties.external if new else 0,
                old.ei_index if old else None,
                new.ei_index if new else None,
                old.insularity if old else None,
                new.insularity if new else None,
                merged_into.get(unit) if new is None else None,
            )
        )
    return [
        s
        for s in shifts
        if (s.internal_before, s.external_before) != (s.internal_after, s.external_after)
        or s.merged_into is not None
    ]


def hotspot_shifts(before: HotspotReport, after: HotspotReport, limit: int) -> list[HotspotShift]:
    """Unit pairs whose hotspot score or unresolved count changed, largest change first. Both
    reports must list every pair (`top` at least their number of conflicts)."""
    pairs_before = {(p.unit_a, p.unit_b): p for p in before.pairs}
    pairs_after = {(p.unit_a, p.unit_b): p for p in after.pairs}
    shifts: list[HotspotShift] = []
    for pair in pairs_before.keys() | pairs_after.keys():
        old, new = pairs_before.get(pair), pairs_after.get(pair)
        score_before = old.figures.score if old else 0.0
        score_after = new.figures.score if new else 0.0
        unresolved_before = old.figures.counts.unresolved if old else 0
        unresolved_after = new.figures.counts.unresolved if new else 0
        if abs(score_after - score_before) < 1e-9 and unresolved_before == unresolved_after:
            continue
        named = new or old
        assert named is not None
        shifts.append(
            HotspotShift(
                pair[0],
                pair[1],
                named.unit_a_name,
                named.unit_b_name,
                score_before,
                score_after,
                unresolved_before,
                unresolved_after,
            )
        )
    shifts.sort(key=lambda s: (-abs(s.score_after - s.score_before), s.unit_a, s.unit_b))
    return shifts[:limit]
