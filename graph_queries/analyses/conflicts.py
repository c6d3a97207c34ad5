"""Conflict hotspots: where cross-unit conflicts pile up and stay unresolved.

The analysis reads the `conflicts` MultiGraph of `OrgGraphs` (one edge per conflict between two
units, attributes `status`, `severity`, `raised_at`, `resolved_at`) and reports, at a date
`as_of`:

- per unit pair and per unit: counts by status, the unresolved share, time to resolution
  (median and 90th percentile), the age of unresolved conflicts and a hotspot score;
- clusters of hotspots: connected groups of unit pairs with a positive score;
- the organization's outcome mix next to the survey benchmark, with a goodness-of-fit test.

State at `as_of`
----------------
A conflict raised after `as_of` does not exist yet. A conflict whose `resolved_at` is after
`as_of` was still being worked on at that date and counts as OPEN. A conflict with no
`resolved_at` (TRIED_FAILED, UNADDRESSED, OPEN, and ANTICIPATED_AVOIDED when no date was
recorded) keeps its recorded status from the day it was raised, since the data does not say when
that status was reached. Ages are whole days up to `as_of`. Calling the function for a series of
dates gives the points of a trend line.

References
----------
Sull, D., Homkes, R. & Sull, C. (2015). Why Strategy Execution Unravels—and What to Do About It.
Harvard Business Review, March 2015.
Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American
Statistician 50(4), 361-365.
Pearson, K. (1900). On the criterion that a given system of deviations from the probable ...
Philosophical Magazine 50(302), 157-175.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import special, stats

from graph_queries.graphs import OrgGraphs
from graph_queries.model import UNRESOLVED_STATUSES, ConflictStatus

__all__ = [
    "AGE_FACTOR_CAP",
    "AGE_SCALE_DAYS",
    "ALPHA",
    "EXACT_MAX_N",
    "LATE_WEIGHT",
    "LATE_WINDOW_DAYS",
    "MIN_EXPECTED",
    "SURVEY_BENCHMARK",
    "Benchmark",
    "BenchmarkComparison",
    "ConflictFigures",
    "HotspotCluster",
    "HotspotReport",
    "MixTest",
    "OutcomeShare",
    "PairHotspot",
    "StatusCounts",
    "UnitHotspot",
    "conflict_hotspots",
    "exact_multinomial_pvalue",
]

# ---- constants -----------------------------------------------------------------------------------

# Hotspot score: an unresolved conflict weighs severity x min(1 + age / AGE_SCALE_DAYS, CAP).
AGE_SCALE_DAYS = 90
AGE_FACTOR_CAP = 5.0
# A conflict resolved late within LATE_WINDOW_DAYS before as_of weighs LATE_WEIGHT x severity.
LATE_WEIGHT = 0.25
LATE_WINDOW_DAYS = 365
P90 = 0.9

# Outcome-mix test.
ALPHA = 0.05
MIN_EXPECTED = 5.0  # every expected count at least this: chi-square; otherwise exact
EXACT_MAX_N = 60  # the exact multinomial test enumerates all outcomes up to this n
_EXACT_TOLERANCE = 1e-7  # relative slack when comparing outcome probabilities (as in R, scipy)

RESOLUTION_STATUSES = (ConflictStatus.RESOLVED_QUICKLY, ConflictStatus.RESOLVED_LATE)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Shares of conflict outcomes that managers report, with where they come from."""

    citation: str
    shares: tuple[tuple[ConflictStatus, float], ...]


SURVEY_BENCHMARK = Benchmark(
    citation=(
        'Sull, D., Homkes, R. & Sull, C. (2015). "Why Strategy Execution Unravels—and What to '
        'Do About It." Harvard Business Review, March 2015: how managers say cross-unit '
        "conflicts end."
    ),
    shares=(
        (ConflictStatus.ANTICIPATED_AVOIDED, 0.15),
        (ConflictStatus.RESOLVED_QUICKLY, 0.26),
        (ConflictStatus.RESOLVED_LATE, 0.37),
        (ConflictStatus.TRIED_FAILED, 0.10),
        (ConflictStatus.UNADDRESSED, 0.12),
    ),
)


class MixTest(StrEnum):
    """Which goodness-of-fit test produced the p-value of the outcome-mix comparison."""

    CHI_SQUARE = "CHI_SQUARE"
    EXACT_MULTINOMIAL = "EXACT_MULTINOMIAL"


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """How many conflicts had each status at `as_of`; `unresolved` = TRIED_FAILED +
    UNADDRESSED + OPEN."""

    anticipated_avoided: int
    resolved_quickly: int
    resolved_late: int
    tried_failed: int
    unaddressed: int
    open: int
    total: int
    unresolved: int


@dataclass(frozen=True, slots=True)
class ConflictFigures:
    """The figures of a set of conflicts (a unit pair, a unit or the organization) at `as_of`.

    `unresolved_share` is `counts.unresolved / counts.total` (0.0 when there are none).
    Resolution times are over the RESOLVED_QUICKLY and RESOLVED_LATE conflicts resolved by
    `as_of` (`resolutions` of them); ages over the unresolved ones. Quantiles and medians are
    None when there is nothing to take them over.
    """

    counts: StatusCounts
    unresolved_share: float
    resolutions: int
    resolution_days_median: float | None
    resolution_days_p90: float | None
    unresolved_age_days_median: float | None
    unresolved_age_days_max: int | None
    score: float


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
class OutcomeShare:
    """One survey outcome: observed count and share next to the benchmark share and the count
    the benchmark would expect (`benchmark_share x n`)."""

    status: ConflictStatus
    observed: int
    observed_share: float
    benchmark_share: float
    expected: float


@dataclass(frozen=True, slots=True)
class BenchmarkComparison:
    """The organization's outcome mix against the survey benchmark.

    `n` conflicts had a survey outcome at `as_of`; `open_excluded` were OPEN then and are left
    out of the test (the survey asked how conflicts ended). `statistic` is Pearson's X^2 (also
    given, for reference, when the p-value comes from the exact test); `differs` is
    `p_value < alpha`. Test fields are None when `empty_reason` says why there is no test.
    """

    n: int
    open_excluded: int
    outcomes: tuple[OutcomeShare, ...]
    test: MixTest | None
    statistic: float | None
    degrees_of_freedom: int
    p_value: float | None
    alpha: float
    differs: bool | None
    verdict: str
    citation: str
    empty_reason: str | None


@dataclass(frozen=True, slots=True)
class HotspotReport:
    """`conflict_hotspots` at `as_of`: ranked pairs, units and clusters (the first `top` of
    each; `*_total` says how many there are) and the outcome-mix comparison."""

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
    cases = _cases(graphs, as_of)
    overall = _figures(cases)
    benchmark = _benchmark(cases)
    empty_reason = _empty_reason(graphs, cases, as_of)
    pairs = _pair_hotspots(graphs, cases, overall.score)
    units = _unit_hotspots(graphs, cases, overall.score)
    clusters = _clusters(graphs, pairs, overall.score)
    return HotspotReport(
        organization_id=graphs.organization_id,
        version=graphs.version,
        as_of=as_of,
        overall=overall,
        pairs=tuple(pairs[:top]),
        pairs_total=len(pairs),
        units=tuple(units[:top]),
        units_total=len(units),
        clusters=tuple(clusters[:top]),
        clusters_total=len(clusters),
        benchmark=benchmark,
        empty_reason=empty_reason,
    )


def exact_multinomial_pvalue(observed: Sequence[int], probabilities: Sequence[float]) -> float:
    """Exact p-value of a multinomial goodness-of-fit test.

    With ``n = sum(observed)`` draws over ``k`` categories of probabilities ``p``, the
    probability of a composition ``x`` is ``P(x) = n! / prod(x_i!) prod(p_i ** x_i)``; the
    p-value is the total probability of every composition no more likely than the observed one,
    ``sum(P(x) for x with P(x) <= P(observed))`` (with a relative slack of 1e-7 for rounding).
    All ``C(n + k - 1, k - 1)`` compositions are enumerated, so keep ``n`` small (about 60 for
    k = 5).

    Parameters
    ----------
    observed : sequence of int
        Counts per category, each >= 0.
    probabilities : sequence of float
        Category probabilities, each > 0, adding up to 1.

    Returns
    -------
    float
        The p-value in [0, 1]; 1.0 when ``n = 0``.

    References
    ----------
    Read, T. R. C. & Cressie, N. A. C. (1988). Goodness-of-Fit Statistics for Discrete
    Multivariate Data. Springer. (The exact test, as in R's EMT::multinomial.test.)
    """
    if len(observed) != len(probabilities) or not observed:
        raise ValueError("observed and probabilities need the same, non-zero length")
    if any(count < 0 for count in observed):
        raise ValueError("observed counts must be 0 or more")
    if any(p <= 0 for p in probabilities) or not math.isclose(sum(probabilities), 1.0):
        raise ValueError("probabilities must be positive and add up to 1")
    n = sum(observed)
    if n == 0:
        return 1.0
    log_p = np.log(np.asarray(probabilities, dtype=np.float64))
    table = _compositions(n, len(observed))
    log_pmf = _log_multinomial(table, n, log_p)
    log_observed = _log_multinomial(np.asarray([observed], dtype=np.int64), n, log_p)[0]
    as_likely = log_pmf <= log_observed + math.log1p(_EXACT_TOLERANCE)
    return min(1.0, float(np.exp(log_pmf[as_likely]).sum()))


# ---- conflicts at as_of --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Case:
    """One conflict as it stood at as_of."""

    id: str
    pair: tuple[str, str]
    status: ConflictStatus
    age_days: int
    resolution_days: int | None
    score: float


def _cases(graphs: OrgGraphs, as_of: date) -> list[_Case]:
    cases: list[_Case] = []
    for a, b, key, data in graphs.conflicts.edges(keys=True, data=True):
        raised: date = data["raised_at"]
        if raised > as_of:
            continue
        resolved: date | None = data.get("resolved_at")
        status = _status_at(ConflictStatus(data["status"]), resolved, as_of)
        age = (as_of - raised).days
        resolution = (
            (resolved - raised).days
            if resolved is not None and status in RESOLUTION_STATUSES
            else None
        )
        since = (as_of - resolved).days if resolved is not None and resolved <= as_of else None
        severity = int(data.get("severity", 3))
        pair = (str(a), str(b)) if str(a) <= str(b) else (str(b), str(a))
        score = _conflict_score(status, severity, age, since)
        cases.append(_Case(str(key), pair, status, age, resolution, score))
    cases.sort(key=lambda case: case.id)
    return cases


def _status_at(status: ConflictStatus, resolved: date | None, as_of: date) -> ConflictStatus:
    """A conflict resolved after as_of was still open at as_of."""
    if resolved is not None and resolved > as_of:
        return ConflictStatus.OPEN
    return status


def _conflict_score(
    status: ConflictStatus, severity: int, age_days: int, days_since_resolution: int | None
) -> float:
    if status in UNRESOLVED_STATUSES:
        return severity * min(1.0 + age_days / AGE_SCALE_DAYS, AGE_FACTOR_CAP)
    if (
        status is ConflictStatus.RESOLVED_LATE
        and days_since_resolution is not None
        and days_since_resolution < LATE_WINDOW_DAYS
    ):
        return LATE_WEIGHT * severity
    return 0.0


def _empty_reason(graphs: OrgGraphs, cases: list[_Case], as_of: date) -> str | None:
    if graphs.units.number_of_nodes() < 2:
        return "The organization has fewer than two units, so it can have no cross-unit conflicts."
    if graphs.conflicts.number_of_edges() == 0:
        return "No conflicts between units are recorded."
    if not cases:
        return f"No conflict had been raised by {as_of.isoformat()}."
    return None


# ---- figures -------------------------------------------------------------------------------------


def _counts(cases: Iterable[_Case]) -> StatusCounts:
    by_status = dict.fromkeys(ConflictStatus, 0)
    for case in cases:
        by_status[case.status] += 1
    return StatusCounts(
        anticipated_avoided=by_status[ConflictStatus.ANTICIPATED_AVOIDED],
        resolved_quickly=by_status[ConflictStatus.RESOLVED_QUICKLY],
        resolved_late=by_status[ConflictStatus.RESOLVED_LATE],
        tried_failed=by_status[ConflictStatus.TRIED_FAILED],
        unaddressed=by_status[ConflictStatus.UNADDRESSED],
        open=by_status[ConflictStatus.OPEN],
        total=sum(by_status.values()),
        unresolved=sum(by_status[status] for status in UNRESOLVED_STATUSES),
    )


def _quantile(values: Sequence[float], q: float) -> float | None:
    """Hyndman & Fan definition 7 (linear interpolation); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (position - low) * (ordered[high] - ordered[low]))


def _figures(cases: Sequence[_Case]) -> ConflictFigures:
    counts = _counts(cases)
    durations = [case.resolution_days for case in cases if case.resolution_days is not None]
    ages = [case.age_days for case in cases if case.status in UNRESOLVED_STATUSES]
    return ConflictFigures(
        counts=counts,
        unresolved_share=counts.unresolved / counts.total if counts.total else 0.0,
        resolutions=len(durations),
        resolution_days_median=_quantile(durations, 0.5),
        resolution_days_p90=_quantile(durations, P90),
        unresolved_age_days_median=_quantile(ages, 0.5),
        unresolved_age_days_max=max(ages) if ages else None,
        score=math.fsum(case.score for case in cases),
    )


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


def _rank_key(
    figures: ConflictFigures, ids: tuple[str, ...]
) -> tuple[float, int, int, tuple[str, ...]]:
    return (-figures.score, -figures.counts.unresolved, -figures.counts.total, ids)


def _name(graphs: OrgGraphs, unit: str) -> str:
    if unit in graphs.units:
        return str(graphs.units.nodes[unit].get("name", unit))
    return unit


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _describe(figures: ConflictFigures, total_score: float) -> str:
    """The shared part of a reason: unresolved, ages, late ones, resolution time, score."""
    counts = figures.counts
    parts = [
        f"{counts.unresolved} of {_plural(counts.total, 'conflict')} unresolved "
        f"({figures.unresolved_share:.0%})"
    ]
    if figures.unresolved_age_days_max is not None:
        parts.append(f"the oldest unresolved for {figures.unresolved_age_days_max} days")
    if counts.resolved_late:
        parts.append(f"{counts.resolved_late} resolved late")
    if figures.resolution_days_median is not None:
        parts.append(f"median {figures.resolution_days_median:g} days to resolve")
    text = ", ".join(parts)
    if figures.score > 0:
        return (
            f"{text}; hotspot score {figures.score:.1f} "
            f"({_share(figures.score, total_score):.0%} of the organization's total)."
        )
    return f"{text}; no unresolved or recent late conflicts, so a hotspot score of 0."


# ---- pairs, units, clusters ----------------------------------------------------------------------


def _pair_hotspots(graphs: OrgGraphs, cases: list[_Case], total_score: float) -> list[PairHotspot]:
    by_pair: dict[tuple[str, str], list[_Case]] = defaultdict(list)
    for case in cases:
        by_pair[case.pair].append(case)
    figures = {pair: _figures(group) for pair, group in by_pair.items()}
    ordered = sorted(figures, key=lambda pair: _rank_key(figures[pair], pair))
    hotspots: list[PairHotspot] = []
    for rank, (a, b) in enumerate(ordered, start=1):
        name_a, name_b = _name(graphs, a), _name(graphs, b)
        pair_figures = figures[(a, b)]
        hotspots.append(
            PairHotspot(
                rank=rank,
                unit_a=a,
                unit_b=b,
                unit_a_name=name_a,
                unit_b_name=name_b,
                figures=pair_figures,
                score_share=_share(pair_figures.score, total_score),
                reason=f"{name_a} and {name_b}: {_describe(pair_figures, total_score)}",
            )
        )
    return hotspots


def _unit_hotspots(graphs: OrgGraphs, cases: list[_Case], total_score: float) -> list[UnitHotspot]:
    by_unit: dict[str, list[_Case]] = defaultdict(list)
    partners: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        a, b = case.pair
        by_unit[a].append(case)
        by_unit[b].append(case)
        partners[a].add(b)
        partners[b].add(a)
    figures = {unit: _figures(group) for unit, group in by_unit.items()}
    ordered = sorted(figures, key=lambda unit: _rank_key(figures[unit], (unit,)))
    hotspots: list[UnitHotspot] = []
    for rank, unit in enumerate(ordered, start=1):
        name = _name(graphs, unit)
        unit_figures = figures[unit]
        division = graphs.units.nodes[unit].get("division") if unit in graphs.units else None
        hotspots.append(
            UnitHotspot(
                rank=rank,
                unit=unit,
                name=name,
                division=None if division is None else str(division),
                partners=len(partners[unit]),
                figures=unit_figures,
                score_share=_share(unit_figures.score, total_score),
                reason=(
                    f"{name}, in conflict with {_plural(len(partners[unit]), 'other unit')}: "
                    f"{_describe(unit_figures, total_score)}"
                ),
            )
        )
    return hotspots


def _clusters(
    graphs: OrgGraphs, pairs: list[PairHotspot], total_score: float
) -> list[HotspotCluster]:
    hot = nx.Graph()
    for pair in pairs:
        if pair.figures.score > 0:
            hot.add_edge(pair.unit_a, pair.unit_b, hotspot=pair)
    found: list[tuple[tuple[str, ...], list[PairHotspot]]] = []
    for component in nx.connected_components(hot):
        members = tuple(sorted(str(unit) for unit in component))
        inside = sorted(
            (data["hotspot"] for _, _, data in hot.subgraph(component).edges(data=True)),
            key=lambda pair: (pair.unit_a, pair.unit_b),
        )
        found.append((members, inside))
    scores = {members: math.fsum(p.figures.score for p in inside) for members, inside in found}
    found.sort(key=lambda item: (-len(item[0]), -scores[item[0]], item[0]))
    clusters: list[HotspotCluster] = []
    for rank, (members, inside) in enumerate(found, start=1):
        score = scores[members]
        conflicts = sum(pair.figures.counts.total for pair in inside)
        unresolved = sum(pair.figures.counts.unresolved for pair in inside)
        clusters.append(
            HotspotCluster(
                rank=rank,
                units=members,
                pairs=tuple((pair.unit_a, pair.unit_b) for pair in inside),
                score=score,
                score_share=_share(score, total_score),
                conflicts=conflicts,
                unresolved=unresolved,
                reason=_cluster_reason(graphs, members, inside, score, total_score, unresolved),
            )
        )
    return clusters


def _cluster_reason(
    graphs: OrgGraphs,
    members: tuple[str, ...],
    inside: list[PairHotspot],
    score: float,
    total_score: float,
    unresolved: int,
) -> str:
    involvement: dict[str, float] = defaultdict(float)
    for pair in inside:
        involvement[pair.unit_a] += pair.figures.score
        involvement[pair.unit_b] += pair.figures.score
    most = min(involvement, key=lambda unit: (-involvement[unit], unit))
    return (
        f"{_plural(len(members), 'unit')} linked by {_plural(len(inside), 'hotspot pair')}, "
        f"{unresolved} unresolved {'conflict' if unresolved == 1 else 'conflicts'}; "
        f"score {score:.1f} ({_share(score, total_score):.0%} of the organization's total); "
        f"most involved: {_name(graphs, most)} (score {involvement[most]:.1f})."
    )


# ---- the outcome mix against the survey ----------------------------------------------------------


def _benchmark(cases: list[_Case]) -> BenchmarkComparison:
    statuses = [status for status, _ in SURVEY_BENCHMARK.shares]
    shares = [share for _, share in SURVEY_BENCHMARK.shares]
    observed = [sum(1 for case in cases if case.status is status) for status in statuses]
    n = sum(observed)
    open_excluded = sum(1 for case in cases if case.status is ConflictStatus.OPEN)
    outcomes = tuple(
        OutcomeShare(
            status=status,
            observed=count,
            observed_share=_share(count, n),
            benchmark_share=share,
            expected=n * share,
        )
        for status, count, share in zip(statuses, observed, shares, strict=True)
    )
    degrees_of_freedom = len(statuses) - 1
    if n == 0:
        reason = (
            f"No conflict had an outcome yet ({open_excluded} open), so there is nothing to "
            "compare with the survey."
            if open_excluded
            else "No conflicts, so there is nothing to compare with the survey."
        )
        return BenchmarkComparison(
            n=0,
            open_excluded=open_excluded,
            outcomes=outcomes,
            test=None,
            statistic=None,
            degrees_of_freedom=degrees_of_freedom,
            p_value=None,
            alpha=ALPHA,
            differs=None,
            verdict=reason,
            citation=SURVEY_BENCHMARK.citation,
            empty_reason=reason,
        )
    expected = [n * share for share in shares]
    chi = stats.chisquare(observed, expected)
    statistic = float(chi.statistic)
    note = ""
    if min(expected) >= MIN_EXPECTED:
        test, p_value = MixTest.CHI_SQUARE, float(chi.pvalue)
    elif n <= EXACT_MAX_N:
        test, p_value = MixTest.EXACT_MULTINOMIAL, exact_multinomial_pvalue(observed, shares)
    else:
        test, p_value = MixTest.CHI_SQUARE, float(chi.pvalue)
        note = (
            f" Some expected counts are below {MIN_EXPECTED:g} but n is too large to enumerate, "
            "so the chi-square approximation is used; read the p-value with care."
        )
    p_value = min(1.0, max(0.0, p_value))
    differs = p_value < ALPHA
    return BenchmarkComparison(
        n=n,
        open_excluded=open_excluded,
        outcomes=outcomes,
        test=test,
        statistic=statistic,
        degrees_of_freedom=degrees_of_freedom,
        p_value=p_value,
        alpha=ALPHA,
        differs=differs,
        verdict=_verdict(outcomes, n, open_excluded, test, statistic, p_value, differs) + note,
        citation=SURVEY_BENCHMARK.citation,
        empty_reason=None,
    )


def _verdict(
    outcomes: tuple[OutcomeShare, ...],
    n: int,
    open_excluded: int,
    test: MixTest,
    statistic: float,
    p_value: float,
    differs: bool,
) -> str:
    how = (
        f"chi-square = {statistic:.2f}, df = {len(outcomes) - 1}"
        if test is MixTest.CHI_SQUARE
        else "exact multinomial test"
    )
    base = f"{_plural(n, 'conflict')} with an outcome"
    if open_excluded:
        base += f" ({open_excluded} still open, left out)"
    if not differs:
        return (
            f"The outcome mix of {base} does not differ significantly from the survey "
            f"benchmark ({how}, p = {p_value:.3g} >= {ALPHA:g})."
        )
    # max keeps the first of equal gaps, in the benchmark's order.
    largest = max(outcomes, key=lambda o: abs(o.observed_share - o.benchmark_share))
    direction = "more" if largest.observed_share > largest.benchmark_share else "fewer"
    return (
        f"The outcome mix of {base} differs from the survey benchmark ({how}, "
        f"p = {p_value:.3g} < {ALPHA:g}); the largest gap: {direction} "
        f"{largest.status.value} ({largest.observed_share:.0%} against "
        f"{largest.benchmark_share:.0%})."
    )


def _compositions(n: int, parts: int) -> npt.NDArray[np.int64]:
    """Every way of writing n as an ordered sum of `parts` counts >= 0, one per row.

    Built part by part: a row whose first parts add up to s grows into n - s + 1 rows, with the
    next part 0, 1, ..., n - s; the last part takes what is left.
    """
    table = np.zeros((1, 0), dtype=np.int64)
    sums = np.zeros(1, dtype=np.int64)
    for _ in range(parts - 1):
        counts = n - sums + 1
        starts = np.cumsum(counts) - counts
        values = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)
        table = np.column_stack((np.repeat(table, counts, axis=0), values))
        sums = np.repeat(sums, counts) + values
    result: npt.NDArray[np.int64] = np.column_stack((table, n - sums))
    return result


def _log_multinomial(
    table: npt.NDArray[np.int64], n: int, log_p: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """log P(x) per row: log n! - sum(log x_i!) + sum(x_i log p_i)."""
    log_factorial = special.gammaln(np.arange(n + 1, dtype=np.float64) + 1.0)
    log_coefficient = log_factorial[n] - log_factorial[table].sum(axis=1)
    result: npt.NDArray[np.float64] = log_coefficient + table @ log_p
    return result
