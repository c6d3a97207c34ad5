"""Every conflict as it stood at a date, held in columns.

`cases_at` reads the `conflicts` MultiGraph once and works out, for each conflict raised by
`as_of`, its status then, its age, its time to resolution and its hotspot score (the rules are
in `conflict_hotspots`). One numpy array per figure instead of one object per conflict: at a
million conflicts the objects and their garbage collection cost more than the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from graph_queries.graphs import OrgGraphs
from graph_queries.model import UNRESOLVED_STATUSES, ConflictStatus

__all__ = [
    "AGE_FACTOR_CAP",
    "AGE_SCALE_DAYS",
    "LATE_WEIGHT",
    "LATE_WINDOW_DAYS",
    "NO_DAYS",
    "RESOLUTION_STATUSES",
    "STATUSES",
    "Cases",
    "cases_at",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

# Hotspot score: an unresolved conflict weighs severity x min(1 + age / AGE_SCALE_DAYS, CAP).
AGE_SCALE_DAYS = 90
AGE_FACTOR_CAP = 5.0
# A conflict resolved late within LATE_WINDOW_DAYS before as_of weighs LATE_WEIGHT x severity.
LATE_WEIGHT = 0.25
LATE_WINDOW_DAYS = 365

RESOLUTION_STATUSES = (ConflictStatus.RESOLVED_QUICKLY, ConflictStatus.RESOLVED_LATE)

# Status codes are positions in this tuple.
STATUSES: tuple[ConflictStatus, ...] = tuple(ConflictStatus)
_CODE_OF = {status.value: code for code, status in enumerate(STATUSES)}
_OPEN = STATUSES.index(ConflictStatus.OPEN)
_LATE = STATUSES.index(ConflictStatus.RESOLVED_LATE)
_UNRESOLVED_CODES = [STATUSES.index(status) for status in UNRESOLVED_STATUSES]
_RESOLUTION_CODES = [STATUSES.index(status) for status in RESOLUTION_STATUSES]

# Marks a missing number of days (no resolution, or not unresolved) in the day columns.
NO_DAYS = -1


@dataclass(frozen=True, slots=True)
class Cases:
    """The conflicts raised by `as_of`, one row per conflict in every column.

    `unit_a` < `unit_b` are positions in `units` (unit ids, sorted, so the pair is in id
    order); `status` is a position in `STATUSES`; `resolution_days` is `NO_DAYS` unless the
    conflict was RESOLVED_QUICKLY or RESOLVED_LATE by `as_of`.
    """

    units: tuple[str, ...]
    unit_a: Ints
    unit_b: Ints
    status: Ints
    age_days: Ints
    resolution_days: Ints
    score: Floats

    def __len__(self) -> int:
        return len(self.status)

    def unresolved(self) -> npt.NDArray[np.bool_]:
        """Which rows were TRIED_FAILED, UNADDRESSED or OPEN at `as_of`."""
        return np.isin(self.status, _UNRESOLVED_CODES)


def cases_at(graphs: OrgGraphs, as_of: date) -> Cases:
    """Every conflict raised by `as_of`, as it stood then."""
    rows = [
        (a, b, data["raised_at"], data.get("resolved_at"), data["status"], data.get("severity", 3))
        for a, b, data in graphs.conflicts.edges(data=True)
    ]
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Cases((), empty, empty, empty, empty, empty, np.zeros(0))
    firsts, seconds, raised_dates, resolved_dates, status_values, severities = zip(
        *rows, strict=True
    )
    del rows
    count = len(firsts)
    ordinal = _ordinals(raised_dates, resolved_dates)
    raised = np.fromiter(map(ordinal.__getitem__, raised_dates), np.int64, count)
    resolved = np.fromiter(map(ordinal.__getitem__, resolved_dates), np.int64, count)
    recorded = np.fromiter(map(_CODE_OF.__getitem__, status_values), np.int64, count)
    severity = np.fromiter(map(int, severities), np.int64, count)
    units = tuple(sorted({str(unit) for unit in (*firsts, *seconds)}))
    position = {unit: index for index, unit in enumerate(units)}
    first = np.fromiter((position[str(unit)] for unit in firsts), np.int64, count)
    second = np.fromiter((position[str(unit)] for unit in seconds), np.int64, count)

    today = as_of.toordinal()
    kept = raised <= today
    raised, resolved, recorded, severity = (
        raised[kept],
        resolved[kept],
        recorded[kept],
        severity[kept],
    )
    first, second = first[kept], second[kept]
    was_resolved = resolved != NO_DAYS
    # A conflict resolved after as_of was still open at as_of.
    status = np.where(was_resolved & (resolved > today), _OPEN, recorded)
    age = today - raised
    resolution = np.where(
        was_resolved & np.isin(status, _RESOLUTION_CODES), resolved - raised, NO_DAYS
    )
    since = np.where(was_resolved & (resolved <= today), today - resolved, NO_DAYS)
    # The same operations, in the same order, as the scalar rule in `conflict_hotspots`.
    unresolved_score = severity * np.minimum(1.0 + age / AGE_SCALE_DAYS, AGE_FACTOR_CAP)
    late = (status == _LATE) & (since != NO_DAYS) & (since < LATE_WINDOW_DAYS)
    score = np.where(
        np.isin(status, _UNRESOLVED_CODES),
        unresolved_score,
        np.where(late, LATE_WEIGHT * severity, 0.0),
    )
    return Cases(
        units=units,
        unit_a=np.minimum(first, second),
        unit_b=np.maximum(first, second),
        status=status,
        age_days=age,
        resolution_days=resolution,
        score=score,
    )


def _ordinals(*columns: tuple[date | None, ...]) -> dict[date | None, int]:
    """Day numbers of the distinct dates (a few thousand among a million conflicts)."""
    ordinal: dict[date | None, int] = {None: NO_DAYS}
    for column in columns:
        for day in set(column):
            if day is not None:
                ordinal[day] = day.toordinal()
    return ordinal
