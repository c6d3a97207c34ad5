"""The outcome mix of an organization's conflicts against the survey benchmark.

`benchmark_comparison` counts the five survey outcomes among the conflicts at `as_of` (OPEN ones
are left out) and tests their fit to `SURVEY_BENCHMARK` (Sull, Homkes & Sull, 2015): Pearson's
chi-square when every expected count is at least `MIN_EXPECTED`, else the exact multinomial
test (`metrics.exact_multinomial_pvalue`) up to `EXACT_MAX_N` conflicts, else chi-square with a
warning; the result is a `BenchmarkComparison` with a verdict at `ALPHA`. It is part of
`conflict_hotspots`.

References
----------
Sull, D., Homkes, R. & Sull, C. (2015). Why Strategy Execution Unravels—and What to Do About It.
Harvard Business Review, March 2015.
Pearson, K. (1900). On the criterion that a given system of deviations from the probable ...
Philosophical Magazine 50(302), 157-175.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scipy import stats

from graph_queries.analyses.conflicts._figures import StatusCounts
from graph_queries.analyses.metrics.multinomial import exact_multinomial_pvalue
from graph_queries.analyses.metrics.ratios import ratio_or_zero
from graph_queries.analyses.wording import plural
from graph_queries.model import ConflictStatus

__all__ = [
    "ALPHA",
    "EXACT_MAX_N",
    "MIN_EXPECTED",
    "SURVEY_BENCHMARK",
    "Benchmark",
    "BenchmarkComparison",
    "MixTest",
    "OutcomeShare",
    "benchmark_comparison",
]


# ---- constants -----------------------------------------------------------------------------------


# Outcome-mix test.
ALPHA = 0.05
MIN_EXPECTED = 5.0  # every expected count at least this: chi-square; otherwise exact
EXACT_MAX_N = 60  # the exact multinomial test enumerates all outcomes up to this n


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
class OutcomeShare:
    """One survey outcome: observed count and share next to the benchmark share and the count
    the benchmark would expect (`benchmark_share` x n)."""

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


# ---- the outcome mix against the survey ----------------------------------------------------------


def benchmark_comparison(counts: StatusCounts) -> BenchmarkComparison:
    """The outcome mix of conflicts with these `counts` against `SURVEY_BENCHMARK` (see the
    module docstring)."""
    of = {
        ConflictStatus.ANTICIPATED_AVOIDED: counts.anticipated_avoided,
        ConflictStatus.RESOLVED_QUICKLY: counts.resolved_quickly,
        ConflictStatus.RESOLVED_LATE: counts.resolved_late,
        ConflictStatus.TRIED_FAILED: counts.tried_failed,
        ConflictStatus.UNADDRESSED: counts.unaddressed,
    }
    statuses = [status for status, _ in SURVEY_BENCHMARK.shares]
    shares = [share for _, share in SURVEY_BENCHMARK.shares]
    observed = [of[status] for status in statuses]
    n = sum(observed)
    open_excluded = counts.open
    outcomes = tuple(
        OutcomeShare(
            status=status,
            observed=count,
            observed_share=ratio_or_zero(count, n),
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
    base = f"{plural(n, 'conflict')} with an outcome"
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
