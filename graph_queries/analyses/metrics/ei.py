"""The E-I index and insularity of a group, from its internal and external ties.

A group's ties are *internal* when both ends are in the group and *external* when one end is
outside. Both figures take counts of ties, or summed tie strengths for a weighted variant.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123-140.
"""

from __future__ import annotations

__all__ = ["ei_index", "insularity"]


def ei_index(internal: float, external: float) -> float | None:
    """The E-I index of Krackhardt & Stern (1988): (E - I) / (E + I).

    The value is in [-1, 1]: -1 when all ties stay inside the group, +1 when all go out.

    Parameters
    ----------
    internal : float
        I, the group's internal ties (a count, or summed strengths).
    external : float
        E, its external ties, counted the same way.

    Returns
    -------
    float or None
        The index; None when the group has no ties at all (E + I = 0): it is then neither open
        nor closed, just unconnected.

    Examples
    --------
    >>> ei_index(internal=3, external=1)
    -0.5
    >>> ei_index(internal=0, external=2)
    1.0
    >>> ei_index(internal=0, external=0) is None
    True

    References
    ----------
    Krackhardt & Stern (1988), Social Psychology Quarterly 51(2).
    """
    return (external - internal) / (external + internal) if external + internal > 0 else None


def insularity(internal: float, external: float) -> float | None:
    """The share of a group's ties that stay inside it: I / (I + E), in [0, 1].

    Equal to (1 - EI) / 2, with EI the `ei_index`.

    Parameters
    ----------
    internal : float
        I, the group's internal ties (a count, or summed strengths).
    external : float
        E, its external ties, counted the same way.

    Returns
    -------
    float or None
        The share; None when the group has no ties (I + E = 0).

    Examples
    --------
    >>> insularity(internal=3, external=1)
    0.75
    >>> insularity(internal=0, external=0) is None
    True

    References
    ----------
    Krackhardt & Stern (1988), Social Psychology Quarterly 51(2).
    """
    return internal / (internal + external) if internal + external > 0 else None
