# ruff: noqa: E501  (the queries read best unbroken)
"""`unitNetwork`: the units and the aggregated links between them, checked by eye on acme and
against a plain count on a generated organization; the privacy floor over the real app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_queries.analyses.unit_network import UnitLink, unit_network
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from tests import tokens
from tests.live import LiveServer, serve
from tests.orgs import acme

NETWORK = """query($all: Boolean! = false, $kinds: [String!]) { organization(id: "acme") {
  unitNetwork(includeSmallGroups: $all, kinds: $kinds) { __typename
    ... on UnitNetworkAnalysis { layer privacy { minGroup withheldGroups lifted }
      report { units { id people } links { unitA unitB dependencies maxCriticality unreliable ties tieStrength } } }
    ... on ValidationError { errors { path code } } } } }"""


def test_acme_links_every_pair_a_dependency_or_a_tie_joins() -> None:
    network = unit_network(build_graphs(acme()))
    assert [(u.id, u.people) for u in network.units] == [
        ("u1", 2),
        ("u2", 1),
        ("u3", 2),
        ("u4", 1),
        ("u5", 1),
    ]
    assert network.links == (
        UnitLink("u1", "u2", 0, None, 0, 1, 0.8),  # t2, executives of two divisions
        UnitLink("u3", "u4", 1, 5, 1, 0, 0.0),  # d1 SOMETIMES: unreliable
        UnitLink("u3", "u5", 1, 2, 1, 1, 0.2),  # d3 RARELY, t5
        UnitLink("u4", "u5", 1, 4, 0, 1, 0.6),  # d2 MOSTLY, t4
    )


def test_a_layer_reads_only_its_kinds() -> None:
    network = unit_network(build_graphs(acme()), frozenset({"WORK"}))
    assert [(link.unit_a, link.unit_b, link.ties) for link in network.links] == [
        ("u3", "u4", 0),
        ("u3", "u5", 0),  # t5 is ADVICE
        ("u4", "u5", 1),
    ]


def test_the_links_add_up_to_every_tie_and_dependency_between_units() -> None:
    graphs = build_graphs(generate_organization(leaders=400, seed=3))
    network = unit_network(graphs)
    unit_of = dict(graphs.reporting.nodes(data="unit"))
    between = [
        (a, b, s)
        for a, b, s in graphs.collaboration.edges(data="strength")
        if unit_of[a] != unit_of[b]
    ]
    crossing = [(a, b) for a, b in graphs.dependencies.edges() if a != b]
    assert sum(link.ties or 0 for link in network.links) == len(between) > 0
    assert sum(link.tie_strength or 0 for link in network.links) == pytest.approx(
        sum(s for _, _, s in between)
    )
    assert sum(link.dependencies for link in network.links) == len(crossing) > 0
    assert sum(u.people for u in network.units) == graphs.reporting.number_of_nodes()
    assert len({(link.unit_a, link.unit_b) for link in network.links}) == len(network.links)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LiveServer]:
    path = tmp_path / "unsilo.sqlite3"
    asyncio.run(_store(path, acme()))
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=2)
    with serve(create_app(settings, lambda: SqliteStore(path))) as server:
        yield server


def ask(api: LiveServer, role: str, **variables: Any) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {tokens.token({'acme': role})}"}
    response = api.client.post(
        f"{api.url}/graphql", json={"query": NETWORK, "variables": variables}, headers=headers
    )
    body: dict[str, Any] = response.json()
    return body


def test_ties_of_units_under_the_floor_are_withheld(api: LiveServer) -> None:
    # Floor 2: u2, u4 and u5 have one leader each.
    floored = ask(api, "ANALYST")["data"]["organization"]["unitNetwork"]
    assert floored["privacy"] == {"minGroup": 2, "withheldGroups": 3, "lifted": False}
    links = {(link["unitA"], link["unitB"]): link for link in floored["report"]["links"]}
    assert set(links) == {("u3", "u4"), ("u3", "u5"), ("u4", "u5")}  # u1-u2 was ties only
    assert {(link["ties"], link["tieStrength"]) for link in links.values()} == {(None, None)}
    assert links["u3", "u4"]["dependencies"] == 1
    assert links["u3", "u4"]["unreliable"] == 1
    assert len(floored["report"]["units"]) == 5


def test_only_an_admin_lifts_the_floor(api: LiveServer) -> None:
    lifted = ask(api, "ADMIN", all=True)["data"]["organization"]["unitNetwork"]
    assert lifted["privacy"]["lifted"] is True
    assert len(lifted["report"]["links"]) == 4
    assert {link["ties"] for link in lifted["report"]["links"]} == {0, 1}
    refused = ask(api, "ANALYST", all=True)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    viewer = ask(api, "VIEWER")
    assert viewer["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_bad_layer_is_a_validation_error_naming_kinds(api: LiveServer) -> None:
    answer = ask(api, "ANALYST", kinds=["x" * 500])["data"]["organization"]["unitNetwork"]
    assert answer["__typename"] == "ValidationError"
    assert answer["errors"][0]["path"] == "kinds"
    layered = ask(api, "ANALYST", kinds=["WORK"])["data"]["organization"]["unitNetwork"]
    assert layered["layer"] == ["WORK"]


async def _store(path: Path, snapshot: Any) -> None:
    store = SqliteStore(path)
    await store.migrate()
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
    await store.close()
