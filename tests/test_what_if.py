"""The what-if simulation: the issue's proofs on hand-built organizations, and its guarantees."""

from __future__ import annotations

import copy
from datetime import date

import networkx as nx
import pytest

from graph_queries.analyses.execution import alignment_trap, execution_report
from graph_queries.analyses.factions import FactionVerdict
from graph_queries.analyses.metrics.ei import ei_index
from graph_queries.analyses.silos import BottleneckKind, Coverage, silo_bottlenecks
from graph_queries.errors import ValidationFailed
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import (
    ConflictStatus,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.scenarios import (
    HYPOTHETICAL_PREFIX,
    AddLiaison,
    AddTie,
    Change,
    MergeUnits,
    MoveLeader,
    RemoveTie,
    RerateDependency,
    ResolveConflict,
    Shift,
    apply_scenario,
    baseline,
    simulate,
)
from graph_queries.scenarios.simulate import changed_graphs
from tests.orgs import acme, brokered

AS_OF = date(2026, 1, 1)


def test_adding_the_named_tie_removes_the_only_broker() -> None:
    graphs = build_graphs(brokered())
    [pair] = silo_bottlenecks(graphs).uncovered_dependencies
    assert (pair.unit_a, pair.unit_b, pair.status, pair.brokers) == (
        "g",
        "p",
        Coverage.SINGLE_BROKER,
        ("cy",),
    )
    simulation = simulate(brokered(), [AddTie("ana", "bo")], AS_OF)
    diff = simulation.differences
    [coverage] = diff.coverage
    assert (coverage.status_before, coverage.status_after) == (
        Coverage.SINGLE_BROKER,
        Coverage.DIRECT,
    )
    assert (coverage.brokers_before, coverage.brokers_after) == (("cy",), ())
    cy = next(s for s in diff.bottlenecks if s.id == "cy")
    assert cy.kind is BottleneckKind.LEADER
    assert simulation.before.bottlenecks[0].id == "cy"
    assert (cy.shift, cy.rank_before, cy.rank_after, cy.score_after) == (Shift.GONE, 1, None, 0.0)
    assert cy.score_before == simulation.before.bottlenecks[0].score > 0
    assert "cy" not in {b.id for b in simulation.after.bottlenecks}
    assert diff.summary[0] == (
        "Adding a tie between Ana (Pricing) and Bo (Logistics) removes the only go-between of "
        f"Logistics and Pricing: Cy's bottleneck score falls from {cy.score_before:.2f} to 0 "
        "(rank 1 -> not ranked)."
    )


def test_the_after_report_is_the_report_of_the_changed_organization() -> None:
    by_hand = brokered()
    tie = f"{HYPOTHETICAL_PREFIX}t1"
    by_hand.ties[tie] = Tie(tie, "ana", "bo")
    simulation = simulate(brokered(), [AddTie("ana", "bo")], AS_OF, top=3)
    assert simulation.after == execution_report(build_graphs(by_hand), AS_OF, 3)
    assert simulation.before == execution_report(build_graphs(brokered()), AS_OF, 3)
    assert simulation.hypothetical == (tie,)


def test_merging_two_units_removes_their_ei_and_computes_the_union() -> None:
    before = acme()
    merged = {x.id for x in before.leaders.values() if x.unit_id in ("u4", "u5")}
    inside = sum(1 for t in before.ties.values() if {t.leader_a_id, t.leader_b_id} <= merged)
    across = sum(
        1 for t in before.ties.values() if len({t.leader_a_id, t.leader_b_id} & merged) == 1
    )
    simulation = simulate(before, [MergeUnits("u5", "u4")], AS_OF)
    rows = {row.unit: row for row in simulation.differences.units}
    assert rows["u5"].merged_into == "u4"
    assert (rows["u5"].ei_after, rows["u5"].internal_after, rows["u5"].external_after) == (
        None,
        0,
        0,
    )
    assert (rows["u4"].internal_after, rows["u4"].external_after) == (inside, across)
    assert rows["u4"].ei_after == ei_index(internal=inside, external=across)
    assert rows["u4"].ei_before != rows["u4"].ei_after
    assert simulation.changes[0].dropped_dependencies == ("d2",)
    assert "Planning is merged into Logistics: its own E-I index (1.00) is gone." in (
        simulation.differences.summary
    )


def test_factions_that_merge_are_said_to_merge() -> None:
    executives = [f"e{n}" for n in range(1, 7)]
    team = OrgSnapshot.of(
        Organization("top", "Top team"),
        [
            Unit("a", "North", UnitKind.DIVISION),
            Unit("b", "South", UnitKind.DIVISION),
            *(
                Leader(e, e.upper(), "a" if n < 3 else "b", LeaderLevel.EXECUTIVE)
                for n, e in enumerate(executives)
            ),
            *(
                Tie(f"t{a}{b}", executives[a], executives[b])
                for a, b in ((0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3))
            ),
        ],
    )
    cross: list[Change] = [
        AddTie(executives[a], executives[b])
        for a in range(3)
        for b in range(3, 6)
        if (a, b) != (2, 3)
    ]
    diff = simulate(team, cross, AS_OF).differences
    assert (diff.factions.factions_before, diff.factions.factions_after) == (2, 1)
    assert (diff.factions.merged, diff.factions.split) == (True, False)
    assert diff.factions.verdict_before is FactionVerdict.STRONG
    assert diff.factions.verdict_after is FactionVerdict.NONE
    assert any(s.startswith("Executive factions merge: 2 -> 1 factions") for s in diff.summary)


def test_reliability_trap_and_hotspots() -> None:
    changes: list[Change] = [
        RerateDependency("d1", reliability=Reliability.ALWAYS),
        ResolveConflict("c2", ConflictStatus.RESOLVED_QUICKLY, date(2025, 6, 1)),
    ]
    diff = simulate(acme(), changes, AS_OF).differences
    reliability = diff.reliability
    assert (reliability.reliable_before, reliability.reliable_after) == (1, 2)
    assert reliability.share_after == pytest.approx(2 / 3)
    trapped = {u.unit for u in alignment_trap(build_graphs(acme()), AS_OF).units if u.signal}
    assert trapped == {"u3"}
    assert [ref.unit for ref in diff.alignment_trap_off] == ["u3"]
    assert diff.alignment_trap_on == ()
    [hotspot] = diff.hotspots
    assert (hotspot.unit_a, hotspot.unit_b, hotspot.unresolved_before) == ("u3", "u5", 1)
    assert (hotspot.score_after, hotspot.unresolved_after) == (0.0, 0)
    assert "Reliable dependencies: 1 of 3 (33%) -> 2 of 3 (67%)." in diff.summary


def test_only_what_the_changes_touch_is_recomputed_and_the_result_is_the_same() -> None:
    resolve: list[Change] = [ResolveConflict("c2", ConflictStatus.UNADDRESSED)]
    simulation = simulate(acme(), resolve, AS_OF)
    assert simulation.recomputed == ("conflict_hotspots",)
    changed = apply_scenario(acme(), resolve).snapshot
    assert simulation.after == execution_report(build_graphs(changed), AS_OF, 5)
    assert simulate(acme(), [MoveLeader("l6", "u4")], AS_OF).recomputed == ("silo_bottlenecks",)
    assert simulate(acme(), [RemoveTie("t1")], AS_OF).recomputed == (
        "silo_bottlenecks",
        "executive_factions",
    )


def test_a_cached_baseline_gives_the_same_simulation() -> None:
    changes: list[Change] = [AddLiaison("Zed", "u1", ("l5", "l4"))]
    kept = baseline(acme(), AS_OF, top=3)
    assert simulate(acme(), changes, AS_OF, top=3, before=kept) == simulate(
        acme(), changes, AS_OF, top=3
    )
    with pytest.raises(ValueError, match="baseline"):
        simulate(acme(), changes, AS_OF, top=4, before=kept)


def test_no_changes_make_an_empty_diff() -> None:
    simulation = simulate(acme(), [], AS_OF)
    diff = simulation.differences
    assert simulation.before == simulation.after
    assert (diff.bottlenecks, diff.coverage, diff.units, diff.hotspots, diff.summary) == (
        (),
        (),
        (),
        (),
        (),
    )
    assert (diff.alignment_trap_on, diff.alignment_trap_off) == ((), ())
    assert diff.reliability.share_before == diff.reliability.share_after
    assert (diff.factions.merged, diff.factions.split) == (False, False)
    assert simulation.changes == ()
    assert simulation.recomputed == ()


def test_a_change_to_the_same_values_makes_an_empty_summary() -> None:
    diff = simulate(acme(), [RerateDependency("d1", 5)], AS_OF).differences
    assert (diff.bottlenecks, diff.summary) == ((), ())


def test_same_input_same_output_and_nothing_written() -> None:
    before = generate_organization(leaders=150, seed=3)
    kept = copy.deepcopy(before)
    leaders = sorted(before.leaders)
    changes: list[Change] = [
        AddTie(leaders[0], leaders[-1]),
        MoveLeader(leaders[5], next(iter(before.units))),
        AddLiaison("Lia", next(iter(before.units)), (leaders[10], leaders[20])),
    ]
    first = simulate(before, changes, AS_OF, path_sample=50)
    assert simulate(before, changes, AS_OF, path_sample=50) == first
    assert before == kept
    assert first.differences.estimated
    changed = apply_scenario(before, changes).snapshot
    assert first.after == execution_report(build_graphs(changed), AS_OF, 5, path_sample=50)


def test_a_bad_simulation_is_refused_before_any_analysis() -> None:
    with pytest.raises(ValidationFailed) as refused:
        simulate(acme(), [AddTie("l1", "l9")], AS_OF)
    assert refused.value.errors[0].path == "changes[0].leaderBId"
    with pytest.raises(ValueError, match="limit"):
        simulate(acme(), [], AS_OF, limit=-1)


def test_effects_of_several_changes_are_told_of_the_changes_together() -> None:
    changes: list[Change] = [MoveLeader("cy", "g"), RerateDependency("d1", 4)]
    diff = simulate(brokered(), changes, AS_OF).differences
    assert diff.summary[0].startswith(
        "The changes remove the only go-between of Logistics and Pricing: Cy's bottleneck score"
    )


def edges(graph: nx.Graph) -> list[tuple[object, ...]]:
    found = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    return sorted(found, key=repr)


@pytest.mark.parametrize(
    "changes",
    [
        [RerateDependency("d2", 1, Reliability.NEVER)],
        [ResolveConflict("c1", ConflictStatus.TRIED_FAILED)],
        [RerateDependency("d3", 5), ResolveConflict("c2", ConflictStatus.UNADDRESSED)],
    ],
)
def test_graphs_rebuilt_in_part_give_the_report_of_graphs_built_whole(
    changes: list[Change],
) -> None:
    scenario = apply_scenario(acme(), changes)
    graphs = changed_graphs(build_graphs(acme()), scenario.snapshot, scenario.aspects())
    whole = build_graphs(scenario.snapshot)
    for name in ("units", "reporting", "collaboration", "dependencies", "conflicts"):
        part, built = getattr(graphs, name), getattr(whole, name)
        assert edges(part) == edges(built)
        assert dict(part.nodes(data=True)) == dict(built.nodes(data=True))
    assert graphs.counts == whole.counts
    assert simulate(acme(), changes, AS_OF).after == execution_report(whole, AS_OF, 5)


def test_a_layer_of_ties_is_simulated_like_the_report_of_that_layer() -> None:
    work = frozenset({"WORK"})
    changes: list[Change] = [AddTie("l4", "l5", "WORK")]
    simulation = simulate(acme(), changes, AS_OF, kinds=work)
    changed = apply_scenario(acme(), changes).snapshot
    assert simulation.after == execution_report(build_graphs(changed), AS_OF, 5, kinds=work)
    assert simulation.before == execution_report(build_graphs(acme()), AS_OF, 5, kinds=work)
    assert simulation.before != execution_report(build_graphs(acme()), AS_OF, 5)
    with pytest.raises(ValueError, match="baseline"):
        simulate(acme(), changes, AS_OF, before=baseline(acme(), AS_OF, kinds=work))


def two_brokers() -> OrgSnapshot:
    """`brokered`, with Dee (Finance) as a second go-between, tied to Ari and Bea."""
    org = brokered()
    org.leaders["dee"] = Leader("dee", "Dee", "f")
    org.ties["t5"] = Tie("t5", "dee", "ari")
    org.ties["t6"] = Tie("t6", "dee", "bea")
    return org


def test_losing_one_of_two_go_betweens_is_told() -> None:
    diff = simulate(two_brokers(), [RemoveTie("t6")], AS_OF).differences
    [coverage] = diff.coverage
    assert (coverage.status_before, coverage.status_after) == (
        Coverage.BROKERED,
        Coverage.SINGLE_BROKER,
    )
    assert (coverage.brokers_before, coverage.brokers_after) == (("cy", "dee"), ("cy",))
    assert diff.summary[0].startswith(
        "Removing the tie between Dee (Finance) and Bea (Logistics) leaves Cy as the only "
        "go-between of Logistics and Pricing: Cy's bottleneck score rises from "
    )


def test_a_direct_tie_where_there_were_go_betweens_is_told() -> None:
    diff = simulate(two_brokers(), [AddTie("ari", "bo")], AS_OF).differences
    assert [(c.status_before, c.status_after) for c in diff.coverage] == [
        (Coverage.BROKERED, Coverage.DIRECT)
    ]
    assert diff.summary[0] == (
        "Adding a tie between Ari (Pricing) and Bo (Logistics) gives Logistics and Pricing a "
        "direct tie."
    )


def test_a_unit_merged_twice_ends_in_the_last_one() -> None:
    changes: list[Change] = [MergeUnits("u5", "u4"), MergeUnits("u4", "u2")]
    simulation = simulate(acme(), changes, AS_OF)
    rows = {row.unit: row for row in simulation.differences.units}
    assert (rows["u5"].merged_into, rows["u4"].merged_into) == ("u2", "u2")
    assert rows["u2"].merged_into is None
    members = {"l3", "l5", "l6"}  # Operations, Logistics and Planning's leaders
    ties = acme().ties.values()
    inside = sum(1 for t in ties if {t.leader_a_id, t.leader_b_id} <= members)
    across = sum(1 for t in ties if len({t.leader_a_id, t.leader_b_id} & members) == 1)
    assert (rows["u2"].internal_after, rows["u2"].external_after) == (inside, across)
    gone = {s.id: s for s in simulation.differences.bottlenecks if s.shift is Shift.GONE}
    assert "u5" in gone
    assert gone["u5"].rank_after is None
