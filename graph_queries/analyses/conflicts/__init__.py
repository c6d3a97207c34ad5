"""Conflict hotspots: where cross-unit conflicts pile up and stay unresolved.

The analysis reads the `conflicts` MultiGraph of `OrgGraphs` (one edge per conflict between two
units, attributes `status`, `severity`, `raised_at`, `resolved_at`) and reports, at a date
`as_of`:

- per unit pair and per unit: counts by status, the unresolved share, time to resolution
  (median and 90th percentile), the age of unresolved conflicts and a hotspot score;
- clusters of hotspots: connected groups of unit pairs with a positive score;
- the organization's outcome mix next to the survey benchmark, with a goodness-of-fit test.

Inner modules, private to this package: `_hotspots` (the entry point `conflict_hotspots` and the
ranked pairs, units and clusters), `_cases` (the state of each conflict at `as_of`, in columns),
`_figures` (the figures of groups of conflicts) and `_outcome_mix` (the outcome mix against the
survey).

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

from graph_queries.analyses.conflicts._cases import (
    AGE_FACTOR_CAP,
    AGE_SCALE_DAYS,
    LATE_WEIGHT,
    LATE_WINDOW_DAYS,
    RESOLUTION_STATUSES,
)
from graph_queries.analyses.conflicts._figures import P90, ConflictFigures, StatusCounts
from graph_queries.analyses.conflicts._hotspots import (
    HotspotArguments,
    HotspotCluster,
    HotspotReport,
    PairHotspot,
    UnitHotspot,
    conflict_hotspots,
)
from graph_queries.analyses.conflicts._outcome_mix import (
    ALPHA,
    EXACT_MAX_N,
    MIN_EXPECTED,
    SURVEY_BENCHMARK,
    Benchmark,
    BenchmarkComparison,
    MixTest,
    OutcomeShare,
)

__all__ = [
    "AGE_FACTOR_CAP",
    "AGE_SCALE_DAYS",
    "ALPHA",
    "EXACT_MAX_N",
    "LATE_WEIGHT",
    "LATE_WINDOW_DAYS",
    "MIN_EXPECTED",
    "P90",
    "RESOLUTION_STATUSES",
    "SURVEY_BENCHMARK",
    "Benchmark",
    "BenchmarkComparison",
    "ConflictFigures",
    "HotspotArguments",
    "HotspotCluster",
    "HotspotReport",
    "MixTest",
    "OutcomeShare",
    "PairHotspot",
    "StatusCounts",
    "UnitHotspot",
    "conflict_hotspots",
]
