"""Recommendations: the goal served, each effect measured as the simulation measures it, the
cap per person, determinism and the stated bound on the search's cost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

import pytest

from graph_queries.analyses.factions import FactionVerdict, executive_factions
from graph_queries.analyses.silos import Coverage, dependency_coverage
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import Leader, LeaderLevel, Organization, OrgSnapshot, Tie, Unit, UnitKind
from graph_queries.scenarios import AddTie, Change, simulate
from graph_queries.scenarios.coverage_goal import UNRELIABLE, exposed
from graph_queries.scenarios.lazy_greedy import evaluation_bound, lazy_greedy
from graph_queries.scenarios.recommend import Goal, Recommendations, recommend
from tests.orgs import brokered

AS_OF = date(2026, 1, 1)
# Sums of the same floats in another order differ in the last digits.
ROUNDING = 1e-12


def two_factions() -> OrgSnapshot:
    """Five executives: the CEO e0 with e3 and e4, and e1 and e2, tied to each other and to the
    CEO. Louvain finds two factions, {e0, e3, e4} and {e1, e2}."""
    return OrgSnapshot.of(
        Organization("top", "Top team"),
        [
            Unit("n", "North", UnitKind.DIVISION),
            Unit("s", "South", UnitKind.DIVISION),
            *(
                Leader(f"e{n}", f"Exec {n}", "s" if n in (1, 2) else "n", LeaderLevel.EXECUTIVE)
                for n in range(5)
            ),
            *(
                Tie(f"t{a}{b}", f"e{a}", f"e{b}")
                for a, b in ((0, 1), (0, 2), (0, 3), (0, 4), (1, 2))
            ),
        ],
    )


def _changes(found: Recommendations) -> list[Change]:
    return [change for r in found.recommendations for change in r.changes]


def test_a_bridging_tie_makes_two_factions_one() -> None:
    team = two_factions()
    factions = executive_factions(build_graphs(team)).factions
    assert [set(f.members) for f in factions] == [{"e0", "e3", "e4"}, {"e1", "e2"}]
    found = recommend(team, Goal.CONNECT_FACTIONS, count=1)
    (only,) = found.recommendations
    (tie,) = only.changes
    assert isinstance(tie, AddTie)
    sides = {tie.leader_a_id, tie.leader_b_id}
    assert len(sides & {"e1", "e2"}) == 1
    assert len(sides & {"e3", "e4"}) == 1
    shift = simulate(team, only.changes, AS_OF).differences.factions
    assert (shift.factions_before, shift.factions_after) == (2, 1)
    assert only.before == pytest.approx(shift.modularity_before, abs=ROUNDING)
    assert only.after == pytest.approx(shift.modularity_after, abs=ROUNDING)
    assert only.after == 0.0
    assert "becomes one faction" in only.reason
    assert "North" in only.reason


def test_on_a_generated_organization_the_verdict_improves() -> None:
    org = generate_organization(100, seed=7)
    found = recommend(org, Goal.CONNECT_FACTIONS, count=3)
    assert len(found.recommendations) == 3
    figures = [found.start] + [r.after for r in found.recommendations]
    assert figures == sorted(figures, reverse=True)
    assert len(set(figures)) == 4
    simulation = simulate(org, _changes(found), AS_OF)
    shift = simulation.differences.factions
    # The same figure up to the order its floats are summed in (the ties are added in another
    # order to the graph the simulation builds).
    assert shift.modularity_after == pytest.approx(found.recommendations[-1].after, abs=ROUNDING)
    assert shift.verdict_before is FactionVerdict.STRONG
    assert shift.verdict_after is not FactionVerdict.STRONG
    first = found.recommendations[0].changes[0]
    assert isinstance(first, AddTie)
    before = executive_factions(build_graphs(org))
    faction_of = {m: n for n, f in enumerate(before.factions) for m in f.members}
    assert faction_of[first.leader_a_id] != faction_of[first.leader_b_id]


@pytest.mark.parametrize("cap", [1, 2])
def test_nobody_takes_more_new_ties_than_the_cap(cap: int) -> None:
    org = generate_organization(100, seed=7)
    found = recommend(org, Goal.CONNECT_FACTIONS, count=6, max_new_ties_per_person=cap)
    load = Counter(
        person
        for change in _changes(found)
        if isinstance(change, AddTie)
        for person in (change.leader_a_id, change.leader_b_id)
    )
    assert found.recommendations
    assert max(load.values()) <= cap


@pytest.mark.parametrize("goal", list(Goal))
def test_every_goal_is_deterministic_capped_and_within_its_bound(goal: Goal) -> None:
    org = generate_organization(200, seed=1)
    found = recommend(org, goal, count=4, max_new_ties_per_person=1)
    assert found == recommend(org, goal, count=4, max_new_ties_per_person=1)
    assert found.recommendations
    assert found.evaluations <= found.evaluation_bound == 1 + 4 * found.candidates
    people = [
        person
        for change in _changes(found)
        if isinstance(change, AddTie)
        for person in (change.leader_a_id, change.leader_b_id)
    ]
    assert len(people) == len(set(people))  # a cap of 1: nobody twice
    figures = [found.start, *(r.after for r in found.recommendations)]
    assert all(a > b for a, b in pairwise(figures))


@pytest.mark.parametrize("limit", [0, 5, 40])
def test_the_search_stays_within_its_stated_bound(limit: int) -> None:
    org = generate_organization(300, seed=2)
    found = recommend(org, Goal.CONNECT_FACTIONS, count=4, candidates_limit=limit)
    assert found.candidates <= limit
    assert found.evaluation_bound == 1 + 4 * found.candidates
    assert 1 <= found.evaluations <= found.evaluation_bound
    assert bool(found.recommendations) == (limit > 0)


def test_a_new_tie_outside_the_layer_read_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the layer"):
        recommend(two_factions(), Goal.CONNECT_FACTIONS, kinds=frozenset({"WORK"}))


def test_lazy_greedy_picks_as_plain_greedy_with_fewer_evaluations() -> None:
    # An additive objective (submodular): greedy takes the largest weights, and CELF needs one
    # fresh evaluation per later pick, where plain greedy would re-measure every candidate.
    weights = [3.0, 9.0, 1.0, 7.0, 5.0, 7.0]

    def figure(chosen: Sequence[int]) -> tuple[float, int]:
        return 100.0 - sum(weights[i] for i in chosen), len(chosen)

    search = lazy_greedy(range(6), lambda i: (f"p{i}",), figure, count=3, cap=1)
    assert [p.candidate for p in search.picks] == [1, 3, 5]  # 7.0 twice: the earlier first
    assert [p.after for p in search.picks] == [91.0, 84.0, 77.0]
    assert search.evaluations == 1 + 6 + 2 < evaluation_bound(6, 3) == search.bound


def test_lazy_greedy_skips_the_overloaded_and_stops_when_nothing_helps() -> None:
    def figure(chosen: Sequence[str]) -> tuple[float, None]:
        return 10.0 - 2.0 * len([c for c in chosen if c != "none"]), None

    people = {"ab": ("a", "b"), "ac": ("a", "c"), "none": ("d",), "de": ("d", "e")}
    search = lazy_greedy(list(people), people.__getitem__, figure, count=4, cap=1)
    assert [p.candidate for p in search.picks] == ["ab", "de"]


def test_a_tie_around_the_only_broker_takes_the_worst_bottleneck_away() -> None:
    org = brokered()  # Cy, in Finance, is the only go-between of Pricing and Logistics
    found = recommend(org, Goal.LOWER_WORST_BOTTLENECK)
    (only,) = found.recommendations
    (tie,) = only.changes
    assert isinstance(tie, AddTie)
    assert {tie.leader_a_id, tie.leader_b_id} == {"ana", "bo"}
    diff = simulate(org, only.changes, AS_OF).differences
    (coverage,) = diff.coverage
    assert (coverage.brokers_before, coverage.brokers_after) == (("cy",), ())
    cy = next(shift for shift in diff.bottlenecks if shift.id == "cy")
    assert only.before == pytest.approx(cy.score_before, abs=ROUNDING)
    assert only.after == cy.score_after == 0.0
    assert only.after == 0.0 < only.before
    assert "way around Cy" in only.reason


def test_the_bottleneck_figures_are_those_the_simulation_reports() -> None:
    org = generate_organization(100, seed=7)
    found = recommend(org, Goal.LOWER_WORST_BOTTLENECK, count=2)
    assert len(found.recommendations) == 2
    assert found.evaluations <= found.evaluation_bound == 1 + 2 * found.candidates
    simulation = simulate(org, _changes(found), AS_OF, limit=1000)
    worst = simulation.before.bottlenecks[0]
    shift = next(s for s in simulation.differences.bottlenecks if s.id == worst.id)
    assert found.start == pytest.approx(worst.score, abs=ROUNDING)
    assert found.start == pytest.approx(shift.score_before, abs=ROUNDING)
    assert found.recommendations[-1].after == pytest.approx(shift.score_after, abs=ROUNDING)
    assert shift.score_after < shift.score_before


def test_a_direct_tie_covers_the_unreliable_dependency_with_one_go_between() -> None:
    org = brokered()  # Pricing relies SOMETIMES on Logistics, through Cy alone
    found = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES)
    (only,) = found.recommendations
    assert (found.start, only.before, only.after) == (5.0, 5.0, 0.0)  # criticality 5, covered
    (coverage,) = simulate(org, only.changes, AS_OF).differences.coverage
    assert (coverage.status_before, coverage.status_after) == (
        Coverage.SINGLE_BROKER,
        Coverage.DIRECT,
    )


def test_the_coverage_figures_are_those_of_the_changed_organization() -> None:
    org = generate_organization(1000, seed=7)
    found = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=3)
    assert len(found.recommendations) == 3
    assert found.evaluations <= found.evaluation_bound
    after = simulate(org, _changes(found), AS_OF).graphs_after
    left = exposed(dependency_coverage(after))
    assert found.recommendations[-1].after == sum(c.criticality for c in left)
    assert all(c.reliability in UNRELIABLE for c in left)
    assert found.recommendations[-1].after < found.start
