"""Hypothetical changes: each kind applied, each refused like the real write it stands for."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from graph_queries.errors import ErrorCode, ValidationFailed
from graph_queries.model import (
    ConflictStatus,
    Dependency,
    LeaderLevel,
    OrgSnapshot,
    Reliability,
    Tie,
)
from graph_queries.scenarios import (
    HYPOTHETICAL_PREFIX,
    MAX_CHANGES,
    AddDependency,
    AddLiaison,
    AddTie,
    Aspect,
    Change,
    MergeUnits,
    MoveLeader,
    RemoveTie,
    RerateDependency,
    ResolveConflict,
    apply_scenario,
)
from graph_queries.validation import validate_snapshot
from tests.orgs import acme


def applied(changes: list[Change]) -> OrgSnapshot:
    """The organization after `changes`, checked whole: a simulated change never leaves an
    organization that an import would refuse."""
    after = apply_scenario(acme(), changes).snapshot
    assert validate_snapshot(after) == []
    return after


def test_add_tie_creates_a_hypothetical_tie() -> None:
    scenario = apply_scenario(acme(), [AddTie("l4", "l5", "WORK", 0.5)])
    [created] = scenario.applied[0].created
    assert created.startswith(HYPOTHETICAL_PREFIX)
    assert scenario.hypothetical == {created}
    assert scenario.snapshot.ties[created] == Tie(created, "l4", "l5", 0.5, "WORK")
    assert scenario.applied[0].units == ("u3", "u4")
    assert scenario.applied[0].aspects == (Aspect.TIES,)
    assert scenario.applied[0].description == (
        "Adding a tie between Di Field (Field Sales) and Ed Trucks (Logistics)"
    )


def test_new_ids_skip_ids_the_organization_already_holds() -> None:
    before = acme()
    taken = f"{HYPOTHETICAL_PREFIX}t1"
    before.ties[taken] = Tie(taken, "l5", "l7")
    scenario = apply_scenario(before, [AddTie("l4", "l5")])
    assert scenario.applied[0].created == (f"{HYPOTHETICAL_PREFIX}t2",)
    assert scenario.snapshot.ties[taken] == Tie(taken, "l5", "l7")


def test_remove_tie_and_a_tie_touching_an_executive() -> None:
    scenario = apply_scenario(acme(), [RemoveTie("t2")])
    assert "t2" not in scenario.snapshot.ties
    assert scenario.applied[0].removed == ("t2",)
    assert set(scenario.applied[0].aspects) == {Aspect.TIES, Aspect.EXECUTIVES}


def test_add_liaison_adds_a_leader_and_a_tie_to_each_named_leader() -> None:
    after = applied([AddLiaison("Zed Link", "u1", ("l5", "l6"), LeaderLevel.SENIOR, "Liaison")])
    leader = after.leaders[f"{HYPOTHETICAL_PREFIX}l1"]
    assert (leader.name, leader.unit_id, leader.level, leader.title) == (
        "Zed Link",
        "u1",
        LeaderLevel.SENIOR,
        "Liaison",
    )
    new_ties = [t for t in after.ties.values() if t.id.startswith(HYPOTHETICAL_PREFIX)]
    assert [(t.leader_a_id, t.leader_b_id) for t in new_ties] == [
        (leader.id, "l5"),
        (leader.id, "l6"),
    ]


def test_move_leader_keeps_ties_and_reporting_line() -> None:
    after = applied([MoveLeader("l6", "u4")])
    assert after.leaders["l6"].unit_id == "u4"
    assert after.leaders["l6"].reports_to_id == "l3"
    assert after.ties == acme().ties


def test_merge_re_points_members_children_dependencies_and_conflicts() -> None:
    scenario = apply_scenario(acme(), [MergeUnits("u5", "u4")])
    after = scenario.snapshot
    assert validate_snapshot(after) == []
    assert "u5" not in after.units
    assert after.leaders["l6"].unit_id == "u4"
    # d2 (u4 -> u5) and its conflict c3 fall inside Logistics: dropped and counted.
    assert scenario.applied[0].dropped_dependencies == ("d2",)
    assert scenario.applied[0].dropped_conflicts == ("c3",)
    assert scenario.applied[0].removed == ("u5",)
    assert (after.dependencies["d3"].from_unit_id, after.dependencies["d3"].to_unit_id) == (
        "u3",
        "u4",
    )
    assert (after.conflicts["c2"].unit_a_id, after.conflicts["c2"].unit_b_id) == ("u3", "u4")


def test_merging_a_division_moves_its_child_units() -> None:
    after = applied([MergeUnits("u1", "u2")])
    assert after.units["u3"].parent_id == "u2"
    assert {after.leaders[x].unit_id for x in ("l1", "l2")} == {"u2"}


def test_dependency_changes() -> None:
    after = applied(
        [
            AddDependency("u5", "u3", 4, Reliability.NEVER, "Sales forecasts"),
            RerateDependency("d1", reliability=Reliability.ALWAYS),
            RerateDependency("d2", criticality=1),
        ]
    )
    new = after.dependencies[f"{HYPOTHETICAL_PREFIX}d1"]
    assert new == Dependency(new.id, "u5", "u3", 4, Reliability.NEVER, "Sales forecasts")
    assert (after.dependencies["d1"].criticality, after.dependencies["d1"].reliability) == (
        5,
        Reliability.ALWAYS,
    )
    assert (after.dependencies["d2"].criticality, after.dependencies["d2"].reliability) == (
        1,
        Reliability.MOSTLY,
    )


def test_resolve_conflict() -> None:
    after = applied([ResolveConflict("c2", ConflictStatus.RESOLVED_LATE, date(2025, 9, 1))])
    assert (after.conflicts["c2"].status, after.conflicts["c2"].resolved_at) == (
        ConflictStatus.RESOLVED_LATE,
        date(2025, 9, 1),
    )


def test_a_later_change_sees_the_earlier_ones() -> None:
    liaison = f"{HYPOTHETICAL_PREFIX}l1"
    after = applied(
        [AddLiaison("Zed", "u1", ("l5",)), AddTie(liaison, "l3"), MoveLeader(liaison, "u2")]
    )
    assert after.leaders[liaison].unit_id == "u2"
    assert any(t.leader_a_id == liaison and t.leader_b_id == "l3" for t in after.ties.values())


BAD = [
    ([AddTie("l4", "nobody")], "changes[0].leaderBId", ErrorCode.UNKNOWN_REFERENCE),
    ([AddTie("l4", "l4")], "changes[0].leaderBId", ErrorCode.SELF_REFERENCE),
    ([AddTie("l2", "l1", "MEETING")], "changes[0]", ErrorCode.DUPLICATE),
    ([AddTie("l4", "l5", strength=1.5)], "changes[0].strength", ErrorCode.OUT_OF_RANGE),
    ([RemoveTie("t9")], "changes[0].tieId", ErrorCode.UNKNOWN_REFERENCE),
    ([RemoveTie("t1"), RemoveTie("t1")], "changes[1].tieId", ErrorCode.UNKNOWN_REFERENCE),
    ([AddLiaison("Zed", "u1", ())], "changes[0].tiesTo", ErrorCode.REQUIRED),
    ([AddLiaison("Zed", "u1", ("l5", "l5"))], "changes[0].tiesTo", ErrorCode.DUPLICATE),
    ([AddLiaison("Zed", "u1", ("l5", "l9"))], "changes[0].tiesTo[1]", ErrorCode.UNKNOWN_REFERENCE),
    ([AddLiaison("Zed", "u9", ("l5",))], "changes[0].unitId", ErrorCode.UNKNOWN_REFERENCE),
    ([AddLiaison("Z" * 201, "u1", ("l5",))], "changes[0].name", ErrorCode.TOO_LONG),
    ([MoveLeader("l9", "u1")], "changes[0].leaderId", ErrorCode.UNKNOWN_REFERENCE),
    ([MoveLeader("l4", "u9")], "changes[0].unitId", ErrorCode.UNKNOWN_REFERENCE),
    ([MergeUnits("u9", "u1")], "changes[0].unitId", ErrorCode.UNKNOWN_REFERENCE),
    ([MergeUnits("u1", "u9")], "changes[0].intoUnitId", ErrorCode.UNKNOWN_REFERENCE),
    ([MergeUnits("u2", "u2")], "changes[0].intoUnitId", ErrorCode.SELF_REFERENCE),
    ([MergeUnits("u2", "u4")], "changes[0].intoUnitId", ErrorCode.CYCLE),
    ([AddDependency("u3", "u3")], "changes[0].toUnitId", ErrorCode.SELF_REFERENCE),
    ([AddDependency("u3", "u4", 0)], "changes[0].criticality", ErrorCode.OUT_OF_RANGE),
    ([AddDependency("u3", "u9")], "changes[0].toUnitId", ErrorCode.UNKNOWN_REFERENCE),
    ([RerateDependency("d9", 2)], "changes[0].dependencyId", ErrorCode.UNKNOWN_REFERENCE),
    ([RerateDependency("d1")], "changes[0]", ErrorCode.REQUIRED),
    ([RerateDependency("d1", 6)], "changes[0].criticality", ErrorCode.OUT_OF_RANGE),
    (
        [ResolveConflict("c2", ConflictStatus.RESOLVED_QUICKLY)],
        "changes[0].resolvedAt",
        ErrorCode.REQUIRED,
    ),
    (
        [ResolveConflict("c2", ConflictStatus.RESOLVED_QUICKLY, date(2025, 1, 1))],
        "changes[0].resolvedAt",
        ErrorCode.INCONSISTENT,
    ),
    (
        [ResolveConflict("c2", ConflictStatus.OPEN, date(2025, 9, 1))],
        "changes[0].resolvedAt",
        ErrorCode.INCONSISTENT,
    ),
    (
        [ResolveConflict("c9", ConflictStatus.OPEN)],
        "changes[0].conflictId",
        ErrorCode.UNKNOWN_REFERENCE,
    ),
    (
        [AddTie("l4", "l5"), MoveLeader("l4", "u9")],
        "changes[1].unitId",
        ErrorCode.UNKNOWN_REFERENCE,
    ),
]


@pytest.mark.parametrize(("changes", "path", "code"), BAD)
def test_a_bad_change_is_refused_naming_its_field(
    changes: list[Change], path: str, code: ErrorCode
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        apply_scenario(acme(), changes)
    assert [(e.path, e.code) for e in refused.value.errors] == [(path, code)]


def test_every_problem_is_listed_at_once() -> None:
    changes: list[Change] = [
        AddTie("l4", "nobody"),
        MoveLeader("l4", "u2"),
        MergeUnits("u2", "u2"),
        RerateDependency("d1", 9),
    ]
    with pytest.raises(ValidationFailed) as refused:
        apply_scenario(acme(), changes)
    assert [e.path for e in refused.value.errors] == [
        "changes[0].leaderBId",
        "changes[2].intoUnitId",
        "changes[3].criticality",
    ]


def test_messages_are_those_of_the_whole_organization_rules() -> None:
    """A refused change says what validate_snapshot says of the same entity in an import."""
    whole = acme()
    whole.ties["x"] = Tie("x", "l2", "l1", 1.0, "MEETING")
    whole.dependencies["y"] = Dependency("y", "u3", "u4", 0)
    expected = {e.code: e.message for e in validate_snapshot(whole)}
    with pytest.raises(ValidationFailed) as refused:
        apply_scenario(acme(), [AddTie("l2", "l1", "MEETING"), AddDependency("u3", "u4", 0)])
    assert {e.code: e.message for e in refused.value.errors} == expected


def test_at_most_max_changes() -> None:
    many: list[Change] = [AddDependency("u3", "u4")] * MAX_CHANGES
    assert len(apply_scenario(acme(), many).applied) == MAX_CHANGES
    with pytest.raises(ValidationFailed) as refused:
        apply_scenario(acme(), [*many, AddDependency("u3", "u4")])
    [error] = refused.value.errors
    assert (error.path, error.code) == ("changes", ErrorCode.TOO_LONG)
    assert str(MAX_CHANGES) in error.message


def test_the_organization_given_is_never_changed() -> None:
    before = acme()
    kept = copy.deepcopy(before)
    tables = [before.units, before.leaders, before.dependencies, before.conflicts, before.ties]
    apply_scenario(
        before,
        [
            AddTie("l4", "l5"),
            RemoveTie("t1"),
            AddLiaison("Zed", "u1", ("l5",)),
            MoveLeader("l6", "u3"),
            MergeUnits("u5", "u4"),
            AddDependency("u4", "u3"),
            RerateDependency("d1", 1),
            ResolveConflict("c2", ConflictStatus.UNADDRESSED),
        ],
    )
    with pytest.raises(ValidationFailed):
        apply_scenario(before, [AddTie("l4", "l6"), MoveLeader("l4", "u9")])
    assert before == kept
    now = [before.units, before.leaders, before.dependencies, before.conflicts, before.ties]
    assert all(table is held for table, held in zip(now, tables, strict=True))


def test_each_change_is_described_in_plain_words() -> None:
    scenario = apply_scenario(
        acme(),
        [
            RemoveTie("t5"),
            AddLiaison("Zed", "u1", ("l5", "l6")),
            MoveLeader("l6", "u4"),
            MergeUnits("u5", "u4"),
            AddDependency("u4", "u3", 2, Reliability.RARELY),
            RerateDependency("d1", reliability=Reliability.ALWAYS),
            ResolveConflict("c2", ConflictStatus.UNADDRESSED),
        ],
    )
    assert [change.description for change in scenario.applied] == [
        "Removing the tie between Di Field (Field Sales) and Flo Plan (Planning)",
        "Adding Zed in Sales as a liaison to Ed Trucks (Logistics), Flo Plan (Planning)",
        "Moving Flo Plan (Planning) to Logistics",
        "Merging Planning into Logistics",
        "Adding a dependency of Logistics on Field Sales (criticality 2, reliability RARELY)",
        "Re-rating the dependency of Field Sales on Logistics: criticality 5, reliability ALWAYS",
        "Setting the conflict between Field Sales and Logistics to UNADDRESSED",
    ]
    assert [change.change for change in scenario.applied] == [
        "removeTie",
        "addLiaison",
        "moveLeader",
        "mergeUnits",
        "addDependency",
        "rerateDependency",
        "resolveConflict",
    ]
