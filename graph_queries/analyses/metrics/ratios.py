"""Ratios of a part to a whole, for wholes that can be empty.

Two conventions, named apart because callers rely on each: `ratio` has no value for an empty
whole (a density of a faction of one is undefined), `ratio_or_zero` counts it as 0 (a pair
with no score has no share of the total).
"""

from __future__ import annotations

__all__ = ["ratio", "ratio_or_zero"]


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when the whole is not positive.

    Parameters
    ----------
    part, whole : float
        The two amounts.

    Returns
    -------
    float or None

    Examples
    --------
    >>> ratio(1, 4)
    0.25
    >>> ratio(0, 0) is None
    True
    """
    return part / whole if whole > 0 else None


def ratio_or_zero(part: float, whole: float) -> float:
    """part / whole, or 0.0 when the whole is not positive.

    Parameters
    ----------
    part, whole : float
        The two amounts.

    Returns
    -------
    float

    Examples
    --------
    >>> ratio_or_zero(1, 4)
    0.25
    >>> ratio_or_zero(0, 0)
    0.0
    """
    return part / whole if whole > 0 else 0.0
