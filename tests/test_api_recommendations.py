# ruff: noqa: E501  (the queries read best unbroken)
"""`Organization.recommendations` over HTTP: the issue's proof through the API on both stores,
the changes fed back to `simulation`, typed errors, roles, the privacy floor, the cache and the
typed client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import Tie
from graph_queries.runner import AnalysisRunner
from graph_queries.scenarios import Goal, recommend
from graph_queries.scenarios.recommendation_options import RecommendationOptions
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from schema import schema
from schema.query_limits import ANALYSIS_COST, RECOMMENDATIONS_COST, measure
from service.app import create_app
from service.settings import Settings
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme
from tests.seeded import Lookups, sqlite_with
from unsilo_client import ValidationFailed, connect, require
from unsilo_client.generated.enums import RecommendationGoal
from unsilo_client.generated.recommendations import (
    RecommendationsOrganizationRecommendationsRecommendationsAnalysis as RecommendationsAnalysis,
)

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"""
AS_OF = "2026-01-01"
RECOMMENDATIONS = """query($id: ID!, $goal: RecommendationGoal!, $count: Int = 3, $perPerson: Int = 2, $candidates: Int = 40, $strength: Float = 1.0, $kind: String, $kinds: [String!], $all: Boolean! = true) {
  organization(id: $id) { graphVersion
    recommendations(goal: $goal, count: $count, maxNewTiesPerPerson: $perPerson, candidates: $candidates, strength: $strength, kind: $kind, kinds: $kinds, includeSmallGroups: $all) { __typename
      ... on RecommendationsAnalysis { graphVersion goal figure start target { kind id name score } candidates evaluations evaluationBound layer
        privacy { minGroup withheldGroups lifted note }
        recommendations { before after reason changes {
          addTie { leaderAId leaderBId kind strength }
          addLiaison { name unitId tiesTo level title kind strength } } } }
      ... on ValidationError { message errors { path code message } }
      ... on NotFoundError { message } } } }"""
SIMULATION = f"""query($id: ID!, $changes: [SimulationChange!]!) {{ organization(id: $id) {{
  simulation(changes: $changes, asOf: "{AS_OF}", includeSmallGroups: true) {{ __typename
    ... on SimulationAnalysis {{ after {{ factionVerdict factionReason bottlenecks {{ kind id score }} }}
      differences {{ summary factions {{ factionsBefore factionsAfter verdictBefore verdictAfter modularityAfter merged }} }} }}
    ... on ValidationError {{ errors {{ path code }} }} }} }} }}"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(path_sample=0), backend.open)) as server:
        server.graphql(IMPORT, d=to_document(acme()))
        yield server


def recommended(api: LiveServer, goal: str, **variables: Any) -> Any:
    found = api.graphql(RECOMMENDATIONS, goal=goal, **{"id": "acme", **variables})
    return found["organization"]["recommendations"]


def as_simulation_changes(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The recommended changes as `simulation` takes them: the one field set of each."""
    return [
        {kind: value for kind, value in change.items() if value is not None}
        for recommendation in result["recommendations"]
        for change in recommendation["changes"]
    ]


def test_a_generated_top_team_of_two_factions_becomes_one_team_through_the_api(
    api: LiveServer,
) -> None:
    api.graphql(IMPORT, d=to_document(generate_organization(200, seed=7)))
    result = recommended(api, "CONNECT_FACTIONS", id="demo", count=5)
    assert result["__typename"] == "RecommendationsAnalysis"
    assert len(result["recommendations"]) == 5
    assert result["evaluations"] <= result["evaluationBound"]
    figures = [result["start"]] + [r["after"] for r in result["recommendations"]]
    assert figures == sorted(figures, reverse=True)
    assert all(r["reason"].startswith("A tie between ") for r in result["recommendations"])
    simulated = api.graphql(SIMULATION, id="demo", changes=as_simulation_changes(result))
    simulation = simulated["organization"]["simulation"]
    factions = simulation["differences"]["factions"]
    assert (factions["verdictBefore"], factions["verdictAfter"]) == ("STRONG", "NONE")
    assert factions["merged"] is True
    assert factions["modularityAfter"] == figures[-1]
    assert simulation["after"]["factionReason"].endswith("work as one connected team.")


def test_the_worst_bottleneck_goal_names_its_target_and_the_simulation_agrees(
    api: LiveServer,
) -> None:
    result = recommended(api, "LOWER_WORST_BOTTLENECK")
    assert result["target"]["id"] == "l6"  # Flo Plan, the only go-between of two units
    assert result["start"] == result["target"]["score"]
    first = result["recommendations"][0]
    assert first["changes"][0]["addLiaison"] is None
    assert first["after"] < first["before"] == result["start"]
    assert "a way around Flo Plan" in first["reason"]
    simulated = api.graphql(SIMULATION, id="acme", changes=as_simulation_changes(result))
    after = simulated["organization"]["simulation"]["after"]["bottlenecks"]
    flo = [b["score"] for b in after if b["id"] == "l6"]
    assert (flo[0] if flo else 0.0) == pytest.approx(result["recommendations"][-1]["after"])
    # Nothing was written.
    assert (
        api.graphql(RECOMMENDATIONS, id="acme", goal="CONNECT_FACTIONS")["organization"][
            "graphVersion"
        ]
        == 1
    )


def test_every_argument_out_of_bounds_is_named_in_one_typed_error(api: LiveServer) -> None:
    result = recommended(
        api, "COVER_UNRELIABLE_DEPENDENCIES", count=0, perPerson=6, candidates=101, strength=0.0
    )
    assert result["__typename"] == "ValidationError"
    assert [(e["path"], e["code"]) for e in result["errors"]] == [
        ("count", "OUT_OF_RANGE"),
        ("maxNewTiesPerPerson", "OUT_OF_RANGE"),
        ("candidates", "OUT_OF_RANGE"),
        ("strength", "OUT_OF_RANGE"),
    ]
    outside = recommended(api, "CONNECT_FACTIONS", kinds=["advice"], kind="cowork")
    assert [(e["path"], e["code"]) for e in outside["errors"]] == [("kind", "INCONSISTENT")]
    unnamed = recommended(api, "CONNECT_FACTIONS", kinds=["advice"])
    assert [(e["path"], e["code"]) for e in unnamed["errors"]] == [("kind", "INCONSISTENT")]
    blank = recommended(api, "CONNECT_FACTIONS", kind=" ")
    assert [(e["path"], e["code"]) for e in blank["errors"]] == [("kind", "INVALID_FORMAT")]
    layered = recommended(api, "LOWER_WORST_BOTTLENECK", kinds=["advice"], kind="advice")
    assert layered["__typename"] == "RecommendationsAnalysis"
    assert layered["layer"] == ["advice"]


# ---- roles and the privacy floor -------------------------------------------------------------


@pytest.fixture
def secured(tmp_path: Path) -> Iterator[LiveServer]:
    path = tmp_path / "unsilo.sqlite3"
    sqlite_with(path, acme(), generate_organization(200, seed=7))
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(path))) as server:
        yield server


def ask(api: LiveServer, grants: dict[str, str], **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {tokens.token(grants)}"}
    payload = {"query": RECOMMENDATIONS, "variables": {"id": "acme", **variables}}
    return api.client.post(f"{api.url}/graphql", json=payload, headers=headers).json()


def test_a_viewer_is_refused_and_an_ungranted_organization_is_a_missing_one(
    secured: LiveServer,
) -> None:
    goal = "LOWER_WORST_BOTTLENECK"
    viewer = ask(secured, {"acme": "VIEWER"}, goal=goal, all=False)
    assert [e["extensions"]["code"] for e in viewer["errors"]] == ["FORBIDDEN"]
    ungranted = ask(secured, {"elsewhere": "ADMIN"}, goal=goal)
    missing = ask(secured, {"acme": "ADMIN"}, goal=goal, id="nowhere")
    assert ungranted == missing == {"data": {"organization": None}}


def test_the_floor_withholds_ties_across_small_factions_and_an_admin_lifts_it(
    secured: LiveServer,
) -> None:
    goal = "CONNECT_FACTIONS"
    # The generated top team's two factions have 4 executives each, under the floor of 5.
    floored = ask(secured, {"demo": "ANALYST"}, id="demo", goal=goal, all=False)["data"]
    result = floored["organization"]["recommendations"]
    assert result["recommendations"] == []
    assert result["privacy"]["withheldGroups"] == 2
    forbidden = ask(secured, {"demo": "ANALYST"}, id="demo", goal=goal, all=True)
    assert [e["extensions"]["code"] for e in forbidden["errors"]] == ["FORBIDDEN"]
    lifted = ask(secured, {"demo": "ADMIN"}, id="demo", goal=goal, all=True)["data"]
    whole = lifted["organization"]["recommendations"]
    assert whole["privacy"] == {
        "minGroup": 5,
        "withheldGroups": 0,
        "lifted": True,
        "note": "privacy floor lifted by an ADMIN: groups under 5 are included",
    }
    assert len(whole["recommendations"]) == 3
    unchanged = ("recommendations", "privacy")
    assert {k: v for k, v in whole.items() if k not in unchanged} == {
        k: v for k, v in result.items() if k not in unchanged
    }
    # acme's worst bottleneck is a leader, whose score every analysis shows an ANALYST.
    bottleneck = ask(secured, {"acme": "ANALYST"}, goal="LOWER_WORST_BOTTLENECK", all=False)
    shown = bottleneck["data"]["organization"]["recommendations"]
    assert shown["target"]["id"] == "l6"
    assert shown["recommendations"]
    assert shown["privacy"]["withheldGroups"] == 0


def test_the_typed_client_reads_recommendations_and_raises_the_typed_failure(
    secured: LiveServer,
) -> None:
    with connect(secured.url, token=tokens.token({"acme": "ADMIN"})) as client:
        found = client.recommendations(
            "acme", RecommendationGoal.COVER_UNRELIABLE_DEPENDENCIES, include_small_groups=True
        ).organization
        result = require(found.recommendations if found else None, RecommendationsAnalysis)
        refused = client.recommendations("acme", RecommendationGoal.CONNECT_FACTIONS, count=11)
        organization = refused.organization
        answer = organization.recommendations if organization else None
        with pytest.raises(ValidationFailed) as failure:
            require(answer, RecommendationsAnalysis)
    tie = result.recommendations[0].changes[0].add_tie
    assert tie is not None
    assert {tie.leader_a_id, tie.leader_b_id} == {"l4", "l5"}
    assert result.recommendations[0].after < result.start
    assert [(p.path, p.code) for p in failure.value.problems] == [("count", "OUT_OF_RANGE")]


# ---- the runner and the limits ----------------------------------------------------------------


async def test_recommendations_are_kept_per_version_and_are_the_engines(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=None)
    lookups = Lookups()
    runner = AnalysisRunner(observer=lookups, path_sample=None)
    options = RecommendationOptions(count=2)
    goal = Goal.COVER_UNRELIABLE_DEPENDENCIES
    try:
        first = await runner.recommend(store, ANONYMOUS, "acme", goal, options)
        again = await runner.recommend(store, ANONYMOUS, "acme", goal, options)
        assert lookups.seen == [("recommendations", False), ("recommendations", True)]
        assert again is first
        stored = await store.snapshot(ANONYMOUS, "acme")
        assert first.result == recommend(stored, goal, path_sample=None, **options.keywords())
        await commands.create_entity(store, ANONYMOUS, "acme", Tie("t9", "l4", "l5"))
        after_write = await runner.recommend(store, ANONYMOUS, "acme", goal, options)
        assert lookups.seen[-1] == ("recommendations", False)
        assert after_write.graph_version == 2
        # The tie the first answer recommended now exists: the dependency is covered.
        assert after_write.result.start < first.result.start
    finally:
        await runner.close()


def test_recommendations_cost_ten_analyses_and_count_as_one() -> None:
    document = parse(RECOMMENDATIONS)
    found = measure(schema._schema, document, None, {"goal": "CONNECT_FACTIONS"}, max_analyses=2)
    assert RECOMMENDATIONS_COST == 10 * ANALYSIS_COST
    assert RECOMMENDATIONS_COST < found.cost < RECOMMENDATIONS_COST + ANALYSIS_COST
    assert found.analyses == 1
