"""Trends: each headline figure of `AnalysisSummary` across snapshots, with its changes.

Noise test (a share of counts)
------------------------------
A share p = x / n (unresolved conflicts of all conflicts, reliable dependencies of all
dependencies, a unit's external ties of all its ties) moves between two snapshots by more than
its sampling noise when the pooled two-proportion z-test rejects equal shares at 5 %:

    p = (x1 + x2) / (n1 + n2),  SE = sqrt(p (1 - p) (1 / n1 + 1 / n2)),  |p2 - p1| > 1.96 SE.

The pooled standard error is the one under the hypothesis being tested (both counts drawn with
the same share), and unlike the unpooled Wald error it does not shrink to nothing when one
share is 0 or 1; the test is Pearson's chi-square on the 2 x 2 table (Agresti 2013, 3.1-3.2).
Its normal approximation needs expected counts of at least 5 in every cell
(n_i p >= 5 and n_i (1 - p) >= 5); below that, or when a count is 0, `significant` is None.

The E-I index is 2 p - 1 and insularity 1 - p with p = E / (E + I), so their changes are
tested as that share of external ties of n = E + I. The test treats two snapshots as
independent samples; consecutive ones mostly share the same ties and people, which makes the
difference vary less than assumed, so the test is conservative there.

Bottleneck scores, modularity and the number of factions have no sampling model here: their
change is reported with `significant` None.

References
----------
Agresti, A. (2013). Categorical Data Analysis, 3rd ed. Wiley.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from graph_queries.analyses.factions import FactionVerdict
from graph_queries.analyses.trends._summary import AnalysisSummary, UnitSummary
from graph_queries.natural_order import natural_key

Z_95 = 1.959964  # the two-sided 5 % point of the standard normal
MIN_EXPECTED = 5.0  # the normal approximation's least expected count per cell


class TrendFigure(StrEnum):
    """The figures a trend follows (see `AnalysisSummary`)."""

    UNRESOLVED_CONFLICT_SHARE = "UNRESOLVED_CONFLICT_SHARE"
    RELIABLE_DEPENDENCY_SHARE = "RELIABLE_DEPENDENCY_SHARE"
    MODULARITY = "MODULARITY"
    FACTIONS = "FACTIONS"
    EI_INDEX = "EI_INDEX"
    INSULARITY = "INSULARITY"
    BOTTLENECK_SCORE = "BOTTLENECK_SCORE"


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One snapshot's value of a figure. `count` of `total` are the counts behind a share
    (None for other figures); `change` is the value minus the previous point's (None for the
    first, or when either value is None); `significant` whether that change exceeds the
    sampling noise of the counts (a pooled two-proportion test; None when the figure has no
    such model or the counts are too small)."""

    effective_date: date
    graph_version: int
    value: float | None
    count: int | None
    total: int | None
    change: float | None
    significant: bool | None


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """A figure across snapshots, oldest first: of the organization (`unit_id` None) or of one
    unit (its points are the snapshots that had the unit)."""

    figure: TrendFigure
    unit_id: str | None
    unit_name: str | None
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True, slots=True)
class VerdictPoint:
    """The executive faction verdict at one snapshot; `changed` when it differs from the
    previous snapshot's (never for the first)."""

    effective_date: date
    graph_version: int
    verdict: FactionVerdict
    changed: bool


@dataclass(frozen=True, slots=True)
class SnapshotRef:
    """A snapshot a trend reads: the effective date of its data and the graph version."""

    effective_date: date
    graph_version: int


@dataclass(frozen=True, slots=True)
class TrendReport:
    """The headline figures across `snapshots` (oldest first): the organization's series, then
    each unit's (in natural order of ids), and the faction verdicts; `method` states the noise
    test."""

    snapshots: tuple[SnapshotRef, ...]
    series: tuple[TrendSeries, ...]
    faction_verdicts: tuple[VerdictPoint, ...]
    method: str


METHOD = (
    "Shares (unresolved conflicts, reliable dependencies, a unit's external ties behind its "
    "E-I index and insularity) change significantly when the pooled two-proportion z-test "
    "rejects equal shares at 5% (|difference| > 1.96 standard errors); null when a count is 0 "
    "or an expected count is under 5. Bottleneck scores, modularity and factions: change only."
)

# A point's value, and for a share its counts (successes, total), read from a summary.
Reading = tuple[float | None, int | None, int | None]


def share_change_significant(x1: int, n1: int, x2: int, n2: int) -> bool | None:
    """Whether x2 / n2 differs from x1 / n1 by more than sampling noise (the module's test).

    >>> share_change_significant(20, 100, 40, 100)
    True
    >>> share_change_significant(20, 100, 25, 100)
    False
    >>> share_change_significant(1, 10, 3, 10) is None
    True
    """
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    if min(n1, n2) * min(pooled, 1 - pooled) < MIN_EXPECTED:
        return None
    error = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return abs(x2 / n2 - x1 / n1) > Z_95 * error


def trend(
    summaries: Sequence[AnalysisSummary], units: Collection[str] | None = None
) -> TrendReport:
    """The series of every headline figure over `summaries`, ordered by (as_of, version).

    Each point carries the change from the previous point of its series and whether it is
    larger than the noise expected from the counts (see the module: shares only). A unit's
    series has the snapshots that had the unit, so a unit that appears later starts later.
    `units` keeps only those units' series (None: every unit's): at 10,000 leaders a unit
    series of 200 snapshots is 1,428 units x 3 figures x 200 points.
    """
    ordered = sorted(summaries, key=lambda s: (s.as_of, s.version))
    series = [
        _series(ordered, TrendFigure.UNRESOLVED_CONFLICT_SHARE, [_unresolved(s) for s in ordered]),
        _series(ordered, TrendFigure.RELIABLE_DEPENDENCY_SHARE, [_reliable(s) for s in ordered]),
        _series(ordered, TrendFigure.MODULARITY, [(s.modularity, None, None) for s in ordered]),
        _series(ordered, TrendFigure.FACTIONS, [(s.factions, None, None) for s in ordered]),
    ]
    by_unit = [{unit.unit_id: unit for unit in s.units} for s in ordered]
    names = {
        unit_id: unit.name
        for found in by_unit
        for unit_id, unit in found.items()
        if units is None or unit_id in units
    }
    for unit_id in sorted(names, key=natural_key):
        present = [found.get(unit_id) for found in by_unit]
        for figure, read in UNIT_READINGS:
            readings = [None if unit is None else read(unit) for unit in present]
            series.append(_series(ordered, figure, readings, unit_id, names[unit_id]))
    verdicts = [
        VerdictPoint(s.as_of, s.version, s.faction_verdict, changed)
        for s, changed in zip(ordered, _changes([s.faction_verdict for s in ordered]), strict=True)
    ]
    return TrendReport(
        snapshots=tuple(SnapshotRef(s.as_of, s.version) for s in ordered),
        series=tuple(series),
        faction_verdicts=tuple(verdicts),
        method=METHOD,
    )


def _changes(verdicts: list[FactionVerdict]) -> list[bool]:
    return [i > 0 and verdicts[i - 1] != verdict for i, verdict in enumerate(verdicts)]


def _series(
    ordered: Sequence[AnalysisSummary],
    figure: TrendFigure,
    readings: Sequence[Reading | None],
    unit_id: str | None = None,
    unit_name: str | None = None,
) -> TrendSeries:
    """The points of one figure; a None reading (the unit absent from that snapshot) has none."""
    points: list[TrendPoint] = []
    for summary, reading in zip(ordered, readings, strict=True):
        if reading is None:
            continue
        value, count, total = reading
        change, significant = None, None
        last = points[-1] if points else None
        if last is not None and value is not None and last.value is not None:
            change = value - last.value
            if count is not None and total is not None and last.count is not None:
                significant = share_change_significant(last.count, last.total or 0, count, total)
        points.append(
            TrendPoint(summary.as_of, summary.version, value, count, total, change, significant)
        )
    return TrendSeries(figure, unit_id, unit_name, tuple(points))


def _unresolved(summary: AnalysisSummary) -> Reading:
    share = summary.unresolved_conflicts
    return share.share, share.count, share.total


def _reliable(summary: AnalysisSummary) -> Reading:
    share = summary.reliable_dependencies
    return share.share, share.count, share.total


def _ties(unit: UnitSummary) -> int:
    return unit.internal_ties + unit.external_ties


UNIT_READINGS: tuple[tuple[TrendFigure, Callable[[UnitSummary], Reading]], ...] = (
    (TrendFigure.EI_INDEX, lambda u: (u.ei_index, u.external_ties, _ties(u))),
    (TrendFigure.INSULARITY, lambda u: (u.insularity, u.internal_ties, _ties(u))),
    (TrendFigure.BOTTLENECK_SCORE, lambda u: (u.bottleneck_score, None, None)),
)
