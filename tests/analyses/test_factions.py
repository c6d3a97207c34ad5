"""Executive factions: hand-built top teams whose every figure can be checked by eye."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_queries.analyses.factions import (
    FactionReport,
    FactionVerdict,
    executive_factions,
)
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import (
    Entity,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Tie,
    Unit,
    UnitKind,
)
from tests.orgs import acme

V = FactionVerdict


def team(
    executives: dict[str, str],
    ties: list[tuple[str, str, float]],
    others: dict[str, str] | None = None,
) -> FactionReport:
    """Executives (id -> unit), non-executive leaders (id -> unit) and ties (a, b, strength).

    Units: divisions D1, D2, D3, and team T1 under D1 (so its division is D1)."""
    entities: list[Entity] = [
        Unit("D1", "Division One", UnitKind.DIVISION),
        Unit("D2", "Division Two", UnitKind.DIVISION),
        Unit("D3", "Division Three", UnitKind.DIVISION),
        Unit("T1", "Team One", UnitKind.TEAM, "D1"),
    ]
    entities += [
        Leader(id, f"Exec {id}", unit, LeaderLevel.EXECUTIVE) for id, unit in executives.items()
    ]
    entities += [
        Leader(id, f"Manager {id}", unit, LeaderLevel.MIDDLE) for id, unit in (others or {}).items()
    ]
    entities += [Tie(f"t{i}", a, b, s) for i, (a, b, s) in enumerate(ties, start=1)]
    return executive_factions(build_graphs(OrgSnapshot.of(Organization("t", "Test"), entities)))


def clique(members: list[str], strength: float = 1.0) -> list[tuple[str, str, float]]:
    return [(a, b, strength) for i, a in enumerate(members) for b in members[i + 1 :]]


A = ["a1", "a2", "a3"]
B = ["b1", "b2", "b3"]
SIX = {**dict.fromkeys(A, "D1"), **dict.fromkeys(B, "D2")}


def test_two_cliques_joined_by_one_tie_are_strong_factions() -> None:
    # Two triangles and the tie a3-b1, all strength 1: m = 7. Each community has L = 3 inside
    # and degree sum d = 3 x 2 + 1 = 7: Q = 2 x (3/7 - (7/14)^2) = 6/7 - 1/2 = 0.3571.
    # Within: 6 tied of 6 pairs (density 1, strength 1); between: 1 of 3 x 3 = 9 pairs (1/9).
    # 1/9 <= 0.25 x 1 and Q >= 0.3: STRONG.
    report = team(SIX, [*clique(A), *clique(B), ("a3", "b1", 1.0)])
    assert [f.members for f in report.factions] == [tuple(A), tuple(B)]
    assert report.modularity == pytest.approx(6 / 7 - 1 / 2)
    assert report.within_density == 1.0
    assert report.within_strength == 1.0
    assert report.between_density == pytest.approx(1 / 9)
    assert report.between_strength == pytest.approx(1 / 9)
    assert report.verdict is V.STRONG
    assert "modularity 0.36" in report.verdict_reason
    assert report.components == (tuple(A + B),)
    assert report.isolated == ()
    # The bridging executives are the two ends of the tie; equal strength, so by id.
    assert [(b.leader, b.faction, b.reaches, b.cross_ties) for b in report.bridges] == [
        ("a3", 1, (2,), 1),
        ("b1", 2, (1,), 1),
    ]
    # a3 has strength 3 in the team (a1, a2, b1), 1 of it across: 33%.
    assert report.bridges[0].cross_share == pytest.approx(1 / 3)
    assert report.bridges[0].reason == (
        "Exec a3 (faction 1) links to faction 2 through 1 tie of strength 1.00, "
        "33% of their tie strength in the top team."
    )
    (link,) = report.links
    assert (link.faction_a, link.faction_b, link.ties) == (1, 2, 1)
    assert link.density == pytest.approx(1 / 9)


def test_factions_that_follow_divisions() -> None:
    # Same team: faction 1 is all D1, faction 2 all D2 -> purity 6/6 = 1. Tie strength 7, of
    # which 6 inside a division: 6/7. Everyone but the bridges works only within the division.
    report = team(SIX, [*clique(A), *clique(B), ("a3", "b1", 1.0)])
    assert [(f.dominant_division, f.division_share) for f in report.factions] == [
        ("D1", 1.0),
        ("D2", 1.0),
    ]
    assert report.factions[0].dominant_division_name == "Division One"
    alignment = report.alignment
    assert alignment.faction_purity == 1.0
    assert alignment.within_division_share == pytest.approx(6 / 7)
    assert alignment.division_only == ("a1", "a2", "b2", "b3")
    assert alignment.divisions == 2
    members = {m.leader: m for m in report.members}
    assert members["a3"].within_division_share == pytest.approx(2 / 3)
    assert members["a3"].within_faction_share == pytest.approx(2 / 3)
    assert members["a1"].division_only
    assert "works only with their own division's executives" in members["a1"].reason


def test_mixed_divisions_inside_a_faction() -> None:
    # One triangle: x1 and x2 in D1 (x2 via team T1), x3 in D2. Strengths x1-x2 1.0, x1-x3 0.5,
    # x2-x3 0.5. Within a division: 1.0 of 2.0 = 50%. x1: 1.0 of 1.5; x3: 0 of 1.0.
    # Dominant division D1 with 2 of 3 members.
    report = team(
        {"x1": "D1", "x2": "T1", "x3": "D2"},
        [("x1", "x2", 1.0), ("x1", "x3", 0.5), ("x2", "x3", 0.5)],
    )
    (faction,) = report.factions
    assert faction.dominant_division == "D1"
    assert faction.division_share == pytest.approx(2 / 3)
    assert faction.divisions == 2
    assert report.alignment.within_division_share == pytest.approx(0.5)
    assert report.alignment.faction_purity == pytest.approx(2 / 3)
    members = {m.leader: m for m in report.members}
    assert members["x1"].within_division_share == pytest.approx(2 / 3)
    assert members["x3"].within_division_share == 0.0
    assert members["x2"].division == "D1"
    assert report.alignment.division_only == ()


def test_a_prism_is_weak_factions() -> None:
    # Two triangles joined by the matching a1-b1, a2-b2, a3-b3 (all strength 1): m = 9; each
    # triangle has L = 3, d = 9: Q = 2 x (3/9 - (9/18)^2) = 1/6 = 0.1667 (the best split).
    # Between: 3 of 9 pairs, strength 1/3, more than 0.25 x 1; Q in [0.1, 0.3): WEAK.
    report = team(SIX, [*clique(A), *clique(B), *[(a, b, 1.0) for a, b in zip(A, B, strict=True)]])
    assert [f.members for f in report.factions] == [tuple(A), tuple(B)]
    assert report.modularity == pytest.approx(1 / 6)
    assert report.between_strength == pytest.approx(1 / 3)
    assert report.verdict is V.WEAK
    assert len(report.bridges) == 6


def test_two_disconnected_cliques() -> None:
    report = team(SIX, [*clique(A), *clique(B)])
    assert report.verdict is V.DISCONNECTED
    assert report.components == (tuple(A), tuple(B))
    assert len(report.factions) == 2
    assert report.between_density == 0.0
    # Two components, each with L = 3 and d = 6 of m = 6: Q = 2 x (1/2 - 1/4) = 0.5.
    assert report.modularity == pytest.approx(0.5)
    assert report.bridges == ()
    assert "2 groups of executives (sizes 3, 3) have no tie between" in report.verdict_reason


def test_one_clique_has_no_factions() -> None:
    members = ["a1", "a2", "a3", "a4"]
    report = team(dict.fromkeys(members, "D1"), clique(members, 0.7))
    assert report.verdict is V.NONE
    assert [f.members for f in report.factions] == [tuple(members)]
    assert report.modularity == 0.0
    assert report.density == 1.0
    assert report.within_strength == pytest.approx(0.7)
    assert report.between_density is None
    assert report.links == ()
    assert report.empty_reason is None


def test_an_isolated_executive() -> None:
    # a4 has a tie to a manager only: isolated in the top team, one tie below it.
    report = team(
        {**dict.fromkeys(A, "D1"), "a4": "D2"},
        [*clique(A), ("a4", "m1", 0.5)],
        others={"m1": "D2"},
    )
    assert report.verdict is V.DISCONNECTED
    assert [(i.leader, i.ties_below, i.division) for i in report.isolated] == [("a4", 1, "D2")]
    assert report.isolated[0].reason == (
        "Exec a4 has no collaboration tie with any other executive (1 tie below the top team)."
    )
    assert [f.members for f in report.factions] == [tuple(A)]  # isolated ones are no faction
    assert report.components == (tuple(A), ("a4",))
    assert "1 executive has no tie to any other executive" in report.verdict_reason
    assert report.executives == 4
    assert report.ties == 3


def test_parallel_ties_are_summed_and_other_leaders_ignored() -> None:
    # a1-a2 twice (0.3 + 0.2 = 0.5); the ties to the manager do not count.
    report = team(
        {"a1": "D1", "a2": "D1"},
        [("a1", "a2", 0.3), ("a2", "a1", 0.2), ("a1", "m1", 1.0)],
        others={"m1": "D1"},
    )
    assert report.ties == 1
    assert report.within_strength == pytest.approx(0.5)
    assert {m.leader: m.strength for m in report.members} == pytest.approx({"a1": 0.5, "a2": 0.5})


@pytest.mark.parametrize(
    ("executives", "ties", "reason"),
    [
        ({}, [], "The organization has no executives (leaders at level EXECUTIVE)."),
        ({"a1": "D1"}, [], "The organization has one executive, so there is no top team to split."),
        (
            {"a1": "D1", "a2": "D2"},
            [],
            "No collaboration ties are recorded among the 2 executives.",
        ),
    ],
)
def test_empty_top_teams(
    executives: dict[str, str], ties: list[tuple[str, str, float]], reason: str
) -> None:
    report = team(executives, ties, others={"m1": "D1", "m2": "D2"})
    assert report.empty_reason == reason
    assert report.verdict is V.NONE
    assert report.verdict_reason == f"Not assessed: {reason}"
    assert not report.factions
    assert not report.bridges
    assert not report.links
    assert report.modularity == 0.0
    assert report.alignment.within_division_share is None
    assert report.within_density is None


def test_acme() -> None:
    # l1 tied to l2 (0.9) and l3 (0.8): a path, one community, Q = 0.
    report = executive_factions(build_graphs(acme()))
    assert report.executives == 3
    assert report.verdict is V.NONE
    assert report.alignment.division_only == ("l2",)
    assert report.alignment.within_division_share == pytest.approx(0.9 / 1.7)


@pytest.mark.parametrize(("leaders", "seed"), [(200, 7), (200, 1), (1000, 7)])
def test_the_generated_top_team_is_split(leaders: int, seed: int) -> None:
    report = executive_factions(build_graphs(generate_organization(leaders=leaders, seed=seed)))
    assert 2 <= len(report.factions) <= 3
    assert report.verdict is not V.NONE
    assert report.isolated == ()
    assert report.bridges
    assert report.modularity >= 0.3


# ---- properties ----------------------------------------------------------------------------------

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def top_teams(draw: st.DrawFn) -> tuple[dict[str, str], list[tuple[str, str, float]]]:
    size = draw(st.integers(0, 8))
    ids = [f"e{i}" for i in range(size)]
    executives = {id: draw(st.sampled_from(["D1", "D2", "D3", "T1"])) for id in ids}
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    strengths = st.sampled_from([0.1, 0.25, 0.5, 0.8, 1.0])
    return executives, [(a, b, draw(strengths)) for a, b in chosen]


@FAST
@given(top_teams())
def test_figures_are_in_range(case: tuple[dict[str, str], list[tuple[str, str, float]]]) -> None:
    executives, ties = case
    report = team(executives, ties)
    assert -0.5 <= report.modularity <= 1.0
    for share in (report.alignment.within_division_share, report.alignment.faction_purity):
        assert share is None or 0.0 <= share <= 1.0 + 1e-12
    for value in (report.within_density, report.between_density, report.density):
        assert value is None or 0.0 <= value <= 1.0
    assert sum(len(c) for c in report.components) == report.executives
    in_factions = sum(len(f.members) for f in report.factions) + len(report.isolated)
    assert in_factions == report.executives
    assert (report.empty_reason is None) == (report.executives >= 2 and bool(ties))


@FAST
@given(top_teams())
def test_relabelling_ids_changes_nothing_but_ids(
    case: tuple[dict[str, str], list[tuple[str, str, float]]],
) -> None:
    executives, ties = case
    # Same order of leaders and ties, other ids.
    rename = {id: f"boss-{id}" for id in executives}
    before = team(executives, ties)
    after = team(
        {rename[id]: unit for id, unit in executives.items()},
        [(rename[a], rename[b], s) for a, b, s in ties],
    )
    assert after.verdict == before.verdict
    assert after.modularity == pytest.approx(before.modularity)
    assert {frozenset(rename[m] for m in f.members) for f in before.factions} == {
        frozenset(f.members) for f in after.factions
    }
    assert [tuple(rename[m] for m in c) for c in before.components] == list(after.components)
    assert [rename[i.leader] for i in before.isolated] == [i.leader for i in after.isolated]
    assert {rename[b.leader]: b.cross_strength for b in before.bridges} == {
        b.leader: b.cross_strength for b in after.bridges
    }
    assert (after.within_strength, after.between_strength) == (
        before.within_strength,
        before.between_strength,
    )
    assert after.alignment.within_division_share == before.alignment.within_division_share
