"""What a unit is: its internal and external collaboration ties, E-I index and insularity.

`unit_ties` counts a unit's internal and external collaboration ties (and their summed
strengths) and its partner units; `unit_ei_index` and `unit_insularity` turn them into one
figure each, plain or weighted (`metrics.ei`). Units are not nested here: a leader belongs to
exactly one unit, and a tie between a division head and the head of one of its functions is
external to both units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph_queries.analyses.metrics.ei import ei_index, insularity
from graph_queries.analyses.silos._graphs import scope_ties
from graph_queries.graphs import OrgGraphs

__all__ = ["UnitTies", "ties_per_unit", "unit_ei_index", "unit_insularity", "unit_ties"]


@dataclass(frozen=True, slots=True)
class UnitTies:
    """A unit's collaboration ties, counted per tie (two ties between the same leaders count
    twice) and as summed strength; `partners` are the other units reached by a tie."""

    internal: int
    external: int
    internal_strength: float
    external_strength: float
    partners: tuple[str, ...]


NO_TIES = UnitTies(0, 0, 0.0, 0.0, ())


def unit_ties(graphs: OrgGraphs, unit: str) -> UnitTies:
    """Internal (both leaders in `unit`) and external (one leader in it) collaboration ties."""
    return ties_per_unit(graphs, {unit}).get(unit, NO_TIES)


def unit_ei_index(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The E-I index of the unit (`metrics.ei.ei_index`) over its `unit_ties`.

    E counts the unit's external ties, I its internal ties; with `weighted`, E and I are summed
    tie strengths instead. None when the unit has no ties.
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return ei_index(internal=ties.internal_strength, external=ties.external_strength)
    return ei_index(internal=ties.internal, external=ties.external)


def unit_insularity(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The share of the unit's ties that stay inside it (`metrics.ei.insularity`), I / (I + E).

    Counts ties, or sums strengths with `weighted`; None when the unit has no ties.
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return insularity(internal=ties.internal_strength, external=ties.external_strength)
    return insularity(internal=ties.internal, external=ties.external)


def ties_per_unit(
    graphs: OrgGraphs, units: set[str], ties: list[tuple[str, str, float]] | None = None
) -> dict[str, UnitTies]:
    """`unit_ties` of each of `units` that has a tie, in one pass over their leaders' ties
    (`ties`: `scope_ties` of `units`, when already found)."""
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    counts: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, strength in scope_ties(graphs, units) if ties is None else ties:
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a == unit_b:
            counts[unit_a][0] += 1
            counts[unit_a][2] += strength
            continue
        for unit, other in ((unit_a, unit_b), (unit_b, unit_a)):
            if unit in units:
                counts[unit][1] += 1
                counts[unit][3] += strength
                partners[unit].add(other)
    return {
        unit: UnitTies(int(c[0]), int(c[1]), c[2], c[3], tuple(sorted(partners[unit])))
        for unit, c in counts.items()
    }
