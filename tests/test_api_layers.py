"""Tie kinds and layers over HTTP on both stores: declarations, the kinds argument, the
directed network, and what is refused."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from graph_queries.formats.json_document import to_document
from service.app import create_app
from service.settings import Settings
from tests.analyses.test_directed import advice_acme
from tests.conftest import Backend
from tests.live import LiveServer, serve

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename
  ... on ImportPayload { counts { ties } } } }"""

DIRECTED = """query($kinds: [String!], $small: Boolean! = true) { organization(id: "acme") {
  tieKinds { name directed }
  directedNetwork(kinds: $kinds, includeSmallGroups: $small) { __typename
    ... on DirectedNetworkAnalysis { layer privacy { withheldGroups } report {
      layer arcs mutualPairs reciprocity eiIndex emptyReason
      leaders { leaderId name inDegree outDegree betweenness }
      groups { group leaders internal sent received eiIndex } } }
    ... on ValidationError { errors { path code message } } } } }"""

SILOS = """query($kinds: [String!]) { organization(id: "acme") {
  siloBottlenecks(kinds: $kinds, includeSmallGroups: true) { __typename
    ... on SiloBottlenecksAnalysis { layer report { units { unitId ties { internal external } } } }
    ... on ValidationError { errors { path code } } } } }"""

DECLARE = """mutation($kinds: [TieKindInput!]!) {
  declareTieKinds(organizationId: "acme", tieKinds: $kinds) { __typename
    ... on TieKindsPayload { tieKinds { name directed } }
    ... on ValidationError { errors { path code } } } }"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        imported = server.graphql(IMPORT, d=to_document(advice_acme()))
        assert imported["importOrganization"]["counts"]["ties"] == 11
        yield server


def directed(api: LiveServer, **variables: Any) -> Any:
    return api.graphql(DIRECTED, **variables)["organization"]


def test_the_directed_network_of_the_advice_layer(api: LiveServer) -> None:
    found = directed(api, kinds=["advice"])
    assert found["tieKinds"] == [
        {"name": "advice", "directed": True},
        {"name": "MEETING", "directed": False},
    ]
    result = found["directedNetwork"]
    assert result["layer"] == ["advice"]
    report = result["report"]
    assert (report["arcs"], report["mutualPairs"]) == (6, 1)
    assert report["reciprocity"] == pytest.approx(1 / 3, abs=1e-6)
    assert report["leaders"][0] == {
        "leaderId": "l2",
        "name": "Ben Sales",
        "inDegree": 3,
        "outDegree": 1,
        "betweenness": report["leaders"][0]["betweenness"],
    }


def test_a_kind_that_is_not_directed_is_refused(api: LiveServer) -> None:
    result = directed(api, kinds=["MEETING", "gossip"])["directedNetwork"]
    assert result["__typename"] == "ValidationError"
    [error] = result["errors"]
    assert (error["path"], error["code"]) == ("kinds", "UNKNOWN_REFERENCE")


def test_groups_below_the_privacy_floor_are_withheld(api: LiveServer) -> None:
    result = directed(api, kinds=None, small=False)["directedNetwork"]
    assert result["layer"] is None
    assert result["report"]["groups"] == []
    assert result["privacy"]["withheldGroups"] == 5


def test_every_analysis_says_which_layer_it_read(api: LiveServer) -> None:
    every = api.graphql(SILOS)["organization"]["siloBottlenecks"]
    work = api.graphql(SILOS, kinds=["WORK"])["organization"]["siloBottlenecks"]
    assert (every["layer"], work["layer"]) == (None, ["WORK"])
    units = {unit["unitId"]: unit["ties"] for unit in work["report"]["units"]}
    assert units["u1"] == {"internal": 0, "external": 0}  # u1 has MEETING and advice ties only
    assert units["u3"] == {"internal": 1, "external": 0}  # t3 inside; t5 is ADVICE
    assert units["u4"] == {"internal": 0, "external": 1}  # t4 to Planning
    too_long = api.graphql(SILOS, kinds=["x" * 41])["organization"]["siloBottlenecks"]
    assert too_long["errors"] == [{"path": "kinds", "code": "INVALID_FORMAT"}]


def test_declaring_tie_kinds_is_checked_on_the_whole_organization(api: LiveServer) -> None:
    refused = api.graphql(DECLARE, kinds=[{"name": "advice"}])["declareTieKinds"]
    assert refused["errors"] == [{"path": "ties[a5]", "code": "DUPLICATE"}]
    declared = api.graphql(DECLARE, kinds=[{"name": "advice", "directed": True}, {"name": "WORK"}])
    assert declared["declareTieKinds"]["tieKinds"] == [
        {"name": "advice", "directed": True},
        {"name": "WORK", "directed": False},
    ]


CREATE_ANONYMOUS = """mutation {
  createLeader(organizationId: "acme", input: {id: "l9", unitId: "u1"}) {
    __typename ... on LeaderPayload { leader { localId name attributes { name value } } } } }"""


def test_an_anonymous_leader_is_created_without_a_name(api: LiveServer) -> None:
    created = api.graphql(CREATE_ANONYMOUS)["createLeader"]
    assert created["leader"] == {"localId": "l9", "name": "", "attributes": []}


WARNINGS = """mutation($d: JSON!) { importOrganization(document: $d, replace: true) {
  ... on ImportPayload { warnings { code path } } } }"""


def test_the_import_returns_the_hierarchy_warnings(api: LiveServer) -> None:
    snapshot = advice_acme()
    snapshot.leaders["l3"] = dataclasses.replace(snapshot.leaders["l3"], unit_id="u1")
    found = api.graphql(WARNINGS, d=to_document(snapshot))["importOrganization"]["warnings"]
    assert found == [{"code": "EXECUTIVES_IN_ONE_DIVISION", "path": "units[u1]"}]


ARCS = """query($kind: String) { organization(id: "acme") {
  ties(first: 100, filter: {kind: $kind}) { edges { node { localId directed } } } } }"""


def test_a_tie_says_whether_it_is_an_arc(api: LiveServer) -> None:
    advice = api.graphql(ARCS, kind="advice")["organization"]["ties"]["edges"]
    assert len(advice) == 6
    assert all(edge["node"]["directed"] for edge in advice)
    meetings = api.graphql(ARCS, kind="MEETING")["organization"]["ties"]["edges"]
    assert [edge["node"] for edge in meetings] == [
        {"localId": "t1", "directed": False},
        {"localId": "t2", "directed": False},
    ]
