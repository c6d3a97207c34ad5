"""Liaisons among the recommendations: weighed beside the ties when asked for, applied by the
simulation with the figures the search states, named plainly, capped for the people they tie
into, and never offered by default."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from graph_queries.analyses.silos import Coverage, dependency_coverage
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import (
    Dependency,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Unit,
    UnitKind,
)
from graph_queries.scenarios import AddLiaison, AddTie, apply_scenario, simulate
from graph_queries.scenarios.coverage_goal import exposed
from graph_queries.scenarios.recommend import Goal, Recommendations, recommend
from tests.orgs import brokered

AS_OF = date(2026, 1, 1)
# Sums of the same floats in another order differ in the last digits.
ROUNDING = 1e-12


def hub_and_spokes() -> OrgSnapshot:
    """Hub relies SOMETIMES (criticality 3) on North, South and East; nobody is tied to anyone,
    so each dependency is exposed and one tie covers one of them."""
    spokes = ("north", "south", "east")
    return OrgSnapshot.of(
        Organization("hub", "Hub"),
        [
            Unit("hub", "Hub", UnitKind.DIVISION),
            *(Unit(s, s.title(), UnitKind.DIVISION) for s in spokes),
            Leader("h1", "Hana", "hub", LeaderLevel.SENIOR),
            *(Leader(f"{s}1", f"{s.title()} Lead", s, LeaderLevel.SENIOR) for s in spokes),
            *(
                Dependency(f"d{n}", "hub", s, 3, Reliability.SOMETIMES)
                for n, s in enumerate(spokes)
            ),
        ],
    )


def _load(found: Recommendations) -> Counter[str]:
    """New ties per existing person: both ends of a tie, each person a liaison ties into."""
    load: Counter[str] = Counter()
    for r in found.recommendations:
        for change in r.changes:
            if isinstance(change, AddLiaison):
                load.update(change.ties_to)
            else:
                assert isinstance(change, AddTie)
                load.update((change.leader_a_id, change.leader_b_id))
    return load


def test_one_liaison_covers_every_exposed_dependency_of_a_unit() -> None:
    org = hub_and_spokes()
    ties = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=1)
    assert (ties.start, ties.recommendations[0].after) == (9.0, 6.0)
    found = recommend(
        org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=1, liaisons=True, max_new_ties_per_person=1
    )
    (only,) = found.recommendations
    (liaison,) = only.changes
    assert isinstance(liaison, AddLiaison)
    assert (liaison.name, liaison.unit_id) == ("Liaison 1", "hub")
    assert sorted(liaison.ties_to) == ["east1", "north1", "south1"]
    assert (only.before, only.after) == (9.0, 0.0)
    for text in ("Liaison 1", "Hub", "North Lead (North)", "East Lead (East)"):
        assert text in only.reason
    diff = simulate(org, only.changes, AS_OF).differences
    assert {c.status_after for c in diff.coverage} == {Coverage.DIRECT}
    assert found.evaluations <= found.evaluation_bound == 1 + found.candidates


def test_recommended_liaisons_apply_with_the_stated_figures_and_the_cap() -> None:
    org = generate_organization(1000, seed=7)
    found = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=3, liaisons=True)
    liaisons = [c for r in found.recommendations for c in r.changes if isinstance(c, AddLiaison)]
    assert [c.name for c in liaisons] == [f"Liaison {n}" for n in range(1, len(liaisons) + 1)]
    assert liaisons  # here a liaison covers more than any tie
    assert max(_load(found).values()) <= 2
    assert found.candidates <= 40
    changes = [c for r in found.recommendations for c in r.changes]
    after = build_graphs(apply_scenario(org, changes).snapshot)
    left = exposed(dependency_coverage(after))
    assert found.recommendations[-1].after == sum(c.criticality for c in left)
    plain = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=3)
    assert found.recommendations[-1].after < plain.recommendations[-1].after


def test_a_liaison_around_the_only_broker_carries_the_paths_instead() -> None:
    org = brokered()  # Cy, in Finance, is the only go-between of Pricing and Logistics
    # A pool of one candidate, which with liaisons is the liaison.
    found = recommend(org, Goal.LOWER_WORST_BOTTLENECK, count=1, candidates_limit=1, liaisons=True)
    (only,) = found.recommendations
    (liaison,) = only.changes
    assert isinstance(liaison, AddLiaison)
    assert set(liaison.ties_to) == {"ana", "bo"}
    cy = next(
        s
        for s in simulate(org, only.changes, AS_OF, limit=1000).differences.bottlenecks
        if s.id == "cy"
    )
    assert only.before == cy.score_before
    assert only.after == cy.score_after < only.before
    assert "Liaison 1 now carries the paths that went through Cy" in only.reason


def test_an_executive_liaison_across_factions_gives_the_stated_modularity() -> None:
    org = generate_organization(100, seed=7)
    found = recommend(org, Goal.CONNECT_FACTIONS, count=1, candidates_limit=1, liaisons=True)
    (only,) = found.recommendations
    (liaison,) = only.changes
    assert isinstance(liaison, AddLiaison)
    assert liaison.level is LeaderLevel.EXECUTIVE
    shift = simulate(org, only.changes, AS_OF).differences.factions
    assert only.before == pytest.approx(shift.modularity_before, abs=ROUNDING)
    assert only.after == pytest.approx(shift.modularity_after, abs=ROUNDING)
    assert only.after < only.before


@pytest.mark.parametrize("goal", list(Goal))
def test_liaisons_are_counted_in_the_pool_and_its_bound(goal: Goal) -> None:
    org = generate_organization(200, seed=1)
    for limit in (3, 40):
        found = recommend(org, goal, count=3, candidates_limit=limit, liaisons=True)
        assert found.candidates <= limit
        assert found.evaluations <= found.evaluation_bound == 1 + 3 * found.candidates


@pytest.mark.parametrize("goal", list(Goal))
def test_by_default_only_ties_are_recommended(goal: Goal) -> None:
    org = generate_organization(200, seed=1)
    found = recommend(org, goal, count=3)
    assert found == recommend(org, goal, count=3, liaisons=False)
    assert all(isinstance(c, AddTie) for r in found.recommendations for c in r.changes)
