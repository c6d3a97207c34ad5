"""The directed network of a layer, and the tie kinds every analysis can be restricted to."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_queries.analyses.directed import directed_network
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import silo_bottlenecks
from graph_queries.graphs import build_graphs
from graph_queries.layers import restrict_ties
from graph_queries.model import OrgSnapshot, Tie, TieKind
from tests.orgs import acme

ADVICE = TieKind("advice", directed=True)


def advice_acme() -> OrgSnapshot:
    """Acme, where the field asks its managers for advice and one pair advises each other."""
    snapshot = acme()
    snapshot.tie_kinds = (ADVICE, TieKind("MEETING"))
    arcs = [("l4", "l2"), ("l7", "l2"), ("l7", "l4"), ("l2", "l1"), ("l1", "l2"), ("l5", "l3")]
    for number, (a, b) in enumerate(arcs, start=1):
        snapshot.ties[f"a{number}"] = Tie(f"a{number}", a, b, kind="advice")
    return snapshot


def test_degrees_reciprocity_and_betweenness_follow_the_arcs() -> None:
    report = directed_network(build_graphs(advice_acme()), top=None)
    assert report.layer == ("advice",)
    assert (report.arcs, report.mutual_pairs, report.leader_count) == (6, 1, 6)
    assert report.reciprocity == pytest.approx(2 / 6, abs=1e-6)
    rows = {row.leader_id: row for row in report.leaders}
    assert [row.leader_id for row in report.leaders][:2] == ["l2", "l1"]
    assert (rows["l2"].in_degree, rows["l2"].out_degree) == (3, 1)
    # The same figures from networkx on the arcs alone.
    arcs = nx.DiGraph(
        [(t.leader_a_id, t.leader_b_id) for t in advice_acme().ties.values() if t.kind == "advice"]
    )
    expected = nx.betweenness_centrality(arcs, normalized=True)
    assert {k: row.betweenness for k, row in rows.items()} == pytest.approx(expected, abs=1e-6)
    assert nx.reciprocity(arcs) == pytest.approx(report.reciprocity, abs=1e-6)


def test_the_ei_index_counts_arcs_within_and_between_units() -> None:
    report = directed_network(build_graphs(advice_acme()))
    groups = {group.group: group for group in report.groups}
    # u1: l1 and l2 advise each other (2 internal), l4 and l7 (u3) ask l2 (2 received).
    assert (groups["u1"].internal, groups["u1"].sent, groups["u1"].received) == (2, 0, 2)
    assert groups["u1"].ei_index == 0.0
    assert (groups["u3"].internal, groups["u3"].sent) == (1, 2)
    # Whole layer: within u1 2, within u3 1; between: l4->l2, l7->l2, l5->l3 = 3.
    assert report.ei_index == 0.0


def test_a_layer_without_directed_kinds_says_why() -> None:
    assert directed_network(build_graphs(acme())).empty_reason == (
        "The organization declares no directed tie kind."
    )
    report = directed_network(build_graphs(advice_acme()), frozenset({"MEETING"}))
    assert report.empty_reason == "Not declared directed: MEETING."


def test_restricting_to_a_kind_keeps_only_its_ties() -> None:
    graphs = build_graphs(advice_acme())
    meeting = restrict_ties(graphs, frozenset({"MEETING"}))
    assert sorted(key for _, _, key in meeting.collaboration.edges(keys=True)) == ["t1", "t2"]
    assert meeting.arcs.number_of_edges() == 0
    assert restrict_ties(graphs, None) is graphs


def test_every_analysis_reads_only_the_layer_it_is_given() -> None:
    graphs = build_graphs(advice_acme())
    plain = build_graphs(acme())
    work_only = frozenset({"WORK"})
    layered = silo_bottlenecks(graphs, kinds=work_only)
    assert layered == silo_bottlenecks(restrict_ties(plain, work_only))
    assert silo_bottlenecks(graphs) != silo_bottlenecks(plain)  # the arcs count as ties
    meetings = executive_factions(graphs, kinds=frozenset({"MEETING"}))
    assert meetings == executive_factions(restrict_ties(plain, frozenset({"MEETING"})))


def test_existing_organizations_have_no_arcs() -> None:
    graphs = build_graphs(acme())
    assert graphs.directed_kinds == frozenset()
    assert graphs.arcs.number_of_edges() == 0
    assert graphs.arcs.number_of_nodes() == 7
