"""Custom attributes over HTTP on both stores: declared, shown, filtered on, grouped by."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service.app import create_app
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.test_attributes import with_attributes

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"""

LEADERS = """query($filter: LeaderFilter) { organization(id: "acme") {
  attributes { name entity type }
  leaders(filter: $filter) { totalCount edges { node { localId attributes { name value } } } }
  units(filter: {attribute: {name: "budget", value: "2.50"}}) { edges { node { localId } } } } }"""

GROUPED = """query($by: String) { organization(id: "acme") {
  siloBottlenecks(groupBy: $by, includeSmallGroups: true) { __typename
    ... on SiloBottlenecksAnalysis { report { groupedBy groups { group leaders } } }
    ... on ValidationError { errors { path code } } } } }"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        assert server.graphql(IMPORT, d=with_attributes())["importOrganization"]["__typename"] == (
            "ImportPayload"
        )
        yield server


def organization(api: LiveServer, query: str, **variables: Any) -> Any:
    return api.graphql(query, **variables)["organization"]


def test_declarations_and_values_are_shown(api: LiveServer) -> None:
    found = organization(api, LEADERS)
    assert found["attributes"][1] == {"name": "age", "entity": "LEADER", "type": "INTEGER"}
    first = found["leaders"]["edges"][0]["node"]
    assert first == {
        "localId": "l1",
        "attributes": [
            {"name": "office", "value": "Boston"},
            {"name": "age", "value": "64"},
            {"name": "partner", "value": "true"},
        ],
    }
    assert [edge["node"]["localId"] for edge in found["units"]["edges"]] == ["u1"]


def test_leaders_are_filtered_on_one_attribute_in_its_type(api: LiveServer) -> None:
    by_age = {"attribute": {"name": "age", "value": "64.0"}}
    assert organization(api, LEADERS, filter=by_age)["leaders"]["totalCount"] == 1
    nobody = {"attribute": {"name": "office", "value": "Paris"}}
    assert organization(api, LEADERS, filter=nobody)["leaders"]["totalCount"] == 0


def test_an_analysis_groups_by_a_declared_leader_attribute(api: LiveServer) -> None:
    report = organization(api, GROUPED, by="office")["siloBottlenecks"]["report"]
    assert report == {"groupedBy": "office", "groups": [{"group": "Boston", "leaders": 1}]}
    refused = organization(api, GROUPED, by="budget")["siloBottlenecks"]
    assert refused["errors"] == [{"path": "groupBy", "code": "UNKNOWN_REFERENCE"}]


UPDATE = """mutation($values: [AttributeInput!]) {
  updateLeader(organizationId: "acme", id: "l2", input: {attributes: $values}) { __typename
    ... on LeaderPayload { leader { attributes { name value } } }
    ... on ValidationError { errors { path code } } } }"""


def test_a_leader_s_values_are_set_through_its_input_and_checked(api: LiveServer) -> None:
    values = [{"name": "age", "value": "41"}, {"name": "office", "value": "Hartford"}]
    updated = api.graphql(UPDATE, values=values)["updateLeader"]
    assert updated["leader"]["attributes"] == values
    refused = api.graphql(UPDATE, values=[{"name": "age", "value": "old"}])["updateLeader"]
    assert refused["errors"] == [{"path": "input.attributes.age", "code": "INVALID_FORMAT"}]
