"""Greedy choice of a few changes with lazy re-evaluation (CELF), under a cap per person.

The search picks, one at a time, the candidate that lowers an objective most on the
organization left by the picks before it. Evaluating every candidate again after each pick is
what makes plain greedy costly; CELF (Leskovec et al., 2007, "Cost-effective outbreak detection
in networks", KDD) keeps each candidate's last gain in a max-heap and re-evaluates only the one
on top: if its fresh gain still tops the heap it is picked, otherwise it goes back with that
gain. For a submodular objective the stale gains are upper bounds and the pick is the greedy
one; the figures read here (modularity, brokerage) are not submodular, so the stale gain is a
ranking heuristic and every pick's effect is still measured exactly.

Cost: one evaluation for the starting figure, then at most `len(candidates)` per pick, so at
most ``1 + count * len(candidates)`` (`evaluation_bound`). Ties are broken by the candidate's
position, so the same candidates give the same picks.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

__all__ = ["MIN_GAIN", "Pick", "Search", "evaluation_bound", "lazy_greedy"]

C = TypeVar("C")
R = TypeVar("R")

# A gain below this is rounding, not an effect.
MIN_GAIN = 1e-9


@dataclass(frozen=True, slots=True)
class Pick(Generic[C, R]):
    """One chosen candidate, the objective before and after it, and the evaluation after it."""

    candidate: C
    before: float
    after: float
    result: R


@dataclass(frozen=True, slots=True)
class Search(Generic[C, R]):
    """The picks in order, the starting evaluation, and what the search cost."""

    picks: tuple[Pick[C, R], ...]
    start: R
    start_figure: float
    evaluations: int
    bound: int


def evaluation_bound(candidates: int, count: int) -> int:
    """The most evaluations `lazy_greedy` makes.

    >>> evaluation_bound(40, 3)
    121
    """
    return 1 + count * candidates


def lazy_greedy(
    candidates: Sequence[C],
    people: Callable[[C], tuple[str, ...]],
    evaluate: Callable[[Sequence[C]], tuple[float, R]],
    *,
    count: int,
    cap: int,
) -> Search[C, R]:
    """Up to `count` candidates, each lowering `evaluate`'s figure (lower is better) by at least
    `MIN_GAIN` on top of the ones before; no person named by `people` is in more than `cap`
    picks. `evaluate(chosen)` gives the figure of the organization with `chosen` applied and
    any result the caller wants back (a report).
    """
    if count < 0 or cap < 1:
        raise ValueError(f"count must be 0 or more and cap 1 or more, not {count} and {cap}")
    start_figure, start = evaluate(())
    evaluations = 1
    chosen: list[C] = []
    picks: list[Pick[C, R]] = []
    load: Counter[str] = Counter()
    current = start_figure
    # (-gain, position, the round the gain was measured in, the figure and result measured)
    heap: list[tuple[float, int, int, float, R | None]] = [
        (float("-inf"), index, -1, current, None) for index in range(len(candidates))
    ]
    while heap and len(picks) < count:
        negative, index, measured, figure, result = heapq.heappop(heap)
        candidate = candidates[index]
        if any(load[person] >= cap for person in people(candidate)):
            continue  # would overload someone: out for good, loads only grow
        if measured == len(picks):  # measured on the organization as it is now
            if -negative < MIN_GAIN:
                break  # the best fresh gain is none: nothing left helps
            picks.append(Pick(candidate, current, figure, cast(R, result)))
            chosen.append(candidate)
            current = figure
            load.update(people(candidate))
            continue
        figure, fresh = evaluate((*chosen, candidate))
        evaluations += 1
        heapq.heappush(heap, (figure - current, index, len(picks), figure, fresh))
    bound = evaluation_bound(len(candidates), count)
    return Search(tuple(picks), start, start_figure, evaluations, bound)
