"""A generated organization's past: the same people with fewer ties across units.

A demo or a test needs trends whose lines move, and a seeded organization has one state only.
Its past here is that state with part of the cross-unit ties taken away, so that a series of
snapshots shows silos closing (from the thinnest past to the present) or opening (the other
way round). Ties inside a unit, people, units, dependencies and conflicts stay as they are.
"""

from __future__ import annotations

import dataclasses

from graph_queries.model import OrgSnapshot

__all__ = ["thinned"]


def thinned(snapshot: OrgSnapshot, wave: int) -> OrgSnapshot:
    """`snapshot` with fewer cross-unit ties: wave 0 keeps them all, wave 1 half of them, later
    waves a quarter, taken in the ties' order so that the same wave is always the same."""
    unit_of = {leader.id: leader.unit_id for leader in snapshot.leaders.values()}
    kept = {
        tie_id: tie
        for index, (tie_id, tie) in enumerate(snapshot.ties.items())
        if unit_of[tie.leader_a_id] == unit_of[tie.leader_b_id] or index % 4 >= min(2 * wave, 3)
    }
    return dataclasses.replace(snapshot, ties=kept)
