"""The figures of a set of conflicts (a pair, a unit, all) at a date, and their wording.

`figures_by_group` sums the rows of `Cases` (from `_cases`) into one `ConflictFigures` per
group: `StatusCounts`, unresolved share, median and 90th percentile of resolution time
(`metrics.quantile`), ages of the unresolved ones and the hotspot score, with `describe` wording
them for a reason. `conflict_hotspots` (in `_hotspots`) defines every figure.

References
----------
Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American
Statistician 50(4), 361-365.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from graph_queries.analyses.conflicts._cases import NO_DAYS, STATUSES, Cases
from graph_queries.analyses.metrics.quantiles import quantile
from graph_queries.analyses.metrics.ratios import ratio_or_zero
from graph_queries.analyses.wording import plural
from graph_queries.model import UNRESOLVED_STATUSES, ConflictStatus

__all__ = [
    "P90",
    "ConflictFigures",
    "StatusCounts",
    "describe",
    "figures_by_group",
    "rank_key",
]

P90 = 0.9


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


# ---- figures -------------------------------------------------------------------------------------


def figures_by_group(
    cases: Cases, groups: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], count: int
) -> list[ConflictFigures]:
    """The figures of each of `count` groups of conflicts (see `ConflictFigures`).

    Row `rows[i]` of `cases` belongs to group `groups[i]`, in [0, `count`); a conflict may
    belong to several groups (a unit's figures count each conflict it is party to).
    """
    order = np.lexsort((rows, groups))
    groups, rows = groups[order], rows[order]
    starts = np.searchsorted(groups, np.arange(count + 1)).tolist()
    statuses = len(STATUSES)
    by_status = np.bincount(groups * statuses + cases.status[rows], minlength=count * statuses)
    status_counts = by_status.reshape(count, statuses).tolist()
    scores = cases.score[rows].tolist()
    durations, duration_starts = _sorted_within(groups, cases.resolution_days[rows], count)
    unresolved = cases.unresolved()[rows]
    ages, age_starts = _sorted_within(groups[unresolved], cases.age_days[rows][unresolved], count)
    figures: list[ConflictFigures] = []
    for group in range(count):
        counts = _counts(status_counts[group])
        resolved = durations[duration_starts[group] : duration_starts[group + 1]]
        waiting = ages[age_starts[group] : age_starts[group + 1]]
        figures.append(
            ConflictFigures(
                counts=counts,
                unresolved_share=counts.unresolved / counts.total if counts.total else 0.0,
                resolutions=len(resolved),
                resolution_days_median=quantile(resolved, 0.5),
                resolution_days_p90=quantile(resolved, P90),
                unresolved_age_days_median=quantile(waiting, 0.5),
                unresolved_age_days_max=waiting[-1] if waiting else None,
                score=math.fsum(scores[starts[group] : starts[group + 1]]),
            )
        )
    return figures


def _sorted_within(
    groups: npt.NDArray[np.int64], days: npt.NDArray[np.int64], count: int
) -> tuple[list[int], list[int]]:
    """The known `days` (not `NO_DAYS`) sorted within each group, and where each group starts."""
    known = days != NO_DAYS
    groups, days = groups[known], days[known]
    order = np.lexsort((days, groups))
    starts = np.searchsorted(groups[order], np.arange(count + 1)).tolist()
    return days[order].tolist(), starts


def _counts(by_status: list[int]) -> StatusCounts:
    of = dict(zip(STATUSES, by_status, strict=True))
    return StatusCounts(
        anticipated_avoided=of[ConflictStatus.ANTICIPATED_AVOIDED],
        resolved_quickly=of[ConflictStatus.RESOLVED_QUICKLY],
        resolved_late=of[ConflictStatus.RESOLVED_LATE],
        tried_failed=of[ConflictStatus.TRIED_FAILED],
        unaddressed=of[ConflictStatus.UNADDRESSED],
        open=of[ConflictStatus.OPEN],
        total=sum(by_status),
        unresolved=sum(of[status] for status in UNRESOLVED_STATUSES),
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
