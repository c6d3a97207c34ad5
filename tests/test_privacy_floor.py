# ruff: noqa: E501  (the queries read best unbroken)
"""The privacy floor on the real app: small units and factions withheld and said so, lifted
only by an ADMIN who asks, and never served from a stored answer to another role."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import BottleneckKind, silo_bottlenecks
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.privacy_floor import floor_recommendations, tied_leaders
from graph_queries.scenarios import Goal, recommend
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from tests import tokens
from tests.live import LiveServer, serve
from tests.orgs import acme

PRIVACY = "privacy { minGroup withheldGroups lifted note }"
SILOS = f"""query($all: Boolean! = false) {{ organization(id: "acme") {{
  siloBottlenecks(includeSmallGroups: $all) {{ __typename
    ... on SiloBottlenecksAnalysis {{ {PRIVACY} report {{ units {{ unitId leaders insularity }} bottlenecks {{ kind id }} }} }} }} }} }}"""
FACTIONS = f"""query($all: Boolean! = false) {{ organization(id: "acme") {{
  executiveFactions(includeSmallGroups: $all) {{ __typename
    ... on ExecutiveFactionsAnalysis {{ {PRIVACY} report {{ executives factions {{ members }}
      components links {{ factionA }} bridges {{ leader }} members {{ leader faction }} }} }} }} }} }}"""
TRAP = f"""query($all: Boolean! = false) {{ organization(id: "acme") {{
  executionReport(asOf: "2025-12-31", includeSmallGroups: $all) {{ __typename
    ... on ExecutionReportAnalysis {{ {PRIVACY} report {{ headlines alignmentTrap {{ unit }} bottlenecks {{ kind id }} }} }} }} }} }}"""

# acme: units of 2 (u1, u3) and 1 (u2, u4, u5) leaders; three executives.
UNIT_LEADERS = {"u1": 2, "u2": 1, "u3": 2, "u4": 1, "u5": 1}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "unsilo.sqlite3"

    asyncio.run(_store(path, acme()))
    return path


@pytest.fixture
def api(store_path: Path) -> Iterator[LiveServer]:
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(store_path))) as server:
        yield server


@pytest.fixture
def floor_of_two(store_path: Path) -> Iterator[LiveServer]:
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=2)
    with serve(create_app(settings, lambda: SqliteStore(store_path))) as server:
        yield server


def ask(api: LiveServer, query: str, role: str, **variables: Any) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {tokens.token({'acme': role})}"}
    response = api.client.post(
        f"{api.url}/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body: dict[str, Any] = response.json()
    return body


def analysis(body: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["organization"][field]
    return result


def test_units_under_the_floor_are_withheld_and_the_answer_says_so(
    api: LiveServer, floor_of_two: LiveServer
) -> None:
    default = analysis(ask(api, SILOS, "ANALYST"), "siloBottlenecks")
    assert default["report"]["units"] == []
    assert default["privacy"]["minGroup"] == 5
    assert default["privacy"]["withheldGroups"] == len(UNIT_LEADERS)
    assert "withheld (privacy floor)" in default["privacy"]["note"]
    two = analysis(ask(floor_of_two, SILOS, "ANALYST"), "siloBottlenecks")
    assert [u["unitId"] for u in two["report"]["units"]] == ["u1", "u3"]
    assert {b["id"] for b in two["report"]["bottlenecks"] if b["kind"] == "UNIT"} <= {"u1", "u3"}
    assert [b for b in default["report"]["bottlenecks"] if b["kind"] == "UNIT"] == []
    assert {u["leaders"] for u in two["report"]["units"]} == {2}
    assert two["privacy"] == {
        "minGroup": 2,
        "withheldGroups": 3,
        "lifted": False,
        "note": "3 group(s) of fewer than 2 people withheld (privacy floor)",
    }


def test_small_factions_and_their_members_are_withheld(tmp_path: Path) -> None:
    # This generated organization's top team splits into factions of 4, 2 and 2.
    path = tmp_path / "big.sqlite3"
    asyncio.run(_store(path, generate_organization(leaders=300, organization_id="acme")))
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=3)
    with serve(create_app(settings, lambda: SqliteStore(path))) as api:
        lifted = analysis(ask(api, FACTIONS, "ADMIN", all=True), "executiveFactions")["report"]
        floored = analysis(ask(api, FACTIONS, "ANALYST"), "executiveFactions")
    small = [f for f in lifted["factions"] if len(f["members"]) < 3]
    assert len(small) == 2
    report = floored["report"]
    assert report["factions"] == [f for f in lifted["factions"] if f not in small]
    assert report["components"] == lifted["components"]  # one of 8, above the floor
    assert report["links"] == []  # every link touches a small faction
    hidden = {leader for faction in small for leader in faction["members"]}
    assert {m["faction"] for m in report["members"] if m["leader"] in hidden} == {None}
    assert None not in {m["faction"] for m in report["members"] if m["leader"] not in hidden}
    assert hidden.isdisjoint(b["leader"] for b in report["bridges"])
    assert floored["privacy"]["withheldGroups"] == 2
    assert report["executives"] == lifted["executives"]  # team-wide figures stay


async def _store(path: Path, snapshot: OrgSnapshot) -> None:
    store = SqliteStore(path)
    await store.migrate()
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
    await store.close()


def test_an_admin_lifts_the_floor_only_by_asking_and_no_one_else_may(api: LiveServer) -> None:
    admin = analysis(ask(api, SILOS, "ADMIN", all=True), "siloBottlenecks")
    assert {u["unitId"]: u["leaders"] for u in admin["report"]["units"]} == UNIT_LEADERS
    assert admin["privacy"]["lifted"] is True
    assert any(b["kind"] == "UNIT" for b in admin["report"]["bottlenecks"])  # small units all
    assert analysis(ask(api, SILOS, "ADMIN"), "siloBottlenecks")["report"]["units"] == []
    for role in ("ANALYST", "EDITOR"):
        refused = ask(api, SILOS, role, all=True)
        assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "requiredRole": "ADMIN"}


def test_the_alignment_trap_rows_of_small_units_are_withheld(api: LiveServer) -> None:
    lifted = analysis(ask(api, TRAP, "ADMIN", all=True), "executionReport")
    assert lifted["report"]["alignmentTrap"]  # acme has rows to withhold
    floored = analysis(ask(api, TRAP, "ANALYST"), "executionReport")
    assert floored["report"]["alignmentTrap"] == []
    named = {row["unit"] for row in lifted["report"]["alignmentTrap"]}
    named |= {b["id"] for b in lifted["report"]["bottlenecks"] if b["kind"] == "UNIT"}
    assert floored["privacy"]["withheldGroups"] == len(named)  # every acme unit is small
    assert not any(h.startswith("Alignment trap in") for h in floored["report"]["headlines"])
    assert any(b["kind"] == "UNIT" for b in lifted["report"]["bottlenecks"])
    assert [b for b in floored["report"]["bottlenecks"] if b["kind"] == "UNIT"] == []


def test_a_stored_admin_answer_is_never_served_to_a_lower_role(api: LiveServer) -> None:
    # The same query text and variables: the response cache keys by the caller's grants too.
    admin = ask(api, SILOS, "ADMIN", all=True)
    assert analysis(admin, "siloBottlenecks")["privacy"]["lifted"] is True
    assert ask(api, SILOS, "ADMIN", all=True) == admin  # answered again (stored), unchanged
    for role in ("VIEWER", "ANALYST"):
        assert ask(api, SILOS, role, all=True)["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    floored = analysis(ask(api, SILOS, "ADMIN"), "siloBottlenecks")
    assert ask(api, SILOS, "VIEWER")["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert analysis(ask(api, SILOS, "ANALYST"), "siloBottlenecks")["report"] == floored["report"]


LAYER_SILOS = """query($kinds: [String!]) { organization(id: "acme") {
  siloBottlenecks(kinds: $kinds) { __typename
    ... on SiloBottlenecksAnalysis { layer privacy { minGroup withheldGroups } } } } }"""


@pytest.mark.parametrize(
    ("declared", "kinds", "floor"),
    [
        ((), None, 2),  # no metadata layer: the usual floor
        (("meeting",), None, 3),  # every tie, metadata among them: the higher floor
        (("meeting", "email"), ["email"], 3),
        (("meeting",), ["advice"], 2),  # a layer without metadata: the usual floor
    ],
)
def test_figures_from_calendar_and_mail_ties_get_the_higher_floor(
    tmp_path: Path, declared: tuple[str, ...], kinds: list[str] | None, floor: int
) -> None:
    from graph_queries.model import TieKind

    snapshot = acme()
    snapshot.tie_kinds = (TieKind("advice", True), *(TieKind(n, n == "email") for n in declared))
    path = tmp_path / "layers.sqlite3"
    asyncio.run(_store(path, snapshot))
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=2, privacy_min_group_metadata=3)
    with serve(create_app(settings, lambda: SqliteStore(path))) as api:
        result = analysis(ask(api, LAYER_SILOS, "ANALYST", kinds=kinds), "siloBottlenecks")
    assert result["privacy"]["minGroup"] == floor


def test_a_small_unit_target_takes_its_recommendations_and_score_with_it() -> None:
    snapshot = acme()
    graphs = build_graphs(snapshot)
    found = recommend(snapshot, Goal.LOWER_WORST_BOTTLENECK, path_sample=None)
    ranked = silo_bottlenecks(graphs, top=20, path_sample=None).bottlenecks
    unit = next(b for b in ranked if b.kind is BottleneckKind.UNIT)  # u4: 1 leader
    aimed = dataclasses.replace(found, target=unit)
    assert found.recommendations
    assert floor_recommendations(aimed, 2, graphs) == (
        dataclasses.replace(aimed, start=None, target=None, recommendations=()),
        1,
    )
    assert floor_recommendations(aimed, 1, graphs) == (aimed, 0)
    # A leader target's score is shown to an ANALYST by every analysis: nothing to withhold.
    assert found.target is not None
    assert found.target.kind is BottleneckKind.LEADER
    assert floor_recommendations(found, 5, graphs) == (found, 0)


def test_a_tie_into_a_small_faction_is_withheld_with_every_one_after_it() -> None:
    snapshot = generate_organization(200, seed=7)
    graphs = build_graphs(snapshot)
    factions = executive_factions(graphs)
    assert sorted(len(f.members) for f in factions.factions) == [4, 4]
    found = recommend(snapshot, Goal.CONNECT_FACTIONS, count=3)
    assert floor_recommendations(found, 4, graphs, factions) == (found, 0)
    floored, withheld = floor_recommendations(found, 5, graphs, factions)
    assert (floored.recommendations, withheld) == ((), 2)
    assert floored.start == found.start  # the top team's modularity, as the verdict shows it
    # One faction of 5 and one of 4: the first tie naming the small one goes, and the rest.
    bigger = factions.factions[0]
    grown = dataclasses.replace(bigger, members=(*bigger.members, "someone"))
    mixed = dataclasses.replace(factions, factions=(grown, factions.factions[1]))
    kept, withheld = floor_recommendations(found, 5, graphs, mixed)
    small = set(factions.factions[1].members)
    first = next(
        i
        for i, r in enumerate(found.recommendations)
        if small & {p for change in r.changes for p in tied_leaders(change)}
    )
    assert (kept.recommendations, withheld) == (found.recommendations[:first], 1)
