"""What the analyses find in two real organizations, checked against what is known of them.

docs/validation.md records the findings; these tests hold the ones that follow from the data.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.factions import FactionReport, FactionVerdict, executive_factions
from graph_queries.analyses.silos import SiloReport, silo_bottlenecks
from graph_queries.graphs import OrgGraphs, build_graphs
from tests.realdata import email_eu_core, lazega


@pytest.fixture(scope="module")
def law(tmp_path_factory: pytest.TempPathFactory) -> OrgGraphs:
    return build_graphs(lazega(tmp_path_factory.mktemp("lazega")))


@pytest.fixture(scope="module")
def law_factions(law: OrgGraphs) -> FactionReport:
    return executive_factions(law)


@pytest.fixture(scope="module")
def email_silos(tmp_path_factory: pytest.TempPathFactory) -> SiloReport:
    return silo_bottlenecks(build_graphs(email_eu_core(tmp_path_factory.mktemp("email"))))


def _office(graphs: OrgGraphs, leader: str) -> str:
    unit: str = graphs.reporting.nodes[leader]["unit"]
    office: str = graphs.units.nodes[unit]["division"]
    return office


def test_lazega_partner_factions_follow_the_offices(
    law: OrgGraphs, law_factions: FactionReport
) -> None:
    # Lazega (2001): the firm's partners split along offices (Boston, Hartford) more than
    # along practices. Louvain on the partners' co-work ties finds exactly that.
    assert law_factions.executives == 36
    assert len(law_factions.factions) == 2
    offices = [Counter(_office(law, m) for m in f.members) for f in law_factions.factions]
    assert [c.most_common(1)[0][0] for c in offices] == ["boston", "hartford"]
    for faction, count in zip(law_factions.factions, offices, strict=True):
        assert count.most_common(1)[0][1] / len(faction.members) >= 0.85
        practices = {law.reporting.nodes[m]["unit"].split("-")[1] for m in faction.members}
        assert practices == {"litigation", "corporate"}  # both practices in each faction
    assert law_factions.verdict is FactionVerdict.WEAK
    assert 0.1 <= law_factions.modularity < 0.3
    assert law_factions.bridges  # partners who work across the office line exist


def test_lazega_small_office_works_outward(law: OrgGraphs) -> None:
    # Providence has 4 lawyers: they cannot staff their cases alone, so their co-work ties go
    # to other offices; Boston (48 lawyers) keeps most of its co-work inside.
    report = silo_bottlenecks(law)
    ei = {u.unit_id: u.ei_index for u in report.units if u.ei_index is not None}
    assert min(ei["providence-corporate"], ei["providence-litigation"]) > 0.9
    assert max(ei["boston-corporate"], ei["boston-litigation"]) < 0.3
    assert report.bottlenecks[0].id.startswith("boston")


def test_email_departments(email_silos: SiloReport) -> None:
    assert len(email_silos.units) == 42
    ei = {u.unit_id: u.ei_index for u in email_silos.units}
    assert all(value is None or -1 <= value <= 1 for value in ei.values())
    # Most departments write mostly outside themselves: a research institution, not silos.
    outward = [value for value in ei.values() if value is not None and value > 0]
    assert len(outward) >= 35
    # The one department whose mail stays mostly inside is the large Department 14.
    inward = sorted(unit for unit, value in ei.items() if value is not None and value < 0)
    assert inward == ["d14"]
    assert email_silos.bottlenecks


def test_email_has_no_executives_and_no_conflicts(tmp_path: Path) -> None:
    graphs = build_graphs(email_eu_core(tmp_path))
    assert executive_factions(graphs).empty_reason
    assert conflict_hotspots(graphs, as_of=date(2026, 1, 1)).empty_reason
