"""Silo and bottleneck analysis: every figure checked on graphs small enough to count by hand."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries.analyses.metrics import (
    BrokerageRoles,
    brokerage_roles,
    constraint,
    cross_group_betweenness,
    cut_points,
    effective_size,
    paths_between,
    unit_bridges,
)
from graph_queries.analyses.silos import (
    BottleneckKind,
    Coverage,
    PairPaths,
    SiloReport,
    dependency_coverage,
    leader_graph,
    scope_units,
    silo_bottlenecks,
    unit_ei_index,
    unit_graph,
    unit_insularity,
    unit_ties,
)
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import (
    Dependency,
    Entity,
    Leader,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)
from tests.orgs import acme


def org(*entities: Entity) -> OrgGraphs:
    return build_graphs(OrgSnapshot.of(Organization("o", "Org"), list(entities)))


def units(*ids: str) -> list[Unit]:
    return [Unit(id, f"Unit {id}") for id in ids]


def leaders(**unit_of: str) -> list[Leader]:
    return [Leader(id, f"Leader {id}", unit, title=f"Head {id}") for id, unit in unit_of.items()]


def ties(*pairs: str, strength: float = 1.0) -> list[Tie]:
    """'a1-b1' -> a tie between a1 and b1, with id 't:a1-b1'."""
    ends = [pair.split("-") for pair in pairs]
    return [Tie(f"t:{a}-{b}", a, b, strength) for a, b in ends]


# ---- E-I index and insularity --------------------------------------------------------------------


def ei_org() -> OrgGraphs:
    # Unit A (a1, a2, a3) has 2 internal ties (a1-a2, a2-a3) of strength 1 and 6 external ones
    # (to B and C) of strength 0.5; unit D has no ties at all.
    return org(
        *units("A", "B", "C", "D"),
        *leaders(a1="A", a2="A", a3="A", b1="B", b2="B", c1="C", d1="D"),
        *ties("a1-a2", "a2-a3"),
        *ties("a1-b1", "a1-b2", "a2-b1", "a3-b2", "a3-c1", "a1-c1", strength=0.5),
    )


def test_ei_index_and_insularity_count_ties_or_sum_strengths() -> None:
    graphs = ei_org()
    assert unit_ties(graphs, "A").internal == 2
    assert unit_ties(graphs, "A").external == 6
    assert unit_ties(graphs, "A").partners == ("B", "C")
    # E-I = (E - I) / (E + I) = (6 - 2) / 8 = 0.5; insularity = I / (I + E) = 2 / 8.
    assert unit_ei_index(graphs, "A") == 0.5
    assert unit_insularity(graphs, "A") == 0.25
    # By strength: E = 6 * 0.5 = 3, I = 2 * 1 = 2: (3 - 2) / 5 = 0.2 and 2 / 5 = 0.4.
    assert unit_ei_index(graphs, "A", weighted=True) == pytest.approx(0.2)
    assert unit_insularity(graphs, "A", weighted=True) == pytest.approx(0.4)
    # B: 3 external ties, none inside: +1 and 0.
    assert unit_ei_index(graphs, "B") == 1.0
    assert unit_insularity(graphs, "B") == 0.0


def test_ei_index_of_a_unit_without_ties_is_none_with_a_note() -> None:
    graphs = ei_org()
    assert unit_ei_index(graphs, "D") is None
    assert unit_insularity(graphs, "D", weighted=True) is None
    row = next(row for row in silo_bottlenecks(graphs).units if row.unit_id == "D")
    assert row.ei_index is None
    assert row.insularity is None
    assert row.note is not None
    assert "E-I index and insularity are undefined" in row.note


def test_two_ties_between_the_same_leaders_count_twice() -> None:
    graphs = org(
        *units("A", "B"),
        *leaders(a1="A", a2="A", b1="B"),
        Tie("t1", "a1", "b1", 0.5, "WORK"),
        Tie("t2", "a1", "b1", 0.25, "ADVICE"),
        *ties("a1-a2"),
    )
    # E = 2 ties (0.75 in strength), I = 1 (1.0): E-I = 1/3, weighted (0.75 - 1) / 1.75.
    assert unit_ei_index(graphs, "A") == pytest.approx(1 / 3)
    assert unit_ei_index(graphs, "A", weighted=True) == pytest.approx(-0.25 / 1.75)
    # In the leader graph it is one relationship, carrying both tie ids.
    assert leader_graph(graphs).edges["a1", "b1"]["ties"] == ("t1", "t2")


# ---- the unit graph: betweenness, Burt, articulation points --------------------------------------


def chain_of_units() -> OrgGraphs:
    # Units A - B - C - D, each link one tie of strength 1 between their leaders.
    return org(
        *units("A", "B", "C", "D"),
        *leaders(a1="A", b1="B", c1="C", d1="D"),
        *ties("a1-b1", "b1-c1", "c1-d1"),
    )


def test_unit_graph_weights_combine_tie_strength_and_criticality() -> None:
    graph = unit_graph(build_graphs(acme()))
    # Logistics - Planning: tie t4 (0.6) and dependency d2 (criticality 4):
    # weight = 0.6 + 4 / 5 = 1.4, distance = 1 / 1.4.
    link = graph.edges["u4", "u5"]
    assert (link["ties"], link["dependencies"], link["criticality"]) == (1, 1, 4)
    assert link["weight"] == pytest.approx(1.4)
    assert link["distance"] == pytest.approx(1 / 1.4)
    # Field Sales - Logistics: dependency d1 only (criticality 5): weight 1.
    assert graph.edges["u3", "u4"]["weight"] == pytest.approx(1.0)
    assert graph.edges["u3", "u4"]["ties"] == 0
    # Ties inside a unit (Ada - Ben in Sales) make no edge.
    assert not graph.has_edge("u1", "u1")


def test_unit_betweenness_and_articulation_points_on_a_chain() -> None:
    report = silo_bottlenecks(chain_of_units())
    rows = {row.unit_id: row for row in report.units}
    # B lies between A and C and between A and D: 2 of the 3 pairs of other units.
    assert rows["B"].betweenness == pytest.approx(2 / 3)
    assert rows["C"].betweenness == pytest.approx(2 / 3)
    assert rows["A"].betweenness == 0.0
    # Removing B leaves {A} and {C, D}: A is cut off from the larger part.
    assert rows["B"].articulation_point
    assert (rows["B"].cut_off, rows["B"].cut_off_from) == (("A",), ("C", "D"))
    assert (rows["C"].cut_off, rows["C"].cut_off_from) == (("D",), ("A", "B"))
    assert not rows["A"].articulation_point


def test_burt_constraint_and_effective_size_by_hand() -> None:
    rows = {row.unit_id: row for row in silo_bottlenecks(chain_of_units()).units}
    # B has two unconnected contacts of equal weight: p = 1/2 each, no indirect paths:
    # constraint = 2 * (1/2)^2 = 0.5, effective size = 2 (no redundancy).
    assert rows["B"].constraint == pytest.approx(0.5)
    assert rows["B"].effective_size == pytest.approx(2.0)
    # A has one contact: constraint 1, effective size 1.
    assert rows["A"].constraint == pytest.approx(1.0)
    assert rows["A"].effective_size == pytest.approx(1.0)
    # An unweighted triangle: each node's p = 1/2, indirect 1/2 * 1/2:
    # constraint = 2 * (1/2 + 1/4)^2 = 1.125, effective size = 2 - 2 * 1 / 2 = 1.
    triangle = nx.Graph([("x", "y"), ("y", "z"), ("x", "z")])
    assert constraint(triangle, weight=None)["x"] == pytest.approx(1.125)
    assert effective_size(triangle, weight=None)["x"] == pytest.approx(1.0)
    # Weighted, in Acme's unit graph: Field Sales' links weigh 1.0 (Logistics) and 0.6
    # (Planning), so p = 0.625 and 0.375; Logistics - Planning weighs 1.4, so p(Planning ->
    # Logistics) = 1.4 / 2.0 = 0.7 and p(Logistics -> Planning) = 1.4 / 2.4:
    # (0.625 + 0.375 * 0.7)^2 + (0.375 + 0.625 * 1.4 / 2.4)^2 = 1.33464.
    field_sales = constraint(unit_graph(build_graphs(acme())))["u3"]
    assert field_sales == pytest.approx(
        (0.625 + 0.375 * 0.7) ** 2 + (0.375 + 0.625 * 1.4 / 2.4) ** 2
    )


def test_burt_measures_match_networkx_and_are_none_when_isolated() -> None:
    # networkx 3.6's all-nodes (sparse) path of effective_size divides by the wrong row maximum
    # on weighted graphs (networkx PR #8906); its per-node path, used with `nodes=`, is right.
    graph = nx.gnm_random_graph(12, 25, seed=3)
    graph = nx.relabel_nodes(graph, {node: f"n{node}" for node in graph})
    for index, (a, b) in enumerate(graph.edges):
        graph.edges[a, b]["weight"] = 0.2 + (index % 5) / 4
    graph.add_node("alone")
    ours, theirs = constraint(graph), nx.constraint(graph, weight="weight")
    sizes = effective_size(graph)
    their_sizes = nx.effective_size(graph, nodes=list(graph), weight="weight")
    for node in graph:
        if node == "alone":
            assert ours[node] is None
            assert sizes[node] is None
        else:
            assert ours[node] == pytest.approx(theirs[node])
            assert sizes[node] == pytest.approx(their_sizes[node])


def test_note_for_a_unit_with_no_link_in_scope() -> None:
    report = silo_bottlenecks(ei_org())
    row = next(row for row in report.units if row.unit_id == "D")
    assert row.constraint is None
    assert row.effective_size is None
    assert row.note is not None
    assert "constraint and effective size are undefined" in row.note


# ---- leaders: cross-unit betweenness, brokerage roles, bridges -----------------------------------


def three_units_through_one_broker() -> OrgGraphs:
    # a1 (A) - b1 (B) - c1 (C) - c2 (C): units A and C meet only through b1.
    return org(
        *units("A", "B", "C"),
        *leaders(a1="A", b1="B", c1="C", c2="C"),
        *ties("a1-b1", "b1-c1", "c1-c2"),
    )


def test_cross_unit_betweenness_of_a_single_broker() -> None:
    graphs = three_units_through_one_broker()
    graph = leader_graph(graphs)
    scores = cross_group_betweenness(graph, dict(graph.nodes(data="unit")))
    # Cross-unit pairs: 4 leaders, unit sizes 1, 1, 2: (16 - 6) / 2 = 5 pairs. Without b1:
    # (a1, c1), (a1, c2), both through b1: 2 / 2 = 1.
    assert scores["b1"] == pytest.approx(1.0)
    # Without c1: (a1, b1), (a1, c2), (b1, c2); c1 is on the last two: 2 / 3.
    assert scores["c1"] == pytest.approx(2 / 3)
    # The pair c1 - c2 is inside one unit: no cross-unit path passes through anyone there.
    assert scores["a1"] == scores["c2"] == 0.0
    # Between A and C, b1 is on both shortest paths of the 2 connected leader pairs.
    assert paths_between(graph, "b1", "A", "C", dict(graph.nodes(data="unit"))) == (2.0, 2)


def test_cross_unit_betweenness_on_acme() -> None:
    graph = leader_graph(build_graphs(acme()))
    scores = cross_group_betweenness(graph, dict(graph.nodes(data="unit")))
    # 7 leaders; units of 2, 1, 2, 1, 1: (49 - 11) / 2 = 19 cross-unit pairs.
    # Flo (alone in Planning) is in 6 of them, leaving 13; she is on Ed-Di and Ed-Gus: 2 / 13.
    assert scores["l6"] == pytest.approx(2 / 13)
    # Di is in 5 (Gus shares her unit), leaving 14; she is on Gus-Flo and Gus-Ed: 2 / 14.
    assert scores["l4"] == pytest.approx(2 / 14)
    # Ada is on Ben-Cy: 1 / 14.
    assert scores["l1"] == pytest.approx(1 / 14)


def test_brokerage_roles_each_present() -> None:
    # Broker b (unit X) with contacts x1, x2 (X), y1, y2 (Y) and z1 (Z); only y1 - z1 are tied.
    graphs = org(
        *units("X", "Y", "Z"),
        *leaders(b="X", x1="X", x2="X", y1="Y", y2="Y", z1="Z"),
        *ties("b-x1", "b-x2", "b-y1", "b-y2", "b-z1", "y1-z1"),
    )
    graph = leader_graph(graphs)
    roles = brokerage_roles(graph, dict(graph.nodes(data="unit")))
    # Open pairs of b's 5 contacts: 10 pairs less y1-z1 = 9.
    # x1-x2: coordinator (all in X). y1-y2: itinerant (ends in Y, b in X).
    # x1/x2 with y1/y2/z1: 6 pairs where b shares a unit with one end: representative and
    # gatekeeper. y2-z1: liaison (three units). y1-z1 is closed.
    assert roles["b"] == BrokerageRoles(
        coordinator=1, gatekeeper=6, representative=6, itinerant=1, liaison=1
    )
    assert roles["b"].cross_unit == 8
    # y1's contacts b and z1 are tied: no open triad.
    assert roles["y1"] == BrokerageRoles()


def test_roles_and_cut_points_of_the_broker_between_three_units() -> None:
    graph = leader_graph(three_units_through_one_broker())
    unit_of = dict(graph.nodes(data="unit"))
    roles = brokerage_roles(graph, unit_of)
    assert roles["b1"] == BrokerageRoles(liaison=1)  # a1 (A) - b1 (B) - c1 (C)
    assert roles["c1"] == BrokerageRoles(gatekeeper=1, representative=1)  # b1 - c1 - c2 (C)
    # Removing b1 leaves {a1} and {c1, c2}: A is cut off from C. Removing c1 leaves c2 alone,
    # but C still has c2 only, which is then cut off from A and B.
    cuts = cut_points(graph, unit_of)
    assert (cuts["b1"].cut_off, cuts["b1"].cut_off_from) == (("A",), ("C",))
    assert (cuts["c1"].cut_off, cuts["c1"].cut_off_from) == (("C",), ("A", "B"))


def test_bridges_that_cut_units_off() -> None:
    graph = leader_graph(three_units_through_one_broker())
    bridges = unit_bridges(graph, dict(graph.nodes(data="unit")))
    # a1-b1 cuts A off from B and C. b1-c1 splits {a1, b1} from {c1, c2}: equal parts, the
    # one holding the first leader in depth-first order (a1) counts as the rest.
    # c1-c2 is a bridge too, but C keeps c1 on the other side: no unit is cut off.
    assert [(b.leader_a, b.leader_b, b.cut_off, b.cut_off_from) for b in bridges] == [
        ("a1", "b1", ("A",), ("B", "C")),
        ("b1", "c1", ("C",), ("A", "B")),
    ]
    assert bridges[0].tie_ids == ("t:a1-b1",)
    assert (bridges[0].unit_a, bridges[0].unit_b) == ("A", "B")


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 14), st.integers(0, 30), st.integers(0, 10_000))
def test_cut_points_and_bridges_match_networkx_with_one_group_per_node(
    nodes: int, edges: int, seed: int
) -> None:
    graph = nx.gnm_random_graph(nodes, edges, seed=seed)
    graph = nx.relabel_nodes(graph, {node: f"n{node:02d}" for node in graph})
    itself = {node: node for node in graph}
    assert set(cut_points(graph, itself)) == set(nx.articulation_points(graph))
    found = {frozenset((b.leader_a, b.leader_b)) for b in unit_bridges(graph, itself)}
    assert found == {frozenset(edge) for edge in nx.bridges(graph)}


# ---- dependencies without a direct tie -----------------------------------------------------------


def test_dependency_coverage_statuses() -> None:
    graphs = org(
        *units("A", "B", "C", "D"),
        *leaders(a1="A", b1="B", c1="C", c2="C", d1="D"),
        *ties("a1-c1", "b1-c1", "a1-c2", "b1-c2"),
        Dependency("d-ab", "A", "B", 4, Reliability.RARELY),  # via c1 or c2
        Dependency("d-da", "D", "A", 2, Reliability.MOSTLY),  # d1 has no ties
        Dependency("d-ca", "C", "A", 3),  # a1-c1 and a1-c2
    )
    coverage = {(c.unit_a, c.unit_b): c for c in dependency_coverage(graphs)}
    assert coverage["A", "B"].status is Coverage.BROKERED
    assert coverage["A", "B"].brokers == ("c1", "c2")
    assert coverage["A", "D"].status is Coverage.NO_BROKER
    assert coverage["A", "D"].brokers == ()
    assert coverage["A", "C"].status is Coverage.DIRECT
    assert coverage["A", "C"].direct_ties == 2
    report = silo_bottlenecks(graphs)
    assert [(c.unit_a, c.unit_b) for c in report.uncovered_dependencies] == [("A", "D"), ("A", "B")]
    assert report.uncovered_dependencies[1].reason == (
        "Unit A depends on Unit B (criticality 4, reliability RARELY), but no leader of one has "
        "a tie to a leader of the other: they go through 2 brokers (Leader c1 (Head c1) and "
        "Leader c2 (Head c2))"
    )


def test_single_broker_on_acme_is_named() -> None:
    [gap] = silo_bottlenecks(build_graphs(acme())).uncovered_dependencies
    # Field Sales (Di, Gus) needs Logistics (Ed); neither has a tie to the other; Flo
    # (Planning) has a tie to Di and to Ed.
    assert (gap.unit_a, gap.unit_b, gap.dependency_ids) == ("u3", "u4", ("d1",))
    assert gap.status is Coverage.SINGLE_BROKER
    assert gap.brokers == ("l6",)
    assert gap.reason.endswith("Flo Plan (Head of Planning) is their only go-between")


# ---- the report: ranking, scope, empty cases -----------------------------------------------------


def test_acme_top_bottleneck_is_flo_plan() -> None:
    report = silo_bottlenecks(build_graphs(acme()))
    top = report.bottlenecks[0]
    assert (top.kind, top.id, top.name) == (BottleneckKind.LEADER, "l6", "Flo Plan")
    # B = 1: Flo has the highest cross-unit betweenness (2/13, see above).
    # S = 0.5 + 0.5 * 1 / (5 - 1) = 0.625: removing her cuts Logistics off (1 of 5 units).
    # D = 1: she is the single broker of the only uncovered dependency (criticality 5).
    # score = 0.45 * 1 + 0.35 * 0.625 + 0.2 * 1 = 0.86875.
    assert top.relative_betweenness == 1.0
    assert top.separation == 0.625
    assert top.dependency_risk == 1.0
    assert top.score == 0.86875
    assert top.reason == (
        "Flo Plan (Head of Planning) is on both shortest paths between Field Sales and "
        "Logistics leaders (15% of all shortest paths between leaders of different units in "
        "scope); removing Flo Plan cuts Logistics off from Field Sales; Flo Plan is the only "
        "go-between for Field Sales depending on Logistics (criticality 5, reliability "
        "SOMETIMES)"
    )
    assert top.busiest_pair is not None
    assert (top.busiest_pair.through, top.busiest_pair.pairs) == (2.0, 2)
    # Di: B = (2/14) / (2/13) = 13/14, S = 0.625 (Gus is cut off), D = 0.
    second = report.bottlenecks[1]
    assert second.id == "l4"
    assert second.score == round(0.45 * 13 / 14 + 0.35 * 0.625, 6)
    assert [b.id for b in report.bottlenecks] == ["l6", "l4", "l1", "u4", "u5"]
    assert report.empty_reason is None


def test_busiest_pair_falls_back_to_one_unit_and_all_others() -> None:
    # Units A-D (3 leaders each) form one clique, tied to v (unit V) through a1 only; P-T (one
    # leader each) form a chain p-q-r-s-t hanging from v. Paths through v go from a side-1
    # leader to a side-2 one: 3 * 5 = 15 per side-1 unit, 12 per side-2 unit, so A-D are v's
    # top units, but no path between two of them passes through v. The reason then quotes A
    # against all other units: 15 of A's 3 * (9 + 5) = 42 connected pairs.
    side = [f"{unit.lower()}{i}" for unit in "ABCD" for i in (1, 2, 3)]
    chain = ["p1", "q1", "r1", "s1", "t1"]
    graphs = org(
        *units("A", "B", "C", "D", "V", "P", "Q", "R", "S", "T"),
        *leaders(v="V", **{leader: leader[0].upper() for leader in side + chain}),
        *ties(*(f"{a}-{b}" for i, a in enumerate(side) for b in side[i + 1 :])),
        *ties("a1-v", "v-p1", "p1-q1", "q1-r1", "r1-s1", "s1-t1"),
    )
    # (a1 ranks first: it carries the paths of the other 11 side-1 leaders to v and beyond.)
    top = next(b for b in silo_bottlenecks(graphs).bottlenecks if b.id == "v")
    assert top.busiest_pair == PairPaths("A", None, 15.0, 42)
    # 12 * 5 = 60 of the (18^2 - 42) / 2 - 17 = 124 cross-unit pairs without v: 48%.
    assert top.reason.startswith(
        "Leader v (Head v) is on 15 of the 42 shortest paths between Unit A and leaders of "
        "other units (48% of all shortest paths between leaders of different units in scope); "
        "removing Leader v cuts Unit P, Unit Q, Unit R and 2 other units off from Unit A, "
        "Unit B, Unit C and 1 other unit"
    )


def test_acme_leader_rows() -> None:
    rows = {row.leader_id: row for row in silo_bottlenecks(build_graphs(acme())).leaders}
    # Ben (l2) and Gus (l7) hang off one colleague of their own unit: no cross-unit role.
    assert set(rows) == {"l1", "l3", "l4", "l5", "l6"}
    assert rows["l6"].roles == BrokerageRoles(liaison=1)
    assert rows["l6"].bridge_partners == ("l4", "l5")
    assert rows["l6"].sole_broker_for == ("d1",)
    assert rows["l6"].cross_unit_pairs == 13
    assert rows["l6"].cross_unit_paths == pytest.approx(2.0)


def test_scope_is_one_division() -> None:
    graphs = build_graphs(acme())
    assert scope_units(graphs, "u2") == ["u2", "u4", "u5"]
    report = silo_bottlenecks(graphs, scope="u2")
    assert report.scope == "u2"
    assert [row.unit_id for row in report.units] == ["u2", "u4", "u5"]
    # Unit figures count all ties: Planning's tie to Field Sales (outside) is external too.
    planning = next(row for row in report.units if row.unit_id == "u5")
    assert planning.ties.external == 2
    assert planning.partner_units == 2
    # Structure is within the division: Operations (Cy) has no link inside it.
    operations = next(row for row in report.units if row.unit_id == "u2")
    assert operations.constraint is None
    assert {row.leader_id for row in report.leaders} <= {"l3", "l5", "l6"}
    assert [(b.leader_a, b.leader_b) for b in report.bridges] == [("l5", "l6")]
    assert report.uncovered_dependencies == []  # d1 and d3 leave the division
    assert {b.id for b in report.bottlenecks} <= {"u2", "u4", "u5", "l3", "l5", "l6"}


def test_unknown_or_nested_scope_is_a_value_error() -> None:
    graphs = build_graphs(acme())
    with pytest.raises(ValueError, match="unknown scope 'nope'"):
        silo_bottlenecks(graphs, scope="nope")
    with pytest.raises(ValueError, match="not a division"):
        silo_bottlenecks(graphs, scope="u3")
    with pytest.raises(ValueError, match="top must be 0 or more"):
        silo_bottlenecks(graphs, top=-1)


def assert_empty(report: SiloReport, why: str) -> None:
    assert report.bottlenecks == []
    assert report.empty_reason is not None
    assert why in report.empty_reason


def test_empty_organization() -> None:
    report = silo_bottlenecks(org())
    assert_empty(report, "no units")
    assert (report.units, report.leaders, report.bridges) == ([], [], [])


def test_one_unit() -> None:
    report = silo_bottlenecks(org(*units("A"), *leaders(a1="A", a2="A"), *ties("a1-a2")))
    assert_empty(report, "Only one unit (Unit A)")
    [row] = report.units
    assert row.ei_index == -1.0  # one tie, inside
    assert row.betweenness == 0.0


def test_no_ties() -> None:
    graphs = org(
        *units("A", "B"),
        *leaders(a1="A", b1="B"),
        Dependency("d1", "A", "B", 5, Reliability.NEVER),
    )
    report = silo_bottlenecks(graphs)
    assert_empty(report, "no collaboration ties")
    assert "1 pair of dependent units" in (report.empty_reason or "")
    assert [c.status for c in report.uncovered_dependencies] == [Coverage.NO_BROKER]
    assert all(row.ei_index is None for row in report.units)


def test_no_leaders() -> None:
    report = silo_bottlenecks(org(*units("A", "B"), Dependency("d1", "A", "B")))
    assert_empty(report, "has leaders")
    assert len(report.units) == 2


def test_nothing_stands_out() -> None:
    # Two units joined by one tie: no third unit or leader in between, nothing to cut off.
    report = silo_bottlenecks(org(*units("A", "B"), *leaders(a1="A", b1="B"), *ties("a1-b1")))
    assert_empty(report, "No unit or leader stands out")


def test_top_limits_the_list() -> None:
    graphs = build_graphs(acme())
    assert [b.id for b in silo_bottlenecks(graphs, top=2).bottlenecks] == ["l6", "l4"]
    report = silo_bottlenecks(graphs, top=0)
    assert report.bottlenecks == []
    assert report.empty_reason is None


def test_generated_organization_is_well_formed() -> None:
    # Its speed is measured in bench/bench_analyses.py, not asserted here.
    graphs = build_graphs(generate_organization(leaders=300))
    report = silo_bottlenecks(graphs)
    assert len(report.bottlenecks) == 10
    assert all(0 < b.score <= 1 for b in report.bottlenecks)
    assert [b.score for b in report.bottlenecks] == sorted(
        (b.score for b in report.bottlenecks), reverse=True
    )
    assert all(b.reason for b in report.bottlenecks)


# ---- properties ----------------------------------------------------------------------------------


@st.composite
def snapshots(draw: st.DrawFn) -> OrgSnapshot:
    """Up to 4 units (some nested), 8 leaders, 12 ties and 5 dependencies."""
    unit_count = draw(st.integers(1, 4))
    entities: list[Entity] = []
    for i in range(unit_count):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        kind = UnitKind.DIVISION if parent is None else UnitKind.TEAM
        entities.append(Unit(f"u{i}", f"Unit {i}", kind, None if parent is None else f"u{parent}"))
    leader_count = draw(st.integers(0, 8))
    for i in range(leader_count):
        entities.append(Leader(f"l{i}", f"Leader {i}", f"u{draw(st.integers(0, unit_count - 1))}"))
    pairs = [(a, b) for a in range(leader_count) for b in range(a + 1, leader_count)]
    if pairs:
        drawn = draw(st.lists(st.tuples(st.sampled_from(pairs), st.floats(0.05, 1.0)), max_size=12))
        for i, ((a, b), strength) in enumerate(drawn):
            entities.append(Tie(f"t{i}", f"l{a}", f"l{b}", round(strength, 2)))
    if unit_count > 1:
        unit_pairs = [(a, b) for a in range(unit_count) for b in range(unit_count) if a != b]
        needs = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(unit_pairs),
                    st.integers(1, 5),
                    st.sampled_from(list(Reliability)),
                ),
                max_size=5,
            )
        )
        for i, ((a, b), criticality, reliability) in enumerate(needs):
            entities.append(Dependency(f"d{i}", f"u{a}", f"u{b}", criticality, reliability))
    return OrgSnapshot.of(Organization("o", "Org"), entities)


def relabel(snapshot: OrgSnapshot, mapping: dict[str, str]) -> OrgSnapshot:
    """The same organization with every id x renamed mapping.get(x, x)."""

    def rename(value: Any) -> Any:
        if isinstance(value, str):
            return mapping.get(value, value)
        if isinstance(value, tuple):
            return tuple(rename(item) for item in value)
        return value

    renamed = [
        dataclasses.replace(
            entity, **{f.name: rename(getattr(entity, f.name)) for f in dataclasses.fields(entity)}
        )
        for entity in snapshot.entities()
    ]
    return OrgSnapshot.of(snapshot.organization, renamed)


def plain(report: SiloReport, mapping: dict[str, str] | None = None) -> Any:
    """The report as nested plain values, with ids mapped back through `mapping`."""
    mapping = mapping or {}

    def back(value: Any) -> Any:
        if isinstance(value, dict):
            return {back(key): back(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(back(item) for item in value)
        if isinstance(value, str):
            return mapping.get(value, value)
        return value

    return back(dataclasses.asdict(report))


def all_ids(snapshot: OrgSnapshot) -> list[str]:
    return [entity.id for entity in snapshot.entities()]


@settings(max_examples=50, deadline=None)
@given(snapshots())
def test_ei_index_is_between_minus_one_and_one(snapshot: OrgSnapshot) -> None:
    for row in silo_bottlenecks(build_graphs(snapshot)).units:
        for value in (row.ei_index, row.ei_index_weighted):
            assert value is None or -1.0 <= value <= 1.0
        for value in (row.insularity, row.insularity_weighted):
            assert value is None or 0.0 <= value <= 1.0
        if row.ei_index is not None and row.insularity is not None:
            assert row.insularity == pytest.approx((1 - row.ei_index) / 2)


@settings(max_examples=50, deadline=None)
@given(snapshots())
def test_relabelling_in_the_same_order_changes_only_the_ids(snapshot: OrgSnapshot) -> None:
    # A prefix keeps the ids in the same order, so even ties between equal scores resolve the
    # same way: the whole report is equal once the ids are mapped back.
    mapping = {id: f"x-{id}" for id in all_ids(snapshot)}
    back = {new: old for old, new in mapping.items()}
    renamed = build_graphs(relabel(snapshot, mapping))
    original = silo_bottlenecks(build_graphs(snapshot))
    assert plain(silo_bottlenecks(renamed), back) == plain(original)


@settings(max_examples=50, deadline=None)
@given(snapshots(), st.randoms(use_true_random=False))
def test_any_relabelling_keeps_every_figure(snapshot: OrgSnapshot, rng: random.Random) -> None:
    # Shuffled ids may reorder equal scores and swap equal halves of a split, but the figures
    # of every unit and leader stay the same.
    ids = all_ids(snapshot)
    shuffled = rng.sample(ids, len(ids))
    mapping = dict(zip(ids, [f"n{i}:{id}" for i, id in enumerate(shuffled)], strict=True))
    back = {new: old for old, new in mapping.items()}
    before = silo_bottlenecks(build_graphs(snapshot))
    after = silo_bottlenecks(build_graphs(relabel(snapshot, mapping)))
    assert before.empty_reason is None or after.empty_reason is not None
    renamed = sorted(after.units, key=lambda row: back[row.unit_id])
    for old, new in zip(before.units, renamed, strict=True):
        assert back[new.unit_id] == old.unit_id
        assert (new.ei_index, new.insularity, new.partner_units) == (
            old.ei_index,
            old.insularity,
            old.partner_units,
        )
        assert new.betweenness == pytest.approx(old.betweenness)
        assert new.constraint == pytest.approx(old.constraint)
        assert new.articulation_point == old.articulation_point
    new_leaders = {back[row.leader_id]: row for row in after.leaders}
    assert set(new_leaders) == {row.leader_id for row in before.leaders}
    for row in before.leaders:
        assert new_leaders[row.leader_id].cross_unit_betweenness == pytest.approx(
            row.cross_unit_betweenness
        )
        assert new_leaders[row.leader_id].roles == row.roles
    assert sorted(b.score for b in after.bottlenecks) == pytest.approx(
        sorted(b.score for b in before.bottlenecks)
    )


@settings(max_examples=50, deadline=None)
@given(snapshots(), st.data())
def test_an_internal_tie_never_lowers_insularity(
    snapshot: OrgSnapshot, data: st.DataObject
) -> None:
    by_unit: dict[str, list[str]] = {}
    for leader in snapshot.leaders.values():
        by_unit.setdefault(leader.unit_id, []).append(leader.id)
    crowded = sorted(unit for unit, members in by_unit.items() if len(members) >= 2)
    if not crowded:
        return
    unit = data.draw(st.sampled_from(crowded))
    a, b = data.draw(st.lists(st.sampled_from(by_unit[unit]), min_size=2, max_size=2, unique=True))
    strength = data.draw(st.floats(0.05, 1.0))
    before = build_graphs(snapshot)
    after = build_graphs(
        OrgSnapshot.of(snapshot.organization, [*snapshot.entities(), Tie("new", a, b, strength)])
    )
    for weighted in (False, True):
        old, new = (
            unit_insularity(before, unit, weighted=weighted),
            unit_insularity(after, unit, weighted=weighted),
        )
        assert new is not None
        assert old is None or new >= old - 1e-12


@settings(max_examples=50, deadline=None)
@given(snapshots(), st.randoms(use_true_random=False))
def test_the_ranking_is_deterministic(snapshot: OrgSnapshot, rng: random.Random) -> None:
    first = silo_bottlenecks(build_graphs(snapshot))
    assert plain(silo_bottlenecks(build_graphs(snapshot))) == plain(first)
    # Entities in another order (as another store may return them) give the same report.
    entities = snapshot.entities()
    shuffled = OrgSnapshot.of(snapshot.organization, rng.sample(entities, len(entities)))
    assert plain(silo_bottlenecks(build_graphs(shuffled))) == plain(first)
    scores = [b.score for b in first.bottlenecks]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)
    assert (first.empty_reason is None) or not first.bottlenecks


def test_large_scopes_are_estimated_from_a_sample_and_say_so() -> None:
    graphs = build_graphs(generate_organization(leaders=300, seed=3))
    exact = silo_bottlenecks(graphs, top=10, path_sample=None)
    estimated = silo_bottlenecks(graphs, top=10, path_sample=120)
    assert exact.path_counting.exact
    assert exact.path_counting.leader_sources == exact.path_counting.leaders == 300
    counting = estimated.path_counting
    assert not counting.exact
    assert (counting.leader_sources, counting.leaders) == (120, 300)
    assert counting.unit_sources == min(120, counting.units)
    # Same seed, same figures; and the reasons say which figures are estimates.
    assert silo_bottlenecks(graphs, top=10, path_sample=120) == estimated
    leaders = [b for b in estimated.bottlenecks if b.kind is BottleneckKind.LEADER]
    assert leaders
    assert all("estimated from a sample" in b.reason for b in leaders)
    assert not any("estimated" in b.reason for b in exact.bottlenecks)

    # A sample of 40% finds most of the same brokers.
    def brokers(report: SiloReport) -> set[str]:
        ranked = sorted(report.leaders, key=lambda row: -row.cross_unit_paths)
        return {row.leader_id for row in ranked[:10]}

    assert len(brokers(exact) & brokers(estimated)) >= 7


def test_a_path_sample_under_two_is_refused() -> None:
    graphs = build_graphs(generate_organization(leaders=30, seed=1))
    with pytest.raises(ValueError, match="path sample must be 2 or more, not 1"):
        silo_bottlenecks(graphs, path_sample=1)


def test_busiest_pairs_are_named_for_the_first_bottlenecks_only() -> None:
    graphs = build_graphs(generate_organization(leaders=300, seed=3))
    everyone = silo_bottlenecks(graphs, top=1000, path_sample=None)
    bounded = silo_bottlenecks(graphs, top=1000, path_sample=None, busiest_pairs=5)
    # The ranking and every figure but the reasons of leaders past the bound are the same.
    assert [(b.id, b.score) for b in bounded.bottlenecks] == [
        (b.id, b.score) for b in everyone.bottlenecks
    ]
    assert bounded.bottlenecks[:5] == everyone.bottlenecks[:5]
    assert len(bounded.bottlenecks) > 5
    later = [b for b in bounded.bottlenecks[5:] if b.kind is BottleneckKind.LEADER]
    assert later
    assert all(b.busiest_pair is None for b in later)
    # Past the bound a leader's reason quotes its share of cross-unit paths, no unit pair.
    with_share = [b for b in later if b.betweenness > 0]
    assert with_share
    for bottleneck in with_share:
        assert "of all shortest paths between leaders of different units" in bottleneck.reason
        assert " leaders (" not in bottleneck.reason
    named = [b for b in everyone.bottlenecks[5:] if b.kind is BottleneckKind.LEADER]
    assert any(b.busiest_pair is not None for b in named)


def test_a_negative_busiest_pairs_is_refused() -> None:
    graphs = build_graphs(generate_organization(leaders=30, seed=1))
    with pytest.raises(ValueError, match="busiest pairs must be 0 or more, not -1"):
        silo_bottlenecks(graphs, busiest_pairs=-1)
