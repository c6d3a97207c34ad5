"""Nested lists as Relay connections on the real app and both stores: forward and backward
paging with exact page info, natural order of local ids, checked arguments, bounded cost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph_queries.formats.json_document import to_document
from graph_queries.model import (
    Dependency,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.stores.port import PageWindow
from schema.pagination import paginate
from service.app import create_app
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve

IMPORT = (
    """mutation($d: JSON!) { importOrganization(document: $d, replace: true) { __typename } }"""
)
TEAMS = [f"u{i}" for i in range(2, 14)]  # u2 ... u13: natural order is not the text order
LEADERS = [f"l{i}" for i in range(1, 13)]


def wide() -> OrgSnapshot:
    """One division with twelve teams, twelve leaders reporting to l1, all tied to l1."""
    return OrgSnapshot.of(
        Organization("wide", "Wide"),
        [
            Unit("u1", "Division", UnitKind.DIVISION),
            *[Unit(id, f"Team {id}", UnitKind.TEAM, "u1") for id in reversed(TEAMS)],
            Leader("l1", "Head", "u1", LeaderLevel.EXECUTIVE, "Head"),
            *[
                Leader(id, f"Leader {id}", "u1", LeaderLevel.SENIOR, "Lead", "l1")
                for id in LEADERS[1:]
            ],
            *[Tie(f"t{i}", "l1", f"l{i}", 0.5) for i in range(2, 13)],
            Dependency("d1", "u2", "u3", 3, Reliability.MOSTLY, "Plans", tuple(LEADERS[::-1])),
        ],
    )


PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  organization(id: "wide") { unit(id: "u1") {
    children(first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { localId } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        server.graphql(IMPORT, d=to_document(wide()))
        yield server


def children(api: LiveServer, **arguments: Any) -> dict[str, Any]:
    found: dict[str, Any] = api.graphql(PAGE, **arguments)["organization"]["unit"]["children"]
    return found


def ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["localId"] for edge in page["edges"]]


def test_paging_forward_visits_every_child_once_in_natural_order(api: LiveServer) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = children(api, first=5, after=after)
        assert page["totalCount"] == len(TEAMS)
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += ids(page)
        pages += 1
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert seen == TEAMS  # u2, u3, ... u9, u10: natural order
    assert pages == 3  # 5 + 5 + 2, and no empty page at the end


def test_paging_backward_visits_every_child_once(api: LiveServer) -> None:
    seen: list[str] = []
    before = None
    while True:
        page = children(api, last=5, before=before)
        assert page["pageInfo"]["hasNextPage"] is (before is not None)
        seen = ids(page) + seen
        before = page["pageInfo"]["startCursor"]
        if not page["pageInfo"]["hasPreviousPage"]:
            break
    assert seen == TEAMS


def test_page_info_is_exact_at_the_edges(api: LiveServer) -> None:
    whole = children(api, first=100)
    assert ids(whole) == TEAMS
    assert whole["pageInfo"]["hasNextPage"] is whole["pageInfo"]["hasPreviousPage"] is False
    exact = children(api, first=len(TEAMS))
    assert exact["pageInfo"]["hasNextPage"] is False
    one_short = children(api, first=len(TEAMS) - 1)
    assert one_short["pageInfo"]["hasNextPage"] is True
    cursors = {edge["node"]["localId"]: edge["cursor"] for edge in whole["edges"]}
    between = children(api, after=cursors["u3"], before=cursors["u10"])
    assert ids(between) == ["u4", "u5", "u6", "u7", "u8", "u9"]
    assert between["pageInfo"]["hasPreviousPage"] is True  # u2, u3 come before
    assert between["pageInfo"]["hasNextPage"] is False  # first (20) took all up to `before`
    assert children(api, last=2, before=cursors["u10"])["pageInfo"]["hasNextPage"] is True
    empty = children(api, first=0)
    assert empty["edges"] == []
    assert empty["pageInfo"]["startCursor"] is None
    assert empty["pageInfo"]["hasNextPage"] is True
    assert ids(children(api)) == TEAMS  # 12, within the default page of 20


def test_every_nested_list_is_a_connection_in_natural_order(api: LiveServer) -> None:
    def local_ids(connection: dict[str, Any]) -> list[str]:
        return [edge["node"]["localId"] for edge in connection["edges"]]

    page = "(first: 100) { edges { node { localId } } }"
    found = api.graphql(f"""{{ organization(id: "wide") {{
        unit(id: "u1") {{ members{page} children{page} }}
        leader(id: "l1") {{ reports{page} ties{page} }}
        dependency(id: "d1") {{ owners{page} }} }} }}""")["organization"]
    assert local_ids(found["unit"]["members"]) == LEADERS
    assert local_ids(found["unit"]["children"]) == TEAMS
    assert local_ids(found["leader"]["reports"]) == LEADERS[1:]
    assert local_ids(found["leader"]["ties"]) == [f"t{i}" for i in range(2, 13)]
    assert local_ids(found["dependency"]["owners"]) == LEADERS


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"first": 2, "last": 2}, "last"),
        ({"first": 101}, "first"),
        ({"first": -1}, "first"),
        ({"last": 101}, "last"),
        ({"after": "not-a-cursor"}, "after"),
        ({"before": "not-a-cursor"}, "before"),
    ],
)
def test_bad_arguments_are_bad_user_input_naming_the_argument(
    api: LiveServer, arguments: dict[str, Any], field: str
) -> None:
    body = api.graphql_response(PAGE, **arguments)
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", field)
    ]


def test_a_deep_nested_query_costs_by_its_page_sizes(api: LiveServer) -> None:
    def deep(size: int) -> str:
        # units > members > ties > leaderA (depth 12, the limit), each connection `size` long.
        inner = "leaderA { name }"
        for field in ("ties", "members", "units"):
            inner = f"{field}(first: {size}) {{ edges {{ node {{ {inner} }} }} }}"
        return f'{{ organization(id: "wide") {{ {inner} }} }}'

    refused = api.graphql_response(deep(100))
    assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert refused["errors"][0]["extensions"]["limit"] == "cost"
    assert "data" not in refused or refused["data"] is None
    answered = api.graphql(deep(3))
    assert len(answered["organization"]["units"]["edges"]) == 3
    # `last` counts as `first` does; no size is the default page of 20, not 100.
    assert "errors" in api.graphql_response(deep(100).replace("first", "last"))
    assert "errors" not in api.graphql_response(deep(3).replace("(first: 3)", "", 1))


def test_nodes_are_costed_by_the_ids_asked() -> None:
    from schema import schema
    from schema.query_limits import measure

    def cost(query: str, **variables: Any) -> int:
        from graphql import parse

        return measure(schema._schema, parse(query), None, variables, 10).cost

    nested = "{ id ... on Leader { ties(first: 50) { edges { node { id } } } } }"
    one = cost(f'{{ nodes(ids: ["a"]) {nested} }}')
    ten = cost(f'{{ nodes(ids: ["a","b","c","d","e","f","g","h","i","j"]) {nested} }}')
    unknown = cost(f"query($ids: [ID!]!) {{ nodes(ids: $ids) {nested} }}")
    assert one < ten < unknown
    assert ten - 1 == 10 * (one - 1)


def test_the_pagination_algorithm_on_its_own() -> None:
    items = ["u10", "u2", "u1", "u3", "u20"]
    assert paginate(items, str, PageWindow(first=2)).items == ["u1", "u2"]
    assert paginate(items, str, PageWindow(last=2)).items == ["u10", "u20"]
    # A cursor whose item is gone still marks its place.
    gone = paginate(items, str, PageWindow(first=10, after="u4"))
    assert (gone.items, gone.has_previous_page) == (["u10", "u20"], True)
    backward = paginate(items, str, PageWindow(last=10, before="u4"))
    assert (backward.items, backward.has_next_page, backward.has_previous_page) == (
        ["u1", "u2", "u3"],
        True,
        False,
    )
    # Both, as the specification allows (the API refuses it): first, then last.
    both = paginate(items, str, PageWindow(first=4, last=2))
    assert (both.items, both.has_next_page, both.has_previous_page) == (["u3", "u10"], True, True)
