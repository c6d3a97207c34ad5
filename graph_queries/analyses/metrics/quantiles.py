"""Sample quantiles by linear interpolation between order statistics.

References
----------
Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American
Statistician 50(4), 361-365.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["quantile"]


def quantile(values: Sequence[float], q: float) -> float | None:
    """The q-th sample quantile, Hyndman & Fan (1996) definition 7 (linear interpolation).

    With sorted values d_1..d_m and h = (m - 1) q,
    Q(q) = d_(floor h + 1) + (h - floor h)(d_(floor h + 2) - d_(floor h + 1)):
    the default of R and numpy.

    Parameters
    ----------
    values : sequence of float
        The sample, in any order.
    q : float
        The probability, in [0, 1] (0.5 for the median).

    Returns
    -------
    float or None
        The quantile; None for an empty sample.

    Examples
    --------
    >>> quantile([4, 1, 3, 2], 0.5)
    2.5
    >>> quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)
    9.1
    >>> quantile([], 0.5) is None
    True

    References
    ----------
    Hyndman & Fan (1996), The American Statistician 50(4).
    """
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (position - low) * (ordered[high] - ordered[low]))
