"""Simulated changes are refused exactly when the organization they would leave is invalid.

Random changes, good and bad, on a generated organization: each is applied by
`apply_scenario` (the rules of a single write, read from memory) and, as the reference, written
into a copy without any check and the whole result given to `validate_snapshot`. Both must
refuse the same changes with the same error codes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date

import pytest

from graph_queries.errors import ValidationFailed
from graph_queries.generator import generate_organization
from graph_queries.model import ConflictStatus, LeaderLevel, OrgSnapshot, Reliability, kind_of
from graph_queries.scenarios import (
    AddDependency,
    AddLiaison,
    AddTie,
    Change,
    MergeUnits,
    MoveLeader,
    RemoveTie,
    RerateDependency,
    ResolveConflict,
    apply_scenario,
)
from graph_queries.scenarios.apply import copy_snapshot
from graph_queries.scenarios.plans import IdMaker, plan_change
from graph_queries.validation import validate_snapshot


def random_change(draw: random.Random, org: OrgSnapshot) -> Change:
    """A change naming existing ids most of the time, and sometimes a missing one or a bad
    figure."""

    def pick(table: Mapping[str, object], missing: str) -> str:
        return missing if draw.random() < 0.1 else draw.choice(sorted(table))

    leaders, units = org.leaders, org.units
    kind = draw.randrange(8)
    if kind == 0:
        strength = draw.choice([0.5, 1.0, 1.5])
        if draw.random() < 0.3:  # the ends of a tie held, either way: often a repeated tie
            held = org.ties[draw.choice(sorted(org.ties))]
            ends = [held.leader_a_id, held.leader_b_id]
            draw.shuffle(ends)
            return AddTie(ends[0], ends[1], held.kind, strength)
        return AddTie(pick(leaders, "l-x"), pick(leaders, "l-y"), None, strength)
    if kind == 1:
        return RemoveTie(pick(org.ties, "t-x"))
    if kind == 2:
        ties_to = tuple(pick(leaders, "l-x") for _ in range(draw.randrange(3)))
        return AddLiaison("Lia", pick(units, "u-x"), ties_to, LeaderLevel.SENIOR)
    if kind == 3:
        return MoveLeader(pick(leaders, "l-x"), pick(units, "u-x"))
    if kind == 4:
        return MergeUnits(pick(units, "u-x"), pick(units, "u-y"))
    if kind == 5:
        criticality = draw.choice([0, 3, 5])
        return AddDependency(pick(units, "u-x"), pick(units, "u-y"), criticality)
    if kind == 6:
        return RerateDependency(
            pick(org.dependencies, "d-x"), draw.choice([None, 2, 9]), Reliability.RARELY
        )
    resolved = draw.choice([None, date(2020, 1, 1), date(2026, 1, 1)])
    status = draw.choice(list(ConflictStatus))
    return ResolveConflict(pick(org.conflicts, "c-x"), status, resolved)


@pytest.mark.parametrize("seed", range(4))
def test_refused_exactly_when_the_whole_organization_would_be_invalid(seed: int) -> None:
    org = generate_organization(leaders=60, seed=seed)
    draw = random.Random(seed)
    checked = refused = 0
    for _ in range(60):
        change = random_change(draw, org)
        plan = plan_change(change, org, IdMaker())
        if plan.errors:  # an id the change names is missing: nothing to write
            with pytest.raises(ValidationFailed):
                apply_scenario(org, [change])
            continue
        unchecked = copy_snapshot(org)
        for write in plan.writes:
            unchecked.table(kind_of(write.entity))[write.entity.id] = write.entity
        for kind, id in plan.deletes:
            unchecked.table(kind).pop(id)
        expected = sorted(e.code for e in validate_snapshot(unchecked))
        try:
            apply_scenario(org, [change])
            found: list[str] = []
        except ValidationFailed as failure:
            found = sorted(e.code for e in failure.errors)
            refused += 1
        assert found == expected, change
        checked += 1
    assert checked > 20
    assert 0 < refused < checked  # both outcomes were exercised
