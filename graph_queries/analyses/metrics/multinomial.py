"""The exact multinomial goodness-of-fit test, for samples too small for chi-square.

References
----------
Read, T. R. C. & Cressie, N. A. C. (1988). Goodness-of-Fit Statistics for Discrete Multivariate
Data. Springer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import special

__all__ = ["exact_multinomial_pvalue"]

_EXACT_TOLERANCE = 1e-7  # relative slack when comparing outcome probabilities (as in R, scipy)


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

    Examples
    --------
    Four draws all in the first of two equally likely categories: only (4, 0) and (0, 4) are
    that unlikely, each with probability 1/16.

    >>> exact_multinomial_pvalue([4, 0], [0.5, 0.5])
    0.125
    >>> exact_multinomial_pvalue([2, 2], [0.5, 0.5])
    1.0

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
