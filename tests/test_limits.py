"""Every limit over real HTTP: a request past it is refused with its code before anything runs,
and one within it is answered (docs/security.md, "Limits")."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.websockets import WebSocket

from graph_queries.context import ANONYMOUS, RequestContext
from graph_queries.formats.json_document import to_document
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.hostile import dated_reports, fan_out, fragment_bomb, many_aliases, many_directives
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"""
REPORT = '{ organization(id: "acme") { r: executionReport(asOf: "2025-12-31") { __typename } } }'


@contextlib.contextmanager
def served(tmp_path: Path, **settings: Any) -> Iterator[tuple[LiveServer, Starlette]]:
    path = tmp_path / "unsilo.sqlite3"
    asyncio.run(_import_acme(SqliteStore(path)))
    app = create_app(Settings(**settings), lambda: SqliteStore(path))
    with serve(app) as server:
        yield server, app


async def _import_acme(store: SqliteStore) -> None:
    try:
        await store.migrate()
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    finally:
        await store.close()


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LiveServer]:
    with served(tmp_path) as (server, _):
        yield server


def post(api: LiveServer, query: str, **variables: Any) -> httpx.Response:
    return api.client.post(f"{api.url}/graphql", json={"query": query, "variables": variables})


def refused_by(response: httpx.Response) -> tuple[str, str | None]:
    """(code, limit) of the one error of a refused request."""
    body = response.json()
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    return error["extensions"]["code"], error["extensions"].get("limit")


def answered(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def aliased_names(count: int) -> str:
    return '{ organization(id: "acme") { ' + " ".join(f"a{n}: name" for n in range(count)) + " } }"


def nested_units(depth: int) -> str:
    # organization > unit > parent... : `depth` fields deep, one object each.
    inner = "id"
    for _ in range(depth - 3):
        inner = f"parent {{ {inner} }}"
    return f'{{ organization(id: "acme") {{ unit(id: "u1") {{ {inner} }} }} }}'


# ---- the findings of issue 9, refused ------------------------------------------------------------


def test_hostile_queries_are_refused_before_they_run(api: LiveServer) -> None:
    assert refused_by(post(api, fragment_bomb("acme"))) == ("QUERY_TOO_COMPLEX", "cost")
    assert refused_by(post(api, fan_out("acme"))) == ("QUERY_TOO_COMPLEX", "cost")
    assert refused_by(post(api, dated_reports("acme"))) == ("QUERY_TOO_COMPLEX", "analyses")
    long_query = post(api, many_aliases("acme"))
    assert long_query.status_code == 400
    assert refused_by(long_query) == ("QUERY_TOO_LONG", None)
    # Still answering, and nothing was computed for them.
    assert api.client.get(f"{api.url}/healthz").json() == {"status": "ok"}


def test_a_huge_body_is_refused_by_its_declared_length(api: LiveServer) -> None:
    response = api.client.post(
        f"{api.url}/graphql",
        content=b"{" + b" " * (20 * 1024 * 1024) + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert refused_by(response) == ("BODY_TOO_LARGE", None)


# ---- each limit: past it, and within it ---------------------------------------------------------


def test_body_size_streamed_without_a_length(tmp_path: Path) -> None:
    with served(tmp_path, max_body_bytes=4096) as (api, _):

        def chunks(size: int) -> Iterator[bytes]:
            body = b'{"query": "{ organizations { localId } }"' + b" " * size + b"}"
            for start in range(0, len(body), 1000):
                yield body[start : start + 1000]

        url, json_type = f"{api.url}/graphql", {"content-type": "application/json"}
        big = api.client.post(url, content=chunks(5000), headers=json_type)
        assert big.status_code == 413
        assert refused_by(big) == ("BODY_TOO_LARGE", None)
        small = api.client.post(url, content=chunks(3000), headers=json_type)
        assert answered(small) == {"organizations": [{"localId": "acme"}]}


def test_query_length(tmp_path: Path) -> None:
    query = "{ organizations { localId } }"
    with served(tmp_path, max_query_length=len(query)) as (api, _):
        assert answered(post(api, query)) == {"organizations": [{"localId": "acme"}]}
        assert refused_by(post(api, query + " ")) == ("QUERY_TOO_LONG", None)


def test_tokens(tmp_path: Path) -> None:
    def query(ids: int) -> str:  # 5 + ids tokens
        return "{ organizations {" + " localId" * ids + " } }"

    with served(tmp_path, max_query_tokens=20, max_query_length=10**6) as (api, _):
        assert answered(post(api, query(15))) == {"organizations": [{"localId": "acme"}]}
        too_many = post(api, query(16))
        assert refused_by(too_many) == ("QUERY_TOO_COMPLEX", "tokens")
        # The limit also stops a long run of directives before it is parsed whole.
        assert refused_by(post(api, many_directives(50_000))) == ("QUERY_TOO_COMPLEX", "tokens")


def test_aliases(api: LiveServer) -> None:
    assert answered(post(api, aliased_names(50)))["organization"]["a49"] == "Acme Widgets"
    assert refused_by(post(api, aliased_names(51))) == ("QUERY_TOO_COMPLEX", "aliases")


def test_depth_counts_fields_inside_fragments(api: LiveServer) -> None:
    assert "unit" in answered(post(api, nested_units(12)))["organization"]
    assert refused_by(post(api, nested_units(13))) == ("QUERY_TOO_COMPLEX", "depth")
    through_fragment = (
        '{ organization(id: "acme") { unit(id: "u1") { ...Up } } } '
        "fragment Up on Unit { parent { parent { parent { ...Higher } } } } "
        "fragment Higher on Unit { parent { parent { parent { parent { parent { parent { parent "
        "{ id } } } } } } } }"
    )
    assert refused_by(post(api, through_fragment)) == ("QUERY_TOO_COMPLEX", "depth")


def test_directives(api: LiveServer) -> None:
    def query(count: int) -> str:
        return "{ organizations {" + " localId @include(if: true)" * count + " } }"

    assert answered(post(api, query(50))) == {"organizations": [{"localId": "acme"}]}
    assert refused_by(post(api, query(51))) == ("QUERY_TOO_COMPLEX", "directives")


PAGE_OF_LEADERS = """query($n: Int!) { organization(id: "acme") {
  leaders(first: $n) { edges { node { localId reports(first: 10) { edges { node { localId
  ties(first: 10) { edges { node { localId } } } } } } } } } } }"""
# organization 1, leaders 1, then n x (edges, node, localId, reports 1 each + 10 x (edges, node,
# localId, ties 1 each + 10 x (edges, node, localId 1 each))): connections count `first` each.
PAGE_COST = 2 + 100 * (4 + 10 * (4 + 10 * 3))


def test_cost_multiplies_page_sizes_and_counts_variables(tmp_path: Path) -> None:
    with served(tmp_path, max_query_cost=PAGE_COST) as (api, _):
        assert answered(post(api, PAGE_OF_LEADERS, n=100))["organization"]["leaders"]["edges"]
        with_name = PAGE_OF_LEADERS.replace("{ localId reports", "{ localId name reports")
        assert refused_by(post(api, with_name, n=100)) == ("QUERY_TOO_COMPLEX", "cost")
        assert answered(post(api, with_name, n=50))["organization"]["leaders"]["edges"]


def test_default_cost_refuses_lists_of_lists_of_a_full_page(api: LiveServer) -> None:
    # Nested connections without `first` count the default page of 20 each.
    deeper = PAGE_OF_LEADERS.replace("(first: 10)", "")
    assert refused_by(post(api, deeper, n=100)) == ("QUERY_TOO_COMPLEX", "cost")
    assert answered(post(api, deeper, n=1))["organization"]["leaders"]["edges"]


def test_a_fragment_cycle_is_reported_by_validation(api: LiveServer) -> None:
    query = """{ organization(id: "acme") { ...A } }
      fragment A on Organization { id ...B }
      fragment B on Organization { name ...A }"""
    body = post(api, query).json()
    [error] = body["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION"
    assert "Cannot spread fragment" in error["message"]


def test_distinct_analyses_per_request(tmp_path: Path) -> None:
    with served(tmp_path) as (api, app):
        two = """{ organization(id: "acme") {
          a: executionReport(asOf: "2025-01-01") { __typename }
          b: executionReport(asOf: "2025-01-01", top: 5) { __typename }
          c: executionReport(asOf: "2025-06-01") { __typename } } }"""
        data = answered(post(api, two))["organization"]
        assert {data[key]["__typename"] for key in "abc"} == {"ExecutionReportAnalysis"}
        three = two.replace("} } }", '} d: conflictHotspots(asOf: "2025-01-01") { __typename } } }')
        assert refused_by(post(api, three)) == ("QUERY_TOO_COMPLEX", "analyses")
        assert app.state.runner.computations == 2  # none for the refused request


def test_analyses_below_organizations_are_counted_as_they_run(tmp_path: Path) -> None:
    with served(tmp_path, max_analyses_per_request=1) as (api, _):
        query = '{ organizations { localId executionReport(asOf: "2025-01-01") { __typename } } }'
        assert answered(post(api, query))["organizations"][0]["localId"] == "acme"
        assert answered(post(api, IMPORT, d=to_document(acme("beta"))))
        body = post(api, query).json()
        codes = [error["extensions"]["code"] for error in body["errors"]]
        assert codes == ["QUERY_TOO_COMPLEX"]
        assert body["errors"][0]["extensions"]["limit"] == "analyses"


def test_time_budget_answers_timeout(tmp_path: Path) -> None:
    # A cold analysis takes far more than a millisecond; graph_queries tests that the analysis
    # then finishes once into the cache (tests/analyses/test_runner_abandoned.py).
    with served(tmp_path, request_timeout=0.001) as (api, _):
        response = post(api, REPORT)
        assert response.status_code == 200
        assert refused_by(response) == ("TIMEOUT", None)
        assert api.client.get(f"{api.url}/healthz").json() == {"status": "ok"}
    (tmp_path / "again").mkdir()
    with served(tmp_path / "again", request_timeout=60) as (api, _):
        assert answered(post(api, REPORT))["organization"]["r"]["__typename"]


# ---- per caller: the rate limit -----------------------------------------------------------------


def caller_from_header(request: Request | WebSocket) -> RequestContext:
    return RequestContext(caller=request.headers.get("x-test-caller", "anonymous"))


def test_rate_limit_per_caller(tmp_path: Path) -> None:
    path = tmp_path / "unsilo.sqlite3"
    settings = Settings(rate_limit=0.01, rate_burst=3)
    app = create_app(settings, lambda: SqliteStore(path), identify=caller_from_header)
    query = {"query": "{ organizations { localId } }"}
    with serve(app) as api:
        url = f"{api.url}/graphql"
        for _ in range(3):
            assert answered(api.client.post(url, json=query, headers={"x-test-caller": "ann"}))
        limited = api.client.post(url, json=query, headers={"x-test-caller": "ann"})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert refused_by(limited) == ("RATE_LIMITED", None)
        # Another caller has a bucket of its own; so has the anonymous caller's address.
        assert answered(api.client.post(url, json=query, headers={"x-test-caller": "bob"}))
        assert answered(api.client.post(url, json=query))
        for _ in range(10):
            assert api.client.get(f"{api.url}/healthz").status_code == 200
            assert api.client.get(f"{api.url}/readyz").status_code == 200


# ---- errors carry a request id ------------------------------------------------------------------


def test_every_error_carries_the_request_id_of_its_response(api: LiveServer) -> None:
    response = post(api, '{ organization(id: "acme") { nope } }')
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    other = post(api, "{ organizations { localId } }")
    assert other.headers["x-request-id"] not in ("", response.headers["x-request-id"])
