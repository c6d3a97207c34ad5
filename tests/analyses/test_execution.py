"""Reliable dependencies and the alignment trap, computed by hand on the sample organization."""

from __future__ import annotations

from datetime import date

import pytest

from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import (
    alignment_trap,
    dependency_reliability,
    execution_report,
)
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import silo_bottlenecks
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import Organization, OrgSnapshot, Unit
from tests.orgs import acme


def test_reliable_share_overall_and_by_division() -> None:
    # d1 u3->u4 SOMETIMES, d2 u4->u5 MOSTLY, d3 u3->u5 RARELY. u3 is in Sales (u1), u4 in
    # Operations (u2): Sales depends twice, never reliably; Operations once, reliably.
    report = dependency_reliability(build_graphs(acme()))
    assert (report.overall.dependencies, report.overall.reliable) == (3, 1)
    assert report.overall.share == pytest.approx(1 / 3)
    assert [(d.scope, d.dependencies, d.reliable, d.share) for d in report.by_division] == [
        ("u1", 2, 0, 0.0),
        ("u2", 1, 1, 1.0),
    ]
    assert report.by_division[0].reason == (
        "0 of 2 dependencies of Sales (0%) are rated ALWAYS or MOSTLY reliable."
    )
    assert report.empty_reason is None


def test_no_dependencies_is_a_well_formed_empty_result() -> None:
    report = dependency_reliability(
        build_graphs(OrgSnapshot.of(Organization("o", "O"), [Unit("u1", "Only")]))
    )
    assert report.overall.share is None
    assert report.by_division == []
    assert report.empty_reason == "The organization has no dependencies between units."


def test_alignment_trap_on_field_sales() -> None:
    # Field Sales (u3): ties t3 l4-l7 (1.0, l7 reports to l4: vertical, internal) and t5 l4-l6
    # (0.2, to Planning: external). Vertical 1.0/1.2 = 0.83, external 0.2/1.2 = 0.17.
    # Conflicts by 2025-12-31: c1 resolved late, c2 open -> 1 of 2 unresolved = 0.5.
    report = alignment_trap(build_graphs(acme()), as_of=date(2025, 12, 31))
    first = report.units[0]
    assert first.unit == "u3"
    assert first.signal
    assert first.vertical_share == pytest.approx(1.0 / 1.2)
    assert first.external_share == pytest.approx(0.2 / 1.2)
    assert (first.unresolved_conflicts, first.cross_unit_conflicts) == (1, 2)
    assert "the alignment trap" in first.reason
    assert [u.unit for u in report.units if u.signal] == ["u3"]
    # Operations' Logistics (u4) ties only across (t4 to Planning): no signal.
    logistics = next(u for u in report.units if u.unit == "u4")
    assert (logistics.vertical_share, logistics.external_share) == (0.0, 1.0)
    assert not logistics.signal


def test_alignment_trap_as_of_an_earlier_date() -> None:
    graphs = build_graphs(acme())
    # On 2025-04-01, c1 (raised 03-01, resolved 06-01) was still open and c2 not yet raised.
    spring = next(u for u in alignment_trap(graphs, date(2025, 4, 1)).units if u.unit == "u3")
    assert (spring.unresolved_conflicts, spring.cross_unit_conflicts) == (1, 1)
    assert spring.signal
    # On 2025-02-01 Field Sales had no conflict yet: the signal needs unresolved conflicts.
    winter = next(u for u in alignment_trap(graphs, date(2025, 2, 1)).units if u.unit == "u3")
    assert winter.cross_unit_conflicts == 0
    assert not winter.signal


def test_alignment_trap_without_ties() -> None:
    snapshot = OrgSnapshot.of(Organization("o", "O"), [Unit("u1", "A"), Unit("u2", "B")])
    report = alignment_trap(build_graphs(snapshot), date(2025, 1, 1))
    assert report.empty_reason is not None
    assert [u.signal for u in report.units] == [False, False]
    assert report.units[0].reason == "A: its leaders have no collaboration ties."


def test_the_report_reuses_reports_already_computed_without_changing() -> None:
    graphs = build_graphs(generate_organization(leaders=200, seed=5))
    as_of = date(2026, 1, 1)
    alone = execution_report(graphs, as_of, top=3)
    # An export computes every row of each analysis first, then the report from them.
    reused = execution_report(
        graphs,
        as_of,
        top=3,
        silos=silo_bottlenecks(graphs, top=500),
        hotspots=conflict_hotspots(graphs, as_of, top=500),
        factions=executive_factions(graphs),
    )
    assert reused == alone
    assert len(alone.bottlenecks) == 3
