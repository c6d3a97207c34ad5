"""The generated organization: deterministic, always valid, and shaped like a real one."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, timedelta

import networkx as nx
import pytest

from graph_queries.generator import generate_organization, largest_remainder
from graph_queries.model import ConflictStatus, LeaderLevel, OrgSnapshot, UnitKind
from graph_queries.validation import validate_snapshot

TODAY = date(2026, 1, 1)
SURVEY = {
    ConflictStatus.ANTICIPATED_AVOIDED: 15,
    ConflictStatus.RESOLVED_QUICKLY: 26,
    ConflictStatus.RESOLVED_LATE: 37,
    ConflictStatus.TRIED_FAILED: 10,
    ConflictStatus.UNADDRESSED: 12,
}


@pytest.fixture(scope="module")
def thousand() -> OrgSnapshot:
    return generate_organization(leaders=1000)


def depth_of(snapshot: OrgSnapshot, leader_id: str) -> int:
    depth = 0
    manager = snapshot.leaders[leader_id].reports_to_id
    while manager is not None:
        depth += 1
        manager = snapshot.leaders[manager].reports_to_id
    return depth


def root_of(snapshot: OrgSnapshot, unit_id: str) -> str:
    while (parent := snapshot.units[unit_id].parent_id) is not None:
        unit_id = parent
    return unit_id


def expected_mix(total: int) -> dict[ConflictStatus, int]:
    """Largest remainder computed here from scratch, not with the generator's helper."""
    counts = {status: total * percent // 100 for status, percent in SURVEY.items()}
    remainders = {status: total * percent % 100 for status, percent in SURVEY.items()}
    left = total - sum(counts.values())
    for status in sorted(SURVEY, key=lambda s: -remainders[s])[:left]:
        counts[status] += 1
    return counts


# ---- determinism and validity --------------------------------------------------------------------


def test_the_same_seed_gives_the_same_organization() -> None:
    assert generate_organization(leaders=300, seed=5) == generate_organization(leaders=300, seed=5)
    assert generate_organization(leaders=300, seed=5) != generate_organization(leaders=300, seed=6)


@pytest.mark.parametrize("leaders", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 50, 100, 1000])
def test_every_size_is_valid_and_has_exactly_that_many_leaders(leaders: int) -> None:
    snapshot = generate_organization(leaders=leaders)
    assert validate_snapshot(snapshot) == []
    assert len(snapshot.leaders) == leaders
    assert snapshot.version == 0


@pytest.mark.parametrize("seed", range(8))
def test_other_seeds_are_valid_too(seed: int) -> None:
    assert validate_snapshot(generate_organization(leaders=400, seed=seed)) == []


def test_arguments_name_the_organization() -> None:
    snapshot = generate_organization(leaders=1, organization_id="acme", name="Acme Group")
    assert (snapshot.organization.id, snapshot.organization.name) == ("acme", "Acme Group")
    assert list(snapshot.leaders) == ["l1"]
    assert list(snapshot.units) == ["u1"]


def test_fewer_than_one_leader_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one leader"):
        generate_organization(leaders=0)


def test_ids_are_short_and_numbered(thousand: OrgSnapshot) -> None:
    for prefix, table in [
        ("u", thousand.units),
        ("l", thousand.leaders),
        ("d", thousand.dependencies),
        ("c", thousand.conflicts),
        ("t", thousand.ties),
    ]:
        assert list(table) == [f"{prefix}{number}" for number in range(1, len(table) + 1)]


def test_ten_thousand_leaders_take_a_few_seconds_at_most() -> None:
    started = time.perf_counter()
    snapshot = generate_organization(leaders=10_000)
    assert time.perf_counter() - started < 10
    assert len(snapshot.leaders) == 10_000


# ---- hierarchy and units -------------------------------------------------------------------------


def test_spans_of_control_are_five_to_nine(thousand: OrgSnapshot) -> None:
    reports: Counter[str] = Counter(
        leader.reports_to_id for leader in thousand.leaders.values() if leader.reports_to_id
    )
    short_by_depth: Counter[int] = Counter()
    for manager, count in reports.items():
        assert count <= 9
        if count < 5:
            short_by_depth[depth_of(thousand, manager)] += 1
    # Only the last manager of a level may have fewer, when too few leaders are left.
    assert all(count <= 1 for count in short_by_depth.values())


def test_levels_follow_depth_from_a_ceo_led_executive_team(thousand: OrgSnapshot) -> None:
    expected = {0: LeaderLevel.EXECUTIVE, 1: LeaderLevel.EXECUTIVE, 2: LeaderLevel.SENIOR}
    for leader in thousand.leaders.values():
        depth = depth_of(thousand, leader.id)
        level = expected.get(depth, LeaderLevel.MIDDLE if depth == 3 else LeaderLevel.FRONTLINE)
        assert leader.level is level
    ceo = thousand.leaders["l1"]
    assert ceo.reports_to_id is None
    assert ceo.title == "Chief Executive Officer"
    team = [leader for leader in thousand.leaders.values() if leader.reports_to_id == "l1"]
    assert 5 <= len(team) <= 9
    kinds = Counter(thousand.units[leader.unit_id].kind for leader in team)
    assert kinds[UnitKind.DIVISION] >= 2
    assert kinds[UnitKind.FUNCTION] >= 1


def test_units_form_a_forest_of_divisions_and_the_group_office(thousand: OrgSnapshot) -> None:
    roots = {root_of(thousand, unit_id) for unit_id in thousand.units}
    kinds = Counter(thousand.units[root].kind for root in roots)
    assert kinds[UnitKind.OTHER] == 1
    assert kinds[UnitKind.DIVISION] == len(roots) - 1
    under_divisions = {
        unit.kind
        for unit in thousand.units.values()
        if unit.parent_id and thousand.units[unit.parent_id].kind is UnitKind.DIVISION
    }
    assert under_divisions <= {UnitKind.FUNCTION, UnitKind.REGION}
    assert all(unit.name and len(unit.name) <= 200 for unit in thousand.units.values())
    assert all(leader.title for leader in thousand.leaders.values())


# ---- ties ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("leaders", "seed"), [(100, 7), (1000, 7), (1000, 1), (5000, 2), (30, 4)])
def test_the_executive_team_forms_two_or_three_loosely_linked_groups(
    leaders: int, seed: int
) -> None:
    snapshot = generate_organization(leaders=leaders, seed=seed)
    executives = {
        leader.id for leader in snapshot.leaders.values() if leader.level is LeaderLevel.EXECUTIVE
    }
    everything, strong = nx.Graph(), nx.Graph()
    everything.add_nodes_from(executives)
    strong.add_nodes_from(executives)
    for tie in snapshot.ties.values():
        if {tie.leader_a_id, tie.leader_b_id} <= executives:
            everything.add_edge(tie.leader_a_id, tie.leader_b_id)
            if tie.strength >= 0.3:
                strong.add_edge(tie.leader_a_id, tie.leader_b_id)
    groups = list(nx.connected_components(strong))
    assert 2 <= len(groups) <= 3
    assert all(nx.density(strong.subgraph(group)) == 1.0 for group in groups if len(group) > 1)
    assert nx.is_connected(everything)
    weak_links = everything.number_of_edges() - strong.number_of_edges()
    assert len(groups) - 1 <= weak_links <= 2 * (len(groups) - 1)


def test_ties_are_dense_inside_teams_and_thin_across(thousand: OrgSnapshot) -> None:
    leaders = thousand.leaders
    close = 0
    for tie in thousand.ties.values():
        a, b = leaders[tie.leader_a_id], leaders[tie.leader_b_id]
        reporting_line = tie.leader_a_id == b.reports_to_id or tie.leader_b_id == a.reports_to_id
        if reporting_line or a.reports_to_id == b.reports_to_id or a.unit_id == b.unit_id:
            close += 1
    assert close / len(thousand.ties) > 0.75
    # Every leader but the CEO is tied to someone.
    tied = {tie.leader_a_id for tie in thousand.ties.values()}
    tied |= {tie.leader_b_id for tie in thousand.ties.values()}
    assert tied == set(leaders)


# ---- dependencies and conflicts ------------------------------------------------------------------


def test_about_eighty_percent_of_dependencies_stay_inside_a_division(thousand: OrgSnapshot) -> None:
    dependencies = list(thousand.dependencies.values())
    inside = sum(
        root_of(thousand, d.from_unit_id) == root_of(thousand, d.to_unit_id) for d in dependencies
    )
    assert 0.75 <= inside / len(dependencies) <= 0.85
    assert {d.criticality for d in dependencies} == {1, 2, 3, 4, 5}
    reliability = Counter(d.reliability.value for d in dependencies)
    assert reliability.most_common(2)[0][0] in {"MOSTLY", "SOMETIMES"}
    assert reliability["MOSTLY"] + reliability["SOMETIMES"] > len(dependencies) / 2
    assert any(d.owner_ids for d in dependencies)
    assert any(not d.owner_ids for d in dependencies)


@pytest.mark.parametrize("leaders", [7, 100, 1000, 3000])
def test_conflict_outcomes_follow_the_survey_mix(leaders: int) -> None:
    snapshot = generate_organization(leaders=leaders)
    statuses = Counter(conflict.status for conflict in snapshot.conflicts.values())
    closed = len(snapshot.conflicts) - statuses[ConflictStatus.OPEN]
    for status, count in expected_mix(closed).items():
        assert abs(statuses[status] - count) <= 1, status


def test_conflict_dates_fit_their_status(thousand: OrgSnapshot) -> None:
    delays = {
        ConflictStatus.ANTICIPATED_AVOIDED: (0, 3),
        ConflictStatus.RESOLVED_QUICKLY: (1, 14),
        ConflictStatus.RESOLVED_LATE: (30, 180),
    }
    for conflict in thousand.conflicts.values():
        assert TODAY - timedelta(days=365) <= conflict.raised_at < TODAY
        if conflict.status is ConflictStatus.OPEN:
            assert conflict.raised_at >= TODAY - timedelta(days=30)
        if conflict.status in delays:
            assert conflict.resolved_at is not None
            assert conflict.resolved_at <= TODAY
            low, high = delays[conflict.status]
            assert low <= (conflict.resolved_at - conflict.raised_at).days <= high
        else:
            assert conflict.resolved_at is None
    assert any(c.status is ConflictStatus.OPEN for c in thousand.conflicts.values())


def test_conflicts_are_between_units_with_and_without_a_dependency(thousand: OrgSnapshot) -> None:
    conflicts = list(thousand.conflicts.values())
    with_dependency = [c for c in conflicts if c.dependency_id is not None]
    assert 0.5 < len(with_dependency) / len(conflicts) < 0.9
    for conflict in with_dependency:
        dependency = thousand.dependencies[conflict.dependency_id or ""]
        assert {conflict.unit_a_id, conflict.unit_b_id} == {
            dependency.from_unit_id,
            dependency.to_unit_id,
        }


def test_today_moves_the_conflict_dates() -> None:
    later = date(2030, 6, 1)
    snapshot = generate_organization(leaders=200, today=later)
    assert all(
        later - timedelta(days=365) <= c.raised_at < later for c in snapshot.conflicts.values()
    )


# ---- largest remainder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, [0, 0, 0, 0, 0]), (1, [0, 0, 1, 0, 0]), (6, [1, 1, 2, 1, 1]), (100, [15, 26, 37, 10, 12])],
)
def test_largest_remainder_splits_whole_numbers(total: int, expected: list[int]) -> None:
    assert largest_remainder(total, [15, 26, 37, 10, 12]) == expected


def test_largest_remainder_always_adds_up() -> None:
    for total in range(200):
        counts = largest_remainder(total, [15, 26, 37, 10, 12])
        assert sum(counts) == total
        assert counts == [expected_mix(total)[status] for status in SURVEY]
