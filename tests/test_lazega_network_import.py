"""The Lazega law firm (../shared/data/lazega) through `unsilo import-network`: three directed
layers over 71 lawyers with their attributes, checked against figures computed here from the
published CSV files with plain networkx (docs/validation.md)."""

from __future__ import annotations

import asyncio
import csv

import networkx as nx
import pytest

from graph_queries.analyses.directed import directed_network
from graph_queries.context import ANONYMOUS
from graph_queries.graphs import build_graphs
from graph_queries.model import LeaderLevel, OrgSnapshot
from graph_queries.stores.sqlite_store import SqliteStore
from service.cli import main
from tests.realdata import DATA, verify_checksums

LAZEGA = DATA / "lazega"
LAYERS = ("advice", "friendship", "cowork")


def _published(layer: str) -> nx.DiGraph:
    with (LAZEGA / f"{layer}_edges.csv").open() as file:
        arcs = [(row["source"], row["target"]) for row in csv.DictReader(file)]
    graph = nx.DiGraph()
    graph.add_edges_from((a, b) for a, b in arcs if a != b)
    return graph


def _attributes() -> dict[str, dict[str, str]]:
    with (LAZEGA / "attributes.csv").open() as file:
        return {row["id"]: row for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory) -> OrgSnapshot:
    verify_checksums("lazega")
    store = tmp_path_factory.mktemp("lazega") / "unsilo.sqlite3"
    code = main([
        "--store", f"sqlite:{store}", "import-network",
        *(str(LAZEGA / f"{layer}_edges.csv") for layer in LAYERS),
        "--nodes", str(LAZEGA / "attributes.csv"), "--organization", "lazega",
        "--unit", "office", "--unit", "practice", "--level", "status",
        "--level-value", "1=EXECUTIVE", "--level-value", "2=MIDDLE",
        *(arg for layer in LAYERS for arg in ("--directed", layer)),
    ])  # fmt: skip
    assert code == 0

    async def read() -> OrgSnapshot:
        opened = SqliteStore(store)
        try:
            return await opened.snapshot(ANONYMOUS, "lazega")
        finally:
            await opened.close()

    return asyncio.run(read())


def test_every_lawyer_arrives_anonymous_with_attributes(firm: OrgSnapshot) -> None:
    people = _attributes()
    assert set(firm.leaders) == set(people)
    assert all(leader.name == "" for leader in firm.leaders.values())
    partners = {i for i, row in people.items() if row["status"] == "1"}
    executives = {i for i, leader in firm.leaders.items() if leader.level is LeaderLevel.EXECUTIVE}
    assert executives == partners
    teams = {(row["office"], row["practice"]) for row in people.values()}
    assert len(firm.units) == len(teams)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_keeps_the_published_arcs_and_their_reciprocity(
    firm: OrgSnapshot, layer: str
) -> None:
    published = _published(layer)
    report = directed_network(build_graphs(firm), frozenset({layer}), top=None)
    assert report.arcs == published.number_of_edges()
    assert report.reciprocity == pytest.approx(nx.reciprocity(published), abs=1e-4)


def test_advice_flows_up_to_the_partners(firm: OrgSnapshot) -> None:
    people = _attributes()
    published = _published("advice")
    received = {status: [published.in_degree(i) if i in published else 0
                         for i, row in people.items() if row["status"] == status]
                for status in ("1", "2")}  # fmt: skip
    report = directed_network(build_graphs(firm), frozenset({"advice"}), top=None)
    by_leader = {row.leader_id: row.in_degree for row in report.leaders}
    stored = {status: [by_leader.get(i, 0) for i, row in people.items() if row["status"] == status]
              for status in ("1", "2")}  # fmt: skip
    assert stored == received
    mean = {status: sum(values) / len(values) for status, values in stored.items()}
    # Associates seek partners' advice far more than the reverse (Lazega 2001, ch. 5).
    assert mean["1"] > 1.5 * mean["2"]


def test_co_work_stays_mostly_inside_offices(firm: OrgSnapshot) -> None:
    people = _attributes()
    published = _published("cowork")
    inside = sum(1 for a, b in published.edges() if people[a]["office"] == people[b]["office"])
    outside = published.number_of_edges() - inside
    report = directed_network(build_graphs(firm), frozenset({"cowork"}), group_by="office")
    assert report.ei_index == pytest.approx((outside - inside) / (outside + inside), abs=1e-4)
    assert report.ei_index < -0.5
