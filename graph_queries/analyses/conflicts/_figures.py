"""Conflicts as they stood at a date, and the figures of a set of them (a pair, a unit, all).

`cases_at` reads each conflict of the `conflicts` MultiGraph at `as_of` (its status then, age,
time to resolution and hotspot score, weighted by the module constants), and `figures_of` sums a
set of them into `ConflictFigures`: `StatusCounts`, unresolved share, median and 90th percentile
of resolution time (`metrics.quantile`), ages of the unresolved ones and the hotspot score, with
`describe` wording them for a reason. `conflict_hotspots` (in `_hotspots`) defines every figure.

References
----------
Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American
Statistician 50(4), 361-365.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from graph_queries.analyses.metrics.quantiles import quantile
from graph_queries.analyses.metrics.ratios import ratio_or_zero
from graph_queries.analyses.wording import plural
from graph_queries.graphs import OrgGraphs
from graph_queries.model import UNRESOLVED_STATUSES, ConflictStatus

__all__ = [
    "AGE_FACTOR_CAP",
    "AGE_SCALE_DAYS",
    "LATE_WEIGHT",
    "LATE_WINDOW_DAYS",
    "P90",
    "RESOLUTION_STATUSES",
    "Case",
    "ConflictFigures",
    "StatusCounts",
    "cases_at",
    "describe",
    "figures_of",
    "rank_key",
]


# ---- constants -----------------------------------------------------------------------------------

# Hotspot score: an unresolved conflict weighs severity x min(1 + age / AGE_SCALE_DAYS, CAP).
AGE_SCALE_DAYS = 90
AGE_FACTOR_CAP = 5.0
# A conflict resolved late within LATE_WINDOW_DAYS before as_of weighs LATE_WEIGHT x severity.
LATE_WEIGHT = 0.25
LATE_WINDOW_DAYS = 365
P90 = 0.9

RESOLUTION_STATUSES = (ConflictStatus.RESOLVED_QUICKLY, ConflictStatus.RESOLVED_LATE)


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


# ---- conflicts at as_of --------------------------------------------------------------------------


class Case(NamedTuple):
    """One conflict as it stood at as_of. A named tuple: made once per conflict, and a frozen
    dataclass's constructor cost a quarter of the analysis at a million conflicts."""

    id: str
    pair: tuple[str, str]
    status: ConflictStatus
    age_days: int
    resolution_days: int | None
    score: float


# Looked up by value: calling the enum costs more than the rest of a case together.
_STATUS_OF = {status.value: status for status in ConflictStatus}


def cases_at(graphs: OrgGraphs, as_of: date) -> list[Case]:
    """Every conflict raised by `as_of`, as it stood then, by id."""
    cases: list[Case] = []
    for a, b, key, data in graphs.conflicts.edges(keys=True, data=True):
        raised: date = data["raised_at"]
        if raised > as_of:
            continue
        resolved: date | None = data.get("resolved_at")
        status = _status_at(_STATUS_OF[data["status"]], resolved, as_of)
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
        cases.append(Case(str(key), pair, status, age, resolution, score))
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


# ---- figures -------------------------------------------------------------------------------------


def _counts(cases: Iterable[Case]) -> StatusCounts:
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


def figures_of(cases: Sequence[Case]) -> ConflictFigures:
    """The figures of a set of conflicts at as_of (see `ConflictFigures`)."""
    counts = _counts(cases)
    durations = [case.resolution_days for case in cases if case.resolution_days is not None]
    ages = [case.age_days for case in cases if case.status in UNRESOLVED_STATUSES]
    return ConflictFigures(
        counts=counts,
        unresolved_share=counts.unresolved / counts.total if counts.total else 0.0,
        resolutions=len(durations),
        resolution_days_median=quantile(durations, 0.5),
        resolution_days_p90=quantile(durations, P90),
        unresolved_age_days_median=quantile(ages, 0.5),
        unresolved_age_days_max=max(ages) if ages else None,
        score=math.fsum(case.score for case in cases),
    )


def rank_key(
    figures: ConflictFigures, ids: tuple[str, ...]
) -> tuple[float, int, int, tuple[str, ...]]:
    """Hotspots rank by score, then unresolved count, then total, then id."""
    return (-figures.score, -figures.counts.unresolved, -figures.counts.total, ids)


def describe(figures: ConflictFigures, total_score: float) -> str:
    """The shared part of a reason: unresolved, ages, late ones, resolution time, score."""
    counts = figures.counts
    parts = [
        f"{counts.unresolved} of {plural(counts.total, 'conflict')} unresolved "
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
            f"({ratio_or_zero(figures.score, total_score):.0%} of the organization's total)."
        )
    return f"{text}; no unresolved or recent late conflicts, so a hotspot score of 0."
