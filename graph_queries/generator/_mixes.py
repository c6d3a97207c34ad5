"""The shares the generated organization follows, and how whole counts are drawn from them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from graph_queries.model import ConflictStatus, Reliability

_T = TypeVar("_T")


# How cross-unit conflicts end, in percent, as managers report it (Sull, Homkes & Sull, 2015).
SURVEY_MIX: dict[ConflictStatus, int] = {
    ConflictStatus.ANTICIPATED_AVOIDED: 15,
    ConflictStatus.RESOLVED_QUICKLY: 26,
    ConflictStatus.RESOLVED_LATE: 37,
    ConflictStatus.TRIED_FAILED: 10,
    ConflictStatus.UNADDRESSED: 12,
}
RELIABILITY_MIX: dict[Reliability, int] = {
    Reliability.ALWAYS: 10,
    Reliability.MOSTLY: 40,
    Reliability.SOMETIMES: 30,
    Reliability.RARELY: 15,
    Reliability.NEVER: 5,
}
CRITICALITY_MIX = {1: 10, 2: 20, 3: 35, 4: 25, 5: 10}


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` into whole numbers that add up to `total`.

    Each part gets the whole part of its quota; what is left goes one by one to the parts with
    the largest remainders (Hamilton's method; ties to the earlier part), so that even small
    totals follow the mix. Integer weights keep the arithmetic exact.
    """
    scale = sum(weights)
    counts = [total * weight // scale for weight in weights]
    remainders = [total * weight % scale for weight in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def weighted(rng: random.Random, mix: dict[_T, int]) -> _T:
    """One option of `mix`, drawn with the probability its weight gives it."""
    return rng.choices(list(mix), weights=list(mix.values()))[0]
