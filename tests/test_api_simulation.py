# ruff: noqa: E501  (the queries read best unbroken)
"""`Organization.simulation` over HTTP: the issue's proof, every kind of change, the typed
errors, roles, the privacy floor, the limits, and that nothing is written."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.model import Tie
from graph_queries.runner import AnalysisRunner
from graph_queries.scenarios import MAX_CHANGES, AddTie, MergeUnits, RemoveTie, simulate
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from schema import schema
from schema.query_limits import ANALYSIS_COST, SIMULATION_COST, measure
from service.app import create_app
from service.settings import Settings
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme
from tests.seeded import Lookups, sqlite_with
from unsilo_client import ValidationFailed, connect, require
from unsilo_client.generated.input_types import (
    AddTieChange,
    MergeUnitsChange,
    SimulationChange,
)
from unsilo_client.generated.simulation import (
    SimulationOrganizationSimulationSimulationAnalysis as SimulationAnalysis,
)

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"""
AS_OF = "2025-12-31"
PRIVACY = "privacy { minGroup withheldGroups lifted note }"
SIMULATION = f"""query($id: ID!, $changes: [SimulationChange!]!, $all: Boolean! = true, $asOf: Date = "{AS_OF}") {{
  organization(id: $id) {{ graphVersion
    simulation(changes: $changes, asOf: $asOf, includeSmallGroups: $all) {{ __typename
      ... on SimulationAnalysis {{ graphVersion hypothetical recomputed layer {PRIVACY}
        before {{ headlines bottlenecks {{ kind id score }} alignmentTrap {{ unit }} }}
        after {{ headlines bottlenecks {{ kind id score }} alignmentTrap {{ unit }} }}
        changes {{ index change description created removed droppedDependencies droppedConflicts units aspects }}
        differences {{ summary estimated
          bottlenecks {{ kind id shift rankBefore rankAfter scoreBefore scoreAfter }}
          coverage {{ unitA unitB statusBefore statusAfter brokersBefore brokersAfter }}
          factions {{ factionsBefore factionsAfter merged split }}
          reliability {{ reliableBefore reliableAfter }}
          alignmentTrapOn {{ unit }} alignmentTrapOff {{ unit name }}
          units {{ unit eiBefore eiAfter internalAfter externalAfter mergedInto }}
          hotspots {{ unitA unitB unresolvedBefore unresolvedAfter }} }} }}
      ... on ValidationError {{ message errors {{ path code message }} }}
      ... on NotFoundError {{ message }} }} }} }}"""
REPORT = f"""query {{ organization(id: "acme") {{ executionReport(asOf: "{AS_OF}", includeSmallGroups: true) {{
  ... on ExecutionReportAnalysis {{ report {{ headlines bottlenecks {{ kind id score }} alignmentTrap {{ unit }} }} }} }} }} }}"""
TIES = """query { organization(id: "acme") { graphVersion ties(first: 50) { totalCount edges { node { localId leaderA { localId } leaderB { localId } } } } } }"""
# Ed Trucks (Logistics) and Gus Rep (Field Sales): Flo Plan is the only go-between of their units.
NAMED_TIE = {"addTie": {"leaderAId": "l5", "leaderBId": "l7"}}
EVERY_KIND = [
    NAMED_TIE,
    {"removeTie": {"tieId": "t5"}},
    {"addLiaison": {"name": "Liz Link", "unitId": "u3", "tiesTo": ["l5", "l6"], "level": "SENIOR"}},
    {"moveLeader": {"leaderId": "l7", "unitId": "u4"}},
    {"addDependency": {"fromUnitId": "u1", "toUnitId": "u2", "criticality": 4}},
    {"rerateDependency": {"dependencyId": "d1", "reliability": "ALWAYS"}},
    {
        "resolveConflict": {
            "conflictId": "c2",
            "status": "RESOLVED_LATE",
            "resolvedAt": "2025-09-01",
        }
    },
    {"mergeUnits": {"unitId": "u5", "intoUnitId": "u4"}},
]


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        server.graphql(IMPORT, d=to_document(acme()))
        yield server


def simulated(api: LiveServer, changes: list[dict[str, Any]], **variables: Any) -> Any:
    return api.graphql(SIMULATION, id="acme", changes=changes, **variables)["organization"][
        "simulation"
    ]


def test_one_named_tie_removes_the_only_broker_and_nothing_is_written(api: LiveServer) -> None:
    ties_before = api.graphql(TIES)["organization"]
    result = simulated(api, [NAMED_TIE])
    assert result["__typename"] == "SimulationAnalysis"
    differences = result["differences"]
    assert differences["summary"][0] == (
        "Adding a tie between Ed Trucks (Logistics) and Gus Rep (Field Sales) removes the only "
        "go-between of Field Sales and Logistics: Flo Plan's bottleneck score falls from 0.87 "
        "to 0.24 (rank 1 -> rank 4)."
    )
    coverage = next(c for c in differences["coverage"] if {c["unitA"], c["unitB"]} == {"u3", "u4"})
    assert (coverage["statusBefore"], coverage["statusAfter"]) == ("SINGLE_BROKER", "DIRECT")
    assert (coverage["brokersBefore"], coverage["brokersAfter"]) == (["l6"], [])
    flo = next(s for s in differences["bottlenecks"] if s["id"] == "l6")
    assert (flo["shift"], flo["rankBefore"], flo["rankAfter"]) == ("FALLEN", 1, 4)
    # "before" is the organization's own execution report; the new tie is hypothetical.
    report = api.graphql(REPORT)["organization"]["executionReport"]["report"]
    assert result["before"] == report
    assert result["before"] != result["after"]
    assert len(result["hypothetical"]) == 1
    assert result["hypothetical"][0].startswith("whatif-")
    assert result["changes"][0]["created"] == result["hypothetical"]
    assert result["graphVersion"] == 1
    assert api.graphql(TIES)["organization"] == ties_before


def test_a_merge_moves_everything_into_the_unit_it_joins_and_writes_nothing(
    api: LiveServer,
) -> None:
    result = simulated(api, [{"mergeUnits": {"unitId": "u5", "intoUnitId": "u4"}}])
    (change,) = result["changes"]
    assert change["change"] == "mergeUnits"
    assert change["removed"] == ["u5"]
    assert (change["droppedDependencies"], change["droppedConflicts"]) == (["d2"], ["c3"])
    rows = {row["unit"]: row for row in result["differences"]["units"]}
    assert rows["u5"]["mergedInto"] == "u4"
    assert (rows["u4"]["internalAfter"], rows["u4"]["externalAfter"]) == (1, 1)
    assert (
        "Planning is merged into Logistics: its own E-I index (1.00) is gone."
        in (result["differences"]["summary"])
    )
    unit = api.graphql('{ organization(id: "acme") { graphVersion unit(id: "u5") { name } } }')
    assert unit["organization"] == {"graphVersion": 1, "unit": {"name": "Planning"}}


def test_every_kind_of_change_is_accepted_in_order(api: LiveServer) -> None:
    result = simulated(api, EVERY_KIND)
    assert result["__typename"] == "SimulationAnalysis", result
    names = [change["change"] for change in result["changes"]]
    assert names == [next(iter(kind)) for kind in EVERY_KIND]
    assert [change["index"] for change in result["changes"]] == list(range(len(EVERY_KIND)))
    liaison = result["changes"][2]
    assert liaison["description"].startswith("Adding Liz Link")
    assert result["recomputed"] == ["silo_bottlenecks", "conflict_hotspots", "executive_factions"]
    assert result["differences"]["reliability"] == {"reliableBefore": 1, "reliableAfter": 2}
    assert result["differences"]["alignmentTrapOff"] == [{"unit": "u3", "name": "Field Sales"}]


def test_bad_changes_get_the_typed_errors_of_a_write_naming_each_field(api: LiveServer) -> None:
    changes = [
        NAMED_TIE,
        {"addTie": {"leaderAId": "l1", "leaderBId": "nobody"}},
        {"mergeUnits": {"unitId": "u4", "intoUnitId": "u4"}},
        {"addDependency": {"fromUnitId": "u1", "toUnitId": "u2", "criticality": 9}},
    ]
    result = simulated(api, changes)
    assert result["__typename"] == "ValidationError"
    found = [(e["path"], e["code"]) for e in result["errors"]]
    assert found == [
        ("changes[1].leaderBId", "UNKNOWN_REFERENCE"),
        ("changes[2].intoUnitId", "SELF_REFERENCE"),
        ("changes[3].criticality", "OUT_OF_RANGE"),
    ]
    assert result["message"].startswith("3 problems in the arguments: changes[1].leaderBId")


def test_more_than_the_most_changes_is_refused_on_changes(api: LiveServer) -> None:
    result = simulated(api, [{"removeTie": {"tieId": "t1"}}] * (MAX_CHANGES + 1))
    assert result["__typename"] == "ValidationError"
    assert [(e["path"], e["code"]) for e in result["errors"]] == [("changes", "TOO_LONG")]


@pytest.mark.parametrize(
    "change",
    [{}, {**NAMED_TIE, "removeTie": {"tieId": "t5"}}],
    ids=["no kind", "two kinds"],
)
def test_a_change_sets_exactly_one_kind(api: LiveServer, change: dict[str, Any]) -> None:
    body = api.graphql_response(SIMULATION, id="acme", changes=[change])
    assert body.get("data") is None
    (error,) = body["errors"]
    assert "SimulationChange" in error["message"]
    assert "exactly one" in error["message"]


def test_a_bad_top_or_an_unknown_organization_is_typed(api: LiveServer) -> None:
    query = """query($id: ID!) { organization(id: $id) { simulation(changes: [], top: 500) {
      __typename ... on ValidationError { errors { path code } } } } }"""
    result = api.graphql(query, id="acme")["organization"]["simulation"]
    assert result == {
        "__typename": "ValidationError",
        "errors": [{"path": "top", "code": "OUT_OF_RANGE"}],
    }
    assert api.graphql(query, id="nowhere") == {"organization": None}


def test_no_changes_give_no_differences(api: LiveServer) -> None:
    result = simulated(api, [])
    assert result["before"] == result["after"]
    assert result["differences"]["summary"] == []
    assert (result["hypothetical"], result["recomputed"]) == ([], [])


# ---- roles and the privacy floor (production settings, real tokens) ----------------------------


@pytest.fixture
def secured(tmp_path: Path) -> Iterator[LiveServer]:
    path = tmp_path / "unsilo.sqlite3"
    sqlite_with(path, acme())
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(path))) as server:
        yield server


def ask(api: LiveServer, grants: dict[str, str], admin: bool = False, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {tokens.token(grants, admin)}"}
    payload = {"query": SIMULATION, "variables": {"id": "acme", **variables}}
    response = api.client.post(f"{api.url}/graphql", json=payload, headers=headers)
    return response.json()


def test_a_viewer_is_refused_and_an_ungranted_organization_is_a_missing_one(
    secured: LiveServer,
) -> None:
    viewer = ask(secured, {"acme": "VIEWER"}, changes=[NAMED_TIE])
    assert [e["extensions"]["code"] for e in viewer["errors"]] == ["FORBIDDEN"]
    ungranted = ask(secured, {"elsewhere": "ADMIN"}, changes=[NAMED_TIE])
    missing = ask(secured, {"acme": "ADMIN"}, changes=[NAMED_TIE], id="nowhere")
    assert ungranted == missing == {"data": {"organization": None}}
    analyst = ask(secured, {"acme": "ANALYST"}, changes=[NAMED_TIE], all=False)
    assert analyst["data"]["organization"]["simulation"]["__typename"] == "SimulationAnalysis"


def test_the_floor_withholds_small_units_figures_for_an_analyst_and_an_admin_lifts_it(
    secured: LiveServer,
) -> None:
    # Every unit of acme has fewer than 5 leaders (the default floor).
    changes = [NAMED_TIE, {"mergeUnits": {"unitId": "u5", "intoUnitId": "u4"}}]
    floored = ask(secured, {"acme": "ANALYST"}, changes=changes, all=False)["data"]
    result = floored["organization"]["simulation"]
    differences = result["differences"]
    assert differences["units"] == []
    assert all(shift["kind"] == "LEADER" for shift in differences["bottlenecks"])
    assert differences["alignmentTrapOff"] == []
    assert result["before"]["alignmentTrap"] == result["after"]["alignmentTrap"] == []
    assert not any("E-I index" in sentence for sentence in differences["summary"])
    assert not any("alignment-trap" in sentence for sentence in differences["summary"])
    # Leaders' figures and the go-between stay: every analysis already needs an ANALYST.
    assert differences["summary"][0].startswith("Adding a tie between Ed Trucks (Logistics)")
    privacy = result["privacy"]
    assert (privacy["minGroup"], privacy["lifted"]) == (5, False)
    forbidden = ask(secured, {"acme": "ANALYST"}, changes=changes, all=True)
    assert [e["extensions"]["code"] for e in forbidden["errors"]] == ["FORBIDDEN"]
    lifted = ask(secured, {"acme": "ADMIN"}, changes=changes, all=True)["data"]
    whole = lifted["organization"]["simulation"]
    assert {row["unit"] for row in whole["differences"]["units"]} >= {"u4", "u5"}
    assert whole["differences"]["alignmentTrapOff"] == [{"unit": "u3", "name": "Field Sales"}]
    assert any("E-I index" in sentence for sentence in whole["differences"]["summary"])
    assert whole["privacy"]["lifted"] is True
    assert whole["privacy"]["withheldGroups"] == 0
    # What was withheld is every unit the lifted answer gives figures of (all are small).
    assert privacy["withheldGroups"] == len(units_named(whole)) > 0


def units_named(result: dict[str, Any]) -> set[str]:
    """The units a simulation result gives group figures of."""
    differences = result["differences"]
    rows = [*result["before"]["bottlenecks"], *result["after"]["bottlenecks"]]
    rows += differences["bottlenecks"]
    named = {row["id"] for row in rows if row["kind"] == "UNIT"}
    named |= {row["unit"] for row in result["before"]["alignmentTrap"]}
    named |= {row["unit"] for row in result["after"]["alignmentTrap"]}
    named |= {row["unit"] for row in differences["units"]}
    trap = differences["alignmentTrapOn"] + differences["alignmentTrapOff"]
    return named | {row["unit"] for row in trap}


def test_the_typed_client_simulates_and_raises_the_typed_failure(secured: LiveServer) -> None:
    tie = SimulationChange(add_tie=AddTieChange(leaderAId="l5", leaderBId="l7"))
    with connect(secured.url, token=tokens.token({"acme": "ANALYST"})) as client:
        found = client.simulation("acme", [tie], as_of=date(2025, 12, 31)).organization
        result = require(found.simulation if found else None, SimulationAnalysis)
        merge = SimulationChange(merge_units=MergeUnitsChange(unitId="u5", intoUnitId="nowhere"))
        refused = client.simulation("acme", [tie, merge]).organization
        with pytest.raises(ValidationFailed) as failure:
            require(refused.simulation if refused else None, SimulationAnalysis)
    assert result.differences.summary[0].startswith("Adding a tie between Ed Trucks (Logistics)")
    assert result.changes[0].change == "addTie"
    assert [(p.path, p.code) for p in failure.value.problems] == [
        ("changes[1].intoUnitId", "UNKNOWN_REFERENCE")
    ]


# ---- the runner and the limits ------------------------------------------------------------------


async def test_the_before_is_kept_per_version_and_the_after_is_the_engines(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=None)
    lookups = Lookups()
    runner = AnalysisRunner(observer=lookups, path_sample=None)
    when = date(2025, 12, 31)
    try:
        first = await runner.simulate(store, ANONYMOUS, "acme", [AddTie("l5", "l7")], when, 5)
        merged = await runner.simulate(store, ANONYMOUS, "acme", [MergeUnits("u5", "u4")], when, 5)
        assert lookups.seen == [("simulation_baseline", False), ("simulation_baseline", True)]
        stored = await store.snapshot(ANONYMOUS, "acme")
        expected = simulate(stored, [MergeUnits("u5", "u4")], when, path_sample=None)
        assert merged.result == expected
        assert first.graph_version == merged.graph_version == 1
        await commands.create_entity(store, ANONYMOUS, "acme", Tie("t9", "l2", "l3"))
        after_write = await runner.simulate(store, ANONYMOUS, "acme", [RemoveTie("t9")], when, 5)
        assert lookups.seen[-1] == ("simulation_baseline", False)
        assert after_write.graph_version == 2
        # A new "before" for the new version; taking the new tie away gives the first one back.
        assert after_write.result.before.version == 2
        assert after_write.result.before != first.result.before
        assert dataclasses.replace(after_write.result.after, version=1) == first.result.before
    finally:
        await runner.close()


def test_a_simulation_costs_twice_an_analysis_and_counts_as_one() -> None:
    document = parse(SIMULATION)
    found = measure(schema._schema, document, None, {"changes": []}, max_analyses=2)
    assert SIMULATION_COST == 2 * ANALYSIS_COST
    assert SIMULATION_COST < found.cost < SIMULATION_COST + ANALYSIS_COST
    assert found.analyses == 1
