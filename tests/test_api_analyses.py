"""The analyses over HTTP on both stores: results, versions, caching, empty and bad input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import Organization, OrgSnapshot, Unit
from service.app import create_app
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = """mutation($d: JSON!, $r: Boolean! = false) {
  importOrganization(document: $d, replace: $r) { __typename } }"""

# These check the analyses' figures on hand-built organizations far below the privacy floor
# (tests/test_privacy_floor.py checks the floor): the anonymous developer, an ADMIN, lifts it.
REPORT = """query($id: ID!, $asOf: Date) { organization(id: $id) {
  executionReport(asOf: $asOf, includeSmallGroups: true) { __typename
    ... on ExecutionReportAnalysis { graphVersion computedAt report {
      asOf headlines factionVerdict factionReason emptyReason
      bottlenecks { kind id name score reason }
      hotspots { unitA unitB reason figures { score counts { total unresolved } } }
      outcomeMix { n test pValue differs verdict outcomes { status observed benchmarkShare } }
      reliability { overall { dependencies reliable share } byDivision { scope share } }
      alignmentTrap { unit signal reason } } } } } }"""

SILOS = """query($id: ID!, $scope: ID, $top: Int! = 10) { organization(id: $id) {
  siloBottlenecks(scope: $scope, top: $top, includeSmallGroups: true) { __typename
    ... on SiloBottlenecksAnalysis { graphVersion report { scope emptyReason
      bottlenecks { kind id score reason }
      units { unitId name eiIndex insularity articulationPoint }
      bridges { __typename } uncoveredDependencies { __typename } } }
    ... on ValidationError { message errors { path code message } } } } }"""

HOTSPOTS = """query($id: ID!, $asOf: Date) { organization(id: $id) {
  conflictHotspots(asOf: $asOf) { __typename
    ... on ConflictHotspotsAnalysis { graphVersion report { asOf emptyReason pairsTotal
      pairs { unitA unitB reason } clusters { units score }
      benchmark { n test pValue verdict } } } } } }"""

FACTIONS = """query($id: ID!) { organization(id: $id) {
  executiveFactions(includeSmallGroups: true) { __typename
    ... on ExecutiveFactionsAnalysis { graphVersion report { verdict verdictReason emptyReason
      modularity factions { members reason } bridges { leader reason }
      isolated { leader } } } } } }"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        server.graphql(IMPORT, d=to_document(acme()))
        yield server


def run(api: LiveServer, query: str, field: str, **variables: Any) -> Any:
    return api.graphql(query, **variables)["organization"][field]


def test_execution_report_on_the_sample_organization(api: LiveServer) -> None:
    result = run(api, REPORT, "executionReport", id="acme", asOf="2025-12-31")
    assert result["__typename"] == "ExecutionReportAnalysis"
    assert result["graphVersion"] == 1
    report = result["report"]
    assert report["asOf"] == "2025-12-31"
    assert report["emptyReason"] is None
    assert report["headlines"]
    # Hand-computed in tests/analyses/test_execution.py: a third of dependencies reliable,
    # Field Sales in the alignment trap.
    assert report["reliability"]["overall"] == {"dependencies": 3, "reliable": 1, "share": 1 / 3}
    assert [u["unit"] for u in report["alignmentTrap"]] == ["u3"]
    # The open conflict c2 (Field Sales / Planning) is the only unresolved one.
    assert (report["hotspots"][0]["unitA"], report["hotspots"][0]["unitB"]) == ("u3", "u5")
    assert report["outcomeMix"]["n"] == 2
    assert 0.0 <= report["outcomeMix"]["pValue"] <= 1.0
    assert all(b["reason"] for b in report["bottlenecks"])


def test_results_are_cached_until_a_write(api: LiveServer) -> None:
    first = run(api, FACTIONS, "executiveFactions", id="acme")
    again = run(api, FACTIONS, "executiveFactions", id="acme")
    assert again == first
    assert again["graphVersion"] == 1
    api.graphql(
        'mutation { createTie(organizationId: "acme", input: {leaderAId: "l2", leaderBId: "l3"}) '
        "{ __typename } }"
    )
    after = run(api, FACTIONS, "executiveFactions", id="acme")
    assert after["graphVersion"] == 2
    assert after["report"] != first["report"] or after["graphVersion"] != first["graphVersion"]


def test_computed_at_stays_for_a_cached_result(api: LiveServer) -> None:
    query = (
        '{ organization(id: "acme") { executiveFactions { '
        "... on ExecutiveFactionsAnalysis { computedAt } } } }"
    )
    first = api.graphql(query)["organization"]["executiveFactions"]["computedAt"]
    assert api.graphql(query)["organization"]["executiveFactions"]["computedAt"] == first


def test_as_of_moves_the_hotspots(api: LiveServer) -> None:
    # Before 2025-03-01 only c3 (raised 2025-01-05, resolved four days later) existed.
    early = run(api, HOTSPOTS, "conflictHotspots", id="acme", asOf="2025-02-01")["report"]
    late = run(api, HOTSPOTS, "conflictHotspots", id="acme", asOf="2025-12-31")["report"]
    assert [(p["unitA"], p["unitB"]) for p in early["pairs"]] == [("u4", "u5")]
    assert early["clusters"] == []  # resolved quickly: no hotspot score
    assert early["benchmark"]["n"] == 1
    assert late["pairsTotal"] == 3
    assert (late["pairs"][0]["unitA"], late["pairs"][0]["unitB"]) == ("u3", "u5")
    assert late["benchmark"]["n"] == 2


def test_silo_scope_and_typed_errors(api: LiveServer) -> None:
    whole = run(api, SILOS, "siloBottlenecks", id="acme")
    assert whole["__typename"] == "SiloBottlenecksAnalysis"
    assert {u["unitId"] for u in whole["report"]["units"]} == {"u1", "u2", "u3", "u4", "u5"}
    operations = run(api, SILOS, "siloBottlenecks", id="acme", scope="u2")["report"]
    assert operations["scope"] == "u2"
    assert {u["unitId"] for u in operations["units"]} == {"u2", "u4", "u5"}
    not_a_division = run(api, SILOS, "siloBottlenecks", id="acme", scope="u4")
    assert not_a_division["__typename"] == "ValidationError"
    assert not_a_division["errors"][0]["path"] == "scope"
    too_many = run(api, SILOS, "siloBottlenecks", id="acme", top=1000)
    assert too_many["errors"][0] == {
        "path": "top",
        "code": "OUT_OF_RANGE",
        "message": "is 1000, must be 0 to 100",
    }
    # A query changes nothing: its message says what is wrong, not that nothing changed.
    assert too_many["message"] == "1 problem in the arguments: top is 1000, must be 0 to 100"


def test_empty_organizations_get_reasons_not_errors(api: LiveServer) -> None:
    one_unit = OrgSnapshot.of(Organization("tiny", "Tiny"), [Unit("u1", "Everything")])
    api.graphql(IMPORT, d=to_document(one_unit))
    report = run(api, REPORT, "executionReport", id="tiny", asOf="2025-12-31")["report"]
    assert report["bottlenecks"] == []
    assert report["hotspots"] == []
    assert report["reliability"]["overall"]["share"] is None
    silos = run(api, SILOS, "siloBottlenecks", id="tiny")["report"]
    assert silos["emptyReason"]
    hotspots = run(api, HOTSPOTS, "conflictHotspots", id="tiny")["report"]
    assert hotspots["emptyReason"]
    assert hotspots["benchmark"]["pValue"] is None
    factions = run(api, FACTIONS, "executiveFactions", id="tiny")["report"]
    assert factions["emptyReason"]
    api.graphql(IMPORT, d=to_document(OrgSnapshot.of(Organization("void", "Void"))))
    assert run(api, REPORT, "executionReport", id="void")["report"]["emptyReason"]


def test_generated_organization_shows_its_built_in_factions(api: LiveServer) -> None:
    api.graphql(IMPORT, d=to_document(generate_organization(leaders=150, organization_id="gen")))
    report = run(api, FACTIONS, "executiveFactions", id="gen")["report"]
    assert report["verdict"] != "NONE"
    assert 2 <= len(report["factions"]) <= 3
    assert report["bridges"]


def test_the_path_sample_setting_reaches_the_analyses(backend: Backend) -> None:
    counting = """query($id: ID!) { organization(id: $id) {
      siloBottlenecks { ... on SiloBottlenecksAnalysis { report { pathCounting {
        exact leaderSources leaders unitSources units } } } }
      executionReport { ... on ExecutionReportAnalysis { report {
        pathCounting { exact } } } } } }"""
    generated = generate_organization(leaders=60, organization_id="g60")
    with serve(create_app(Settings(path_sample=20), backend.open)) as server:
        server.graphql(IMPORT, d=to_document(generated))
        found = server.graphql(counting, id="g60")["organization"]
    report = found["siloBottlenecks"]["report"]["pathCounting"]
    assert report["exact"] is False
    assert (report["leaderSources"], report["leaders"]) == (20, 60)
    assert report["unitSources"] == min(20, report["units"])
    assert found["executionReport"]["report"]["pathCounting"] == {"exact": False}
    with serve(create_app(Settings(path_sample=0), backend.open)) as server:
        found = server.graphql(counting, id="g60")["organization"]
    assert found["siloBottlenecks"]["report"]["pathCounting"]["exact"] is True
