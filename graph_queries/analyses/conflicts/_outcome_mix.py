"""The outcome mix of an organization's conflicts against the survey benchmark.

`_benchmark` counts the five survey outcomes among the conflicts at `as_of` (OPEN ones are left
out) and tests their fit to `SURVEY_BENCHMARK` (Sull, Homkes & Sull, 2015): Pearson's
chi-square when every expected count is at least `MIN_EXPECTED`, else the exact multinomial
test (`exact_multinomial_pvalue`) up to `EXACT_MAX_N` conflicts, else chi-square with a
warning; the result is a `BenchmarkComparison` with a verdict at `ALPHA`. It is part of
`conflict_hotspots` in `_hotspots`; the package exports the public names.

References
----------
Sull, D., Homkes, R. & Sull, C. (2015). Why Strategy Execution Unravels—and What to Do About It.
Harvard Business Review, March 2015.
Pearson, K. (1900). On the criterion that a given system of deviations from the probable ...
Philosophical Magazine 50(302), 157-175.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from scipy import special, stats

from graph_queries.analyses.conflicts._figures import _Case, _plural, _share
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
    "exact_multinomial_pvalue",
]


# ---- constants -----------------------------------------------------------------------------------


# Outcome-mix test.
ALPHA = 0.05
MIN_EXPECTED = 5.0  # every expected count at least this: chi-square; otherwise exact
EXACT_MAX_N = 60  # the exact multinomial test enumerates all outcomes up to this n
_EXACT_TOLERANCE = 1e-7  # relative slack when comparing outcome probabilities (as in R, scipy)


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


# ---- the exact test ------------------------------------------------------------------------------


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
