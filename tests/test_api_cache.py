"""Stored analysis answers over HTTP: reused only for the same caller, query, variables and
graph versions; never after a write, never with errors, never across a deleted organization."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.websockets import WebSocket

from graph_queries.context import ANONYMOUS, RequestContext, Role
from graph_queries.formats.json_document import to_document
from graph_queries.model import Organization, OrgSnapshot, Unit
from service.app import create_app
from service.response_cache import ResponseCache, storable
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = """mutation($d: JSON!, $r: Boolean! = false) {
  importOrganization(document: $d, replace: $r) { __typename } }"""

REPORT = """query Report($id: ID!, $top: Int! = 5) { organization(id: $id) {
  executionReport(asOf: "2025-12-31", top: $top) { __typename
    ... on ExecutionReportAnalysis { graphVersion computedAt report { headlines
      bottlenecks { id score } } } } } }"""

FACTIONS = """{ organization(id: "acme") { executiveFactions(includeSmallGroups: true) { __typename
    ... on ExecutiveFactionsAnalysis { graphVersion report { verdict factions { members } } } }
  } }"""

NEW_TIE = """mutation { createTie(organizationId: "acme",
  input: {leaderAId: "l2", leaderBId: "l3"}) { __typename } }"""

# Who calls is read from a header here; tests/test_auth*.py go through real credentials.
CALLERS = {
    "sees-acme": RequestContext.granted("sees-acme", {"acme": Role.ADMIN}),
    "sees-all": RequestContext("sees-all", every_organization=Role.ADMIN),
    "sees-none": RequestContext("sees-none"),
}


def identify(request: Request | WebSocket) -> RequestContext:
    return CALLERS.get(request.headers.get("x-caller", ""), ANONYMOUS)


@dataclass
class Served:
    server: LiveServer
    app: Starlette

    @property
    def cache(self) -> ResponseCache:
        """The server's response cache (the server runs in this process)."""
        cache: ResponseCache = self.app.state.responses
        return cache


@contextlib.contextmanager
def served(app: Starlette) -> Iterator[Served]:
    with serve(app) as server:
        yield Served(server, app)


@pytest.fixture
def api(backend: Backend) -> Iterator[Served]:
    with served(create_app(Settings(), backend.open, identify)) as api:
        api.server.graphql(IMPORT, d=to_document(acme()))
        yield api


def post(api: Served, query: str, caller: str = "", **variables: Any) -> bytes:
    response = api.server.client.post(
        f"{api.server.url}/graphql",
        json={"query": query, "variables": variables},
        headers={"x-caller": caller},
    )
    assert response.status_code == 200, response.text
    return response.content


def test_a_stored_answer_is_the_same_bytes_until_a_write(api: Served) -> None:
    cache = api.cache
    first = post(api, REPORT, id="acme")
    assert cache.executions == 1
    assert post(api, REPORT, id="acme") == first
    assert cache.executions == 1  # reused, not executed again
    assert b'"graphVersion":1' in first

    api.server.graphql(NEW_TIE)
    after = post(api, REPORT, id="acme")
    assert cache.executions == 2
    assert b'"graphVersion":2' in after
    assert post(api, REPORT, id="acme") == after


def test_the_stored_answer_is_what_executing_answers(backend: Backend) -> None:
    """Byte for byte: a server without the cache answers the same (but for `computedAt`)."""
    report = REPORT.replace("computedAt", "")
    with served(create_app(Settings(response_cache_mb=0), backend.open)) as plain:
        plain.server.graphql(IMPORT, d=to_document(acme()))
        assert plain.app.state.responses is None
        expected = [post(plain, FACTIONS), post(plain, report, id="acme", top=2)]
    with served(create_app(Settings(), backend.open)) as cached:
        for _ in range(2):
            assert [post(cached, FACTIONS), post(cached, report, id="acme", top=2)] == expected
        assert cached.cache.executions == 2


def test_callers_variables_and_queries_do_not_share_answers(api: Served) -> None:
    cache = api.cache
    post(api, REPORT, "sees-acme", id="acme")
    post(api, REPORT, "sees-all", id="acme")
    assert cache.executions == 2  # two callers, two entries
    post(api, REPORT, "sees-acme", id="acme")
    assert cache.executions == 2

    three = post(api, REPORT, "sees-acme", id="acme", top=1)
    assert cache.executions == 3
    assert three.count(b'"score"') == 1

    # The same operation written differently is another query text: another entry.
    post(api, REPORT.replace("headlines", "headlines "), "sees-acme", id="acme")
    assert cache.executions == 4


def test_a_caller_who_may_not_see_the_organization_gets_null_not_a_stored_answer(
    api: Served,
) -> None:
    post(api, REPORT, "sees-all", id="acme")
    hidden = api.server.client.post(
        f"{api.server.url}/graphql",
        json={"query": REPORT, "variables": {"id": "acme"}},
        headers={"x-caller": "sees-none"},
    ).json()
    assert hidden == {"data": {"organization": None}}
    assert len(api.cache) == 1


def test_answers_with_errors_are_not_stored(api: Served) -> None:
    cache = api.cache
    # A partial result: the report, and an error for the out-of-range page size.
    query = """{ organization(id: "acme") { leaders(first: 5000) { totalCount }
        executionReport(asOf: "2025-12-31") { __typename } } }"""
    for number in (1, 2):
        body = api.server.graphql_response(query)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert cache.executions == number
    assert len(cache) == 0


def test_typed_failures_are_answers_and_are_stored(api: Served) -> None:
    cache = api.cache
    query = """{ organization(id: "acme") { siloBottlenecks(top: 1000) { __typename
        ... on ValidationError { errors { path code } } } } }"""
    first = post(api, query)
    assert b'"OUT_OF_RANGE"' in first
    assert post(api, query) == first
    assert cache.executions == 1


def test_a_deleted_and_recreated_organization_gets_a_new_answer(api: Served) -> None:
    before = post(api, FACTIONS)
    assert b'"graphVersion":1' in before
    deleted = api.server.graphql('mutation { deleteOrganization(id: "acme") { __typename } }')
    assert deleted["deleteOrganization"]["__typename"] == "DeletePayload"
    # The same id again, at version 1 again, with one unit and no executives.
    tiny = OrgSnapshot.of(Organization("acme", "Acme again"), [Unit("u1", "Everything")])
    api.server.graphql(IMPORT, d=to_document(tiny))
    after = post(api, FACTIONS)
    assert b'"graphVersion":1' in after
    assert after != before
    assert b'"factions":[]' in after


def test_queries_that_are_not_analyses_are_executed_every_time(api: Served) -> None:
    cache = api.cache
    names = '{ organization(id: "acme") { name graphVersion } }'
    for query in (names, "{ organizations { localId } }"):
        post(api, query)
        post(api, query)
    assert cache.executions == 0
    assert len(cache) == 0


def test_which_request_bodies_may_be_stored() -> None:
    def body(**payload: Any) -> bytes:
        return json.dumps(payload).encode()

    wanted = storable(body(query=REPORT, variables={"id": "acme", "top": 2}), ANONYMOUS)
    assert wanted is not None
    assert wanted.organization_ids == ("acme",)
    assert wanted.variables == '{"id":"acme","top":2}'
    same = storable(
        body(query=REPORT, variables={"top": 2, "id": "acme"}, extensions={}), ANONYMOUS
    )
    assert same == wanted  # variables in another order are the same request
    assert storable(body(query=FACTIONS, operationName=None), ANONYMOUS) is not None

    assert storable(b"{not json", ANONYMOUS) is None
    assert storable(json.dumps([{"query": FACTIONS}]).encode(), ANONYMOUS) is None  # a batch
    assert storable(body(query=FACTIONS, extensions={"persistedQuery": {}}), ANONYMOUS) is None
    assert storable(body(query=REPORT, variables={"id": 7}), ANONYMOUS) is None
    assert storable(body(query=NEW_TIE), ANONYMOUS) is None
