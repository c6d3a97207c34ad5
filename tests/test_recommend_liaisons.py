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
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.scenarios import AddLiaison, AddTie, apply_scenario, simulate
from graph_queries.scenarios.coverage_goal import exposed
from graph_queries.scenarios.faction_goal import executive_graphs, faction_figure, faction_liaisons
from graph_queries.scenarios.moves import liaison_ids
from graph_queries.scenarios.recommend import Goal, Recommendations, recommend

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


def star() -> OrgSnapshot:
    """Cy (Finance) is the only contact of the one leader of each of four units: every path
    between those units runs through Cy."""
    spokes = ("a", "b", "c", "d")
    return OrgSnapshot.of(
        Organization("star", "Star"),
        [
            Unit("hub", "Finance", UnitKind.DIVISION),
            *(Unit(s, f"Unit {s.upper()}", UnitKind.DIVISION) for s in spokes),
            Leader("cy", "Cy", "hub", LeaderLevel.SENIOR),
            *(Leader(f"{s}1", f"{s.upper()} Lead", s, LeaderLevel.SENIOR) for s in spokes),
            *(Tie(f"t{s}", "cy", f"{s}1") for s in spokes),
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
    assert found.candidates <= 40 + 5
    changes = [c for r in found.recommendations for c in r.changes]
    after = build_graphs(apply_scenario(org, changes).snapshot)
    left = exposed(dependency_coverage(after))
    assert found.recommendations[-1].after == sum(c.criticality for c in left)
    plain = recommend(org, Goal.COVER_UNRELIABLE_DEPENDENCIES, count=3)
    assert found.recommendations[-1].after < plain.recommendations[-1].after


def test_a_liaison_across_a_star_takes_more_paths_off_its_centre_than_a_tie() -> None:
    org = star()
    tie = recommend(org, Goal.LOWER_WORST_BOTTLENECK, count=1, path_sample=None)
    found = recommend(org, Goal.LOWER_WORST_BOTTLENECK, count=1, path_sample=None, liaisons=True)
    (only,) = found.recommendations
    (liaison,) = only.changes
    assert isinstance(liaison, AddLiaison)
    assert sorted(liaison.ties_to) == ["a1", "b1", "c1", "d1"]
    assert only.after < tie.recommendations[0].after < only.before == found.start
    shifts = simulate(org, only.changes, AS_OF, limit=1000).differences.bottlenecks
    cy = next(s for s in shifts if s.id == "cy")
    assert (only.before, only.after) == (cy.score_before, cy.score_after)
    # The liaison is a broker now, and the reason says so.
    assert next(s for s in shifts if s.id == "whatif-l1").score_after > 0
    assert "Liaison 1 now carries the paths that went through Cy" in only.reason


def test_an_executive_liaison_across_factions_gives_the_simulations_modularity() -> None:
    org = generate_organization(100, seed=7)
    team = executive_graphs(build_graphs(org))
    figure = faction_figure(team, None, 1.0, liaison_ids(org, 1), ["Liaison 1"])
    start, report = figure(())
    liaison = faction_liaisons(team, report, 5)[0]
    after, _ = figure([liaison])
    change = AddLiaison("Liaison 1", liaison.unit_id, liaison.ties_to, level=liaison.level)
    shift = simulate(org, [change], AS_OF).differences.factions
    assert liaison.level is LeaderLevel.EXECUTIVE
    assert start == pytest.approx(shift.modularity_before, abs=ROUNDING)
    assert after == pytest.approx(shift.modularity_after, abs=ROUNDING)
    assert after < start


@pytest.mark.parametrize("goal", list(Goal))
def test_liaisons_are_counted_in_the_pool_and_its_bound(goal: Goal) -> None:
    org = generate_organization(200, seed=1)
    for limit in (3, 40):
        ties = recommend(org, goal, count=3, candidates_limit=limit)
        found = recommend(org, goal, count=3, candidates_limit=limit, liaisons=True)
        # The same ties, and at most one liaison per 8 of the limit (rounded up) besides.
        assert ties.candidates <= found.candidates <= ties.candidates + -(-limit // 8)
        assert found.evaluations <= found.evaluation_bound == 1 + 3 * found.candidates


@pytest.mark.parametrize("goal", list(Goal))
def test_by_default_only_ties_are_recommended(goal: Goal) -> None:
    org = generate_organization(200, seed=1)
    found = recommend(org, goal, count=3)
    assert found == recommend(org, goal, count=3, liaisons=False)
    assert all(isinstance(c, AddTie) for r in found.recommendations for c in r.changes)
