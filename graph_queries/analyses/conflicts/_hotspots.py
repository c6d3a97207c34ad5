"""The conflict hotspot report: its arguments, `conflict_hotspots`, and the ranked pairs, units
and clusters."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np

from graph_queries.analyses.conflicts._cases import Cases, cases_at
from graph_queries.analyses.conflicts._figures import (
    ConflictFigures,
    describe,
    figures_by_group,
    rank_key,
)
from graph_queries.analyses.conflicts._outcome_mix import BenchmarkComparison, benchmark_comparison
from graph_queries.analyses.metrics.ratios import ratio_or_zero
from graph_queries.analyses.wording import plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs
from graph_queries.natural_order import natural_key, natural_sorted

__all__ = [
    "HotspotArguments",
    "HotspotCluster",
    "HotspotReport",
    "PairHotspot",
    "UnitHotspot",
    "conflict_hotspots",
]


@dataclass(frozen=True, slots=True)
class HotspotArguments:
    """The arguments of `conflict_hotspots`, by name; also its cache key."""

    as_of: date
    top: int = 10


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairHotspot:
    """Two units in conflict; `unit_a` < `unit_b` by id. `score_share` is the pair's part of
    the organization's total score."""

    rank: int
    unit_a: str
    unit_b: str
    unit_a_name: str
    unit_b_name: str
    figures: ConflictFigures
    score_share: float
    reason: str


@dataclass(frozen=True, slots=True)
class UnitHotspot:
    """One unit over every conflict it is party to; `partners` is how many other units it is
    in conflict with. `score_share` is the part of the organization's total that involves the
    unit (a conflict involves two units, so unit shares add up to 2)."""

    rank: int
    unit: str
    name: str
    division: str | None
    partners: int
    figures: ConflictFigures
    score_share: float
    reason: str


@dataclass(frozen=True, slots=True)
class HotspotCluster:
    """A connected group of unit pairs with a positive hotspot score."""

    rank: int
    units: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    score: float
    score_share: float
    conflicts: int
    unresolved: int
    reason: str


@dataclass(frozen=True, slots=True)
class HotspotReport:
    """`conflict_hotspots` at `as_of`: ranked pairs, units and clusters (the first `top` of
    each; `pairs_total`, `units_total` and `clusters_total` say how many there are) and the
    outcome-mix comparison."""

    organization_id: str
    version: int
    as_of: date
    overall: ConflictFigures
    pairs: tuple[PairHotspot, ...]
    pairs_total: int
    units: tuple[UnitHotspot, ...]
    units_total: int
    clusters: tuple[HotspotCluster, ...]
    clusters_total: int
    benchmark: BenchmarkComparison
    empty_reason: str | None


# ---- the analysis --------------------------------------------------------------------------------


def conflict_hotspots(graphs: OrgGraphs, as_of: date, top: int = 10) -> HotspotReport:
    """Where cross-unit conflicts concentrate and stay unresolved, at the date `as_of`.

    Status at `as_of`: a conflict raised after `as_of` is left out; one resolved after `as_of`
    counts as OPEN; otherwise its recorded status holds. For each unit pair (and each unit,
    over the conflicts it is party to):

    - counts by status, and unresolved share ``u / n`` with ``u`` = TRIED_FAILED + UNADDRESSED
      + OPEN and ``n`` all conflicts;
    - time to resolution ``resolved_at - raised_at`` in days over RESOLVED_QUICKLY and
      RESOLVED_LATE conflicts: median and 90th percentile, linear interpolation between order
      statistics (Hyndman & Fan definition 7: with sorted ``d_1..d_m`` and ``h = (m - 1) q``,
      ``Q(q) = d_(floor h + 1) + (h - floor h)(d_(floor h + 2) - d_(floor h + 1))``).
      ANTICIPATED_AVOIDED conflicts are left out even when dated: they were headed off before
      they became a dispute, and their near-zero times would hide slow resolutions;
    - age of unresolved conflicts, ``as_of - raised_at`` in days: median and maximum;
    - hotspot score, the sum over its conflicts of

      - ``severity x min(1 + age / 90, 5)`` for an unresolved one: it costs more the longer it
        festers (one more severity unit per quarter), capped at a year so that one forgotten
        conflict cannot outweigh several fresh, severe ones;
      - ``0.25 x severity`` for one RESOLVED_LATE in the 365 days up to `as_of`: the units got
        there but the delay cost them, and late resolutions recur between the same units; four
        of them weigh as much as one fresh unresolved conflict, and they drop out after a year
        so that the score comes down when coordination improves;
      - 0 for one anticipated or resolved quickly: coordination worked.

      Scores are not normalized, so that they can be compared across dates of one organization;
      `score_share` gives each pair's (unit's, cluster's) part of the organization's total.

    Pairs and units are ranked by score, then unresolved count, then total, then id. Clusters
    are the connected components of the graph of unit pairs with a positive score, largest
    (most units) first, then by score. Each list keeps its first `top` items.

    The outcome mix counts the five survey outcomes among the conflicts at `as_of`; OPEN ones
    are reported (`open_excluded`) but left out of the test, since the survey asked how
    conflicts ended. The test of fit to `SURVEY_BENCHMARK` (k = 5 outcomes, df = 4) is
    Pearson's chi-square when every expected count ``n p_i`` is at least 5 (n >= 50 here), else
    the exact multinomial test (`exact_multinomial_pvalue`) when ``n <= 60``, else chi-square
    with a warning in the verdict. The verdict reads the p-value at alpha = 0.05.

    Parameters
    ----------
    graphs : OrgGraphs
        The organization; only `conflicts` (and unit names and divisions from `units`) is read.
    as_of : date
        The date at which the state is evaluated.
    top : int
        How many pairs, units and clusters to keep (>= 0).

    Returns
    -------
    HotspotReport
        With `empty_reason` set, and empty lists, when the organization has fewer than two
        units, no conflicts, or none raised by `as_of`.

    Raises
    ------
    ValueError
        If `top` is negative.

    References
    ----------
    Sull, Homkes & Sull (2015), HBR; Hyndman & Fan (1996); Pearson (1900).
    """
    if top < 0:
        raise ValueError(f"top must be 0 or more, not {top}")
    cases = cases_at(graphs, as_of)
    everyone = np.arange(len(cases))
    (overall,) = figures_by_group(cases, np.zeros_like(everyone), everyone, 1)
    benchmark = benchmark_comparison(overall.counts)
    empty_reason = _empty_reason(graphs, cases, as_of)
    # Everything is ranked, but only the kept few are worded: a large organization has tens of
    # thousands of pairs in conflict.
    pairs = _ranked_pairs(cases)
    units = _ranked_units(cases)
    clusters = _ranked_clusters(pairs)
    return HotspotReport(
        organization_id=graphs.organization_id,
        version=graphs.version,
        as_of=as_of,
        overall=overall,
        pairs=_pair_hotspots(graphs, pairs[:top], overall.score),
        pairs_total=len(pairs),
        units=_unit_hotspots(graphs, units[:top], overall.score),
        units_total=len(units),
        clusters=_clusters(graphs, clusters[:top], overall.score),
        clusters_total=len(clusters),
        benchmark=benchmark,
        empty_reason=empty_reason,
    )


def _empty_reason(graphs: OrgGraphs, cases: Cases, as_of: date) -> str | None:
    if graphs.units.number_of_nodes() < 2:
        return "The organization has fewer than two units, so it can have no cross-unit conflicts."
    if nx.is_empty(graphs.conflicts):
        return "No conflicts between units are recorded."
    if not len(cases):
        return f"No conflict had been raised by {as_of.isoformat()}."
    return None


# ---- pairs, units, clusters ----------------------------------------------------------------------


Pair = tuple[str, str]
RankedPair = tuple[Pair, ConflictFigures]
RankedUnit = tuple[str, ConflictFigures, int]  # the unit, its figures, its partners
RankedCluster = tuple[tuple[str, ...], list[RankedPair], float]  # units, pairs, score


def _ranked_pairs(cases: Cases) -> list[RankedPair]:
    count = len(cases.units)
    codes, groups = np.unique(cases.unit_a * count + cases.unit_b, return_inverse=True)
    found = figures_by_group(cases, groups, np.arange(len(cases)), len(codes))
    pairs = [
        ((cases.units[code // count], cases.units[code % count]), figures)
        for code, figures in zip(codes.tolist(), found, strict=True)
    ]
    pairs.sort(key=lambda ranked: rank_key(ranked[1], ranked[0]))
    return pairs


def _ranked_units(cases: Cases) -> list[RankedUnit]:
    count = len(cases.units)
    every = np.arange(len(cases))
    sides = np.concatenate((cases.unit_a, cases.unit_b))
    in_conflict, groups = np.unique(sides, return_inverse=True)
    found = figures_by_group(cases, groups, np.concatenate((every, every)), len(in_conflict))
    distinct_pairs = np.unique(cases.unit_a * count + cases.unit_b)
    partners = np.bincount(
        np.concatenate((distinct_pairs // count, distinct_pairs % count)), minlength=count
    ).tolist()
    units = [
        (cases.units[index], figures, partners[index])
        for index, figures in zip(in_conflict.tolist(), found, strict=True)
    ]
    units.sort(key=lambda ranked: rank_key(ranked[1], (ranked[0],)))
    return units


def _ranked_clusters(pairs: list[RankedPair]) -> list[RankedCluster]:
    hot = nx.Graph()
    for (a, b), figures in pairs:
        if figures.score > 0:
            hot.add_edge(a, b, figures=figures)
    found: list[RankedCluster] = []
    for component in nx.connected_components(hot):
        members = tuple(natural_sorted(str(unit) for unit in component))
        inside = sorted(
            (
                ((a, b) if a <= b else (b, a), data["figures"])
                for a, b, data in hot.subgraph(component).edges(data=True)
            ),
            key=lambda ranked: ranked[0],
        )
        found.append((members, inside, math.fsum(f.score for _, f in inside)))
    found.sort(
        key=lambda cluster: (-len(cluster[0]), -cluster[2], [natural_key(u) for u in cluster[0]])
    )
    return found


def _pair_hotspots(
    graphs: OrgGraphs, pairs: list[RankedPair], total_score: float
) -> tuple[PairHotspot, ...]:
    hotspots: list[PairHotspot] = []
    for rank, ((a, b), figures) in enumerate(pairs, start=1):
        name_a, name_b = unit_name_or_id(graphs, a), unit_name_or_id(graphs, b)
        hotspots.append(
            PairHotspot(
                rank=rank,
                unit_a=a,
                unit_b=b,
                unit_a_name=name_a,
                unit_b_name=name_b,
                figures=figures,
                score_share=ratio_or_zero(figures.score, total_score),
                reason=f"{name_a} and {name_b}: {describe(figures, total_score)}",
            )
        )
    return tuple(hotspots)


def _unit_hotspots(
    graphs: OrgGraphs, units: list[RankedUnit], total_score: float
) -> tuple[UnitHotspot, ...]:
    hotspots: list[UnitHotspot] = []
    for rank, (unit, figures, partners) in enumerate(units, start=1):
        name = unit_name_or_id(graphs, unit)
        division = graphs.units.nodes[unit].get("division") if unit in graphs.units else None
        hotspots.append(
            UnitHotspot(
                rank=rank,
                unit=unit,
                name=name,
                division=None if division is None else str(division),
                partners=partners,
                figures=figures,
                score_share=ratio_or_zero(figures.score, total_score),
                reason=(
                    f"{name}, in conflict with {plural(partners, 'other unit')}: "
                    f"{describe(figures, total_score)}"
                ),
            )
        )
    return tuple(hotspots)


def _clusters(
    graphs: OrgGraphs, clusters: list[RankedCluster], total_score: float
) -> tuple[HotspotCluster, ...]:
    found: list[HotspotCluster] = []
    for rank, (members, inside, score) in enumerate(clusters, start=1):
        unresolved = sum(figures.counts.unresolved for _, figures in inside)
        found.append(
            HotspotCluster(
                rank=rank,
                units=members,
                pairs=tuple(pair for pair, _ in inside),
                score=score,
                score_share=ratio_or_zero(score, total_score),
                conflicts=sum(figures.counts.total for _, figures in inside),
                unresolved=unresolved,
                reason=_cluster_reason(graphs, members, inside, score, total_score, unresolved),
            )
        )
    return tuple(found)


def _cluster_reason(
    graphs: OrgGraphs,
    members: tuple[str, ...],
    inside: list[RankedPair],
    score: float,
    total_score: float,
    unresolved: int,
) -> str:
    involvement: dict[str, float] = defaultdict(float)
    for (a, b), figures in inside:
        involvement[a] += figures.score
        involvement[b] += figures.score
    most = min(involvement, key=lambda unit: (-involvement[unit], unit))
    return (
        f"{plural(len(members), 'unit')} linked by {plural(len(inside), 'hotspot pair')}, "
        f"{unresolved} unresolved {'conflict' if unresolved == 1 else 'conflicts'}; "
        f"score {score:.1f} ({ratio_or_zero(score, total_score):.0%} of the organization's total); "
        f"most involved: {unit_name_or_id(graphs, most)} (score {involvement[most]:.1f})."
    )
