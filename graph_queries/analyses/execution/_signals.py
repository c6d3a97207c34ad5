"""Two organization-level signals for the execution report: reliable dependencies, alignment trap.

Both are pure functions over `OrgGraphs`; `execution_report` puts them beside the other
analyses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph_queries.graphs import OrgGraphs
from graph_queries.model import UNRESOLVED_STATUSES, Reliability

__all__ = [
    "EXTERNAL_SHARE_AT_MOST",
    "RELIABLE",
    "UNRESOLVED_SHARE_AT_LEAST",
    "VERTICAL_SHARE_AT_LEAST",
    "AlignmentTrapReport",
    "AlignmentTrapUnit",
    "ReliabilityReport",
    "ReliabilityShare",
    "alignment_trap",
    "dependency_reliability",
]

RELIABLE = frozenset({Reliability.ALWAYS, Reliability.MOSTLY})

# A unit shows the alignment-trap signal when all three hold (see `alignment_trap`).
VERTICAL_SHARE_AT_LEAST = 0.5
EXTERNAL_SHARE_AT_MOST = 0.2
UNRESOLVED_SHARE_AT_LEAST = 0.5


@dataclass(frozen=True, slots=True)
class ReliabilityShare:
    """Dependencies of `scope` (a division id, or None for all) rated ALWAYS or MOSTLY."""

    scope: str | None
    scope_name: str
    dependencies: int
    reliable: int
    share: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class ReliabilityReport:
    """The share of dependencies rated ALWAYS or MOSTLY reliable, `overall` and
    `by_division`."""

    overall: ReliabilityShare
    by_division: list[ReliabilityShare]
    empty_reason: str | None


def dependency_reliability(graphs: OrgGraphs) -> ReliabilityReport:
    """Share of cross-unit dependencies rated reliable (ALWAYS or MOSTLY), overall and per division.

    A dependency counts for the division of the unit that depends (the one that suffers when
    the other does not deliver). Divisions are the top-level units (`division` attribute).
    The survey behind Unsilo found managers could rely on colleagues in other units only about
    half the time (Sull, Homkes & Sull, 2015): a share near 0.5 is common, not healthy.
    """
    units = graphs.units.nodes
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = reliable = 0
    for source, _target, data in graphs.dependencies.edges(data=True):
        ok = int(data["reliability"] in RELIABLE)
        total += 1
        reliable += ok
        division = units[source]["division"]
        counts[division][0] += 1
        counts[division][1] += ok
    overall = _reliability_share(None, "the organization", total, reliable)
    by_division = [
        _reliability_share(division, units[division]["name"], n, ok)
        for division, (n, ok) in sorted(counts.items())
    ]
    empty = None if total else "The organization has no dependencies between units."
    return ReliabilityReport(overall=overall, by_division=by_division, empty_reason=empty)


def _reliability_share(scope: str | None, name: str, total: int, reliable: int) -> ReliabilityShare:
    if total == 0:
        return ReliabilityShare(scope, name, 0, 0, None, f"{name} has no dependencies.")
    share = reliable / total
    reason = (
        f"{reliable} of {total} dependencies of {name} ({share:.0%}) are rated ALWAYS or "
        f"MOSTLY reliable."
    )
    return ReliabilityShare(scope, name, total, reliable, share, reason)


@dataclass(frozen=True, slots=True)
class AlignmentTrapUnit:
    """One unit's alignment-trap figures: the shares of its leaders' tie strength that run
    along the reporting line (`vertical_share`) and to other units (`external_share`), and of
    its cross-unit conflicts still unresolved (`unresolved_share`); `signal` when all three
    point to the trap."""

    unit: str
    name: str
    vertical_share: float
    external_share: float
    unresolved_conflicts: int
    cross_unit_conflicts: int
    unresolved_share: float
    signal: bool
    reason: str


@dataclass(frozen=True, slots=True)
class AlignmentTrapReport:
    """Every unit's alignment-trap figures, those with the signal first."""

    units: list[AlignmentTrapUnit]
    empty_reason: str | None


def alignment_trap(graphs: OrgGraphs, as_of: date) -> AlignmentTrapReport:
    """Units whose coordination runs up and down the hierarchy instead of across it.

    For the members of a unit, over their collaboration ties weighted by strength:

    - vertical share = strength of ties to the member's own manager or direct reports /
      strength of all their ties;
    - external share = strength of ties to leaders of other units / strength of all ties;
    - unresolved share = cross-unit conflicts of the unit still unresolved at `as_of`
      (TRIED_FAILED, UNADDRESSED, OPEN, or resolved after `as_of`) / its conflicts raised by then.

    The signal is on when vertical share >= 0.5, external share <= 0.2 and unresolved share
    >= 0.5: the "alignment trap" of Sull, Homkes & Sull (2015), where managers lean on boss and
    reports while cross-unit issues stay open. Units with no ties or no conflicts are listed
    with the signal off, their figures saying why. Sorted: signal first, then by unresolved
    share and vertical share, descending, then id.
    """
    reporting = graphs.reporting
    unit_of: dict[str, str] = dict(reporting.nodes(data="unit"))
    lines = set(reporting.edges())
    strength: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])  # all, vertical, ext
    for a, b, tie_strength in graphs.collaboration.edges(data="strength"):
        vertical = (a, b) in lines or (b, a) in lines
        unit_a, unit_b = unit_of[a], unit_of[b]
        for unit in (unit_a,) if unit_a == unit_b else (unit_a, unit_b):
            figures = strength[unit]
            figures[0] += tie_strength
            figures[1] += tie_strength if vertical else 0.0
            figures[2] += tie_strength if unit_a != unit_b else 0.0
    conflicts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # raised, unresolved
    for a, b, data in graphs.conflicts.edges(data=True):
        if data["raised_at"] > as_of:
            continue
        resolved_at = data["resolved_at"]
        open_then = data["status"] in UNRESOLVED_STATUSES or (
            resolved_at is not None and resolved_at > as_of
        )
        for unit in (a, b):
            conflicts[unit][0] += 1
            conflicts[unit][1] += int(open_then)
    # Before the rows fill `strength` in; networkx would walk every leader to count edges.
    tied = bool(strength)
    rows = [
        _trap_row(unit, graphs.units.nodes[unit]["name"], strength[unit], conflicts[unit])
        for unit in graphs.units
    ]
    rows.sort(key=lambda r: (not r.signal, -r.unresolved_share, -r.vertical_share, r.unit))
    empty = None
    if not rows:
        empty = "The organization has no units."
    elif not tied:
        empty = "No leader has a collaboration tie, so no unit's ties can be weighed."
    return AlignmentTrapReport(units=rows, empty_reason=empty)


def _trap_row(unit: str, name: str, ties: list[float], conflicts: list[int]) -> AlignmentTrapUnit:
    total, vertical, external = ties
    raised, unresolved = conflicts
    vertical_share = vertical / total if total else 0.0
    external_share = external / total if total else 0.0
    unresolved_share = unresolved / raised if raised else 0.0
    signal = (
        total > 0
        and raised > 0
        and vertical_share >= VERTICAL_SHARE_AT_LEAST
        and external_share <= EXTERNAL_SHARE_AT_MOST
        and unresolved_share >= UNRESOLVED_SHARE_AT_LEAST
    )
    if total == 0:
        reason = f"{name}: its leaders have no collaboration ties."
    else:
        reason = (
            f"{name}: {vertical_share:.0%} of its leaders' tie strength runs along the reporting "
            f"line and {external_share:.0%} reaches other units; {unresolved} of {raised} "
            f"cross-unit conflicts are unresolved."
        )
        if signal:
            reason += " Coordination runs up and down, not across: the alignment trap."
    return AlignmentTrapUnit(
        unit=unit,
        name=name,
        vertical_share=vertical_share,
        external_share=external_share,
        unresolved_conflicts=unresolved,
        cross_unit_conflicts=raised,
        unresolved_share=unresolved_share,
        signal=signal,
        reason=reason,
    )
